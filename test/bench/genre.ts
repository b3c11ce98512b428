// Precision at corpus scale (issue 7): a corpus of the seeds plus 1,000
// same-genre bulletins (synth.ts genreCorpus: the genre's formulas filled with
// unrelated content), pages of meetings NOT in the corpus (the same generator,
// another seed, plus the hand-written lookalikes), and true reposts of
// references in it. Shared by `npm run bench`, `npm run quality` and a test.
import { performance } from 'node:perf_hooks';
import { buildIndex, verify } from '../../lib/engine';
import type { CorpusSource } from '../../lib/engine/types';
import { provincialMeetingOtherDate, reportQuotingInstruction } from '../engine/lookalikes';
import { otherMeetingBulletin } from '../engine/fixtures';
import { FURNITURE, genreBulletins, genreCorpus } from './synth';

export interface GenreFigures {
  references: number;
  buildMs: number;
  outside: number;
  falseAttributions: number;
  reposts: number;
  attributed: number;
  /** verify() per page, milliseconds: median and 95th percentile. */
  medianMs: number;
  p95Ms: number;
  failures: string[];
}

export function genreFigures(seeds: CorpusSource, opts: { corpus?: number; outside?: number; reposts?: number } = {}): GenreFigures {
  const nCorpus = opts.corpus ?? 1000;
  const corpus = genreCorpus(seeds, nCorpus);
  let t = performance.now();
  const index = buildIndex(corpus);
  const buildMs = performance.now() - t;
  const wrap = (s: string) => `${FURNITURE}\n${s}\n${FURNITURE}`;
  // Meetings not in the corpus: another seed of the generator, and the hand-written lookalikes.
  const outside = [
    ...genreBulletins(seeds, opts.outside ?? 300, 977).map((b) => b.text),
    provincialMeetingOtherDate,
    reportQuotingInstruction,
    otherMeetingBulletin,
  ].map(wrap);
  // True reposts: every real reference and a spread of the genre bulletins, in furniture.
  const refs = corpus.entries.filter((e) => e.role === 'reference');
  const step = Math.max(1, Math.floor(refs.length / (opts.reposts ?? 200)));
  const sample = refs.filter((e, i) => !e.id.startsWith('genre-') || i % step === 0);
  const times: number[] = [];
  const failures: string[] = [];
  let falseAttributions = 0;
  for (const page of outside) {
    t = performance.now();
    const r = verify(page, index);
    times.push(performance.now() - t);
    if (r.matches.length > 0) {
      falseAttributions++;
      failures.push(`outside page matched ${r.matches.map((m) => m.ref.id).join(', ')}`);
    }
  }
  let attributed = 0;
  for (const e of sample) {
    const page = wrap(corpus.files[e.file]!.slice(e.start, e.end));
    t = performance.now();
    const r = verify(page, index);
    times.push(performance.now() - t);
    if (r.matches.length > 0 && r.matches.every((m) => m.ref.id === e.id) && r.verdict === 'faithful') attributed++;
    else failures.push(`repost of ${e.id}: ${r.verdict}, ${r.matches.map((m) => m.ref.id).join(', ') || 'no match'}`);
  }
  times.sort((a, b) => a - b);
  return {
    references: refs.length,
    buildMs,
    outside: outside.length,
    falseAttributions,
    reposts: sample.length,
    attributed,
    medianMs: times[Math.floor(times.length / 2)]!,
    p95Ms: times[Math.floor(times.length * 0.95)]!,
    failures,
  };
}
