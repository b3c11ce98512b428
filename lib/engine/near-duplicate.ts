// Is a new text the same bulletin as a reference already in the corpus? The
// same Xinhua report is carried by news.cn, people.com.cn, gov.cn and a
// provincial portal, and a reader may capture it twice: that is one original
// with several sources, not several originals (which would also split the
// weight of its fingerprints between copies, see candidates.ts).
//
// Decided from the engine's own report of the new article against the corpus:
// one match that covers nearly all of both articles and changes almost none of
// it. A spun or edited copy is not a duplicate: it is exactly what Yuanwen
// exists to flag.
import { resolveOptions, type EngineOptions } from './options';
import type { Match, Report } from './types';

export type DuplicateVerdict = { kind: 'new' } | { kind: 'duplicate'; of: string; match: Match };

/**
 * @param report   verify(articleText) against the corpus
 * @param articleLength  length of the new article's text
 * @param referenceLength  article length (entry.end - entry.start) of a reference, by id
 */
export function nearDuplicate(report: Report, articleLength: number, referenceLength: (id: string) => number | undefined, options?: Partial<EngineOptions>): DuplicateVerdict {
  const opts = resolveOptions(options);
  for (const m of report.matches) {
    const refLength = referenceLength(m.ref.id);
    if (refLength === undefined || articleLength === 0) continue;
    const pageShare = (m.page.end - m.page.start) / articleLength;
    const refShare = (m.ref.end - m.ref.start) / refLength;
    let changed = 0;
    for (const d of m.differences) changed += Math.max(d.ref.end - d.ref.start, d.page.end - d.page.start);
    if (pageShare >= opts.nearDuplicateCoverage && refShare >= opts.nearDuplicateCoverage && changed <= opts.nearDuplicateChangeShare * articleLength) {
      return { kind: 'duplicate', of: m.ref.id, match: m };
    }
  }
  return { kind: 'new' };
}
