// Precision at corpus scale (issue 7): a corpus of the seeds plus 1,000
// same-genre bulletins (synth.ts genreCorpus: the genre's formulas filled with
// unrelated content), pages of meetings NOT in the corpus (the same generator,
// another seed, plus the hand-written lookalikes), and true reposts of
// references in it. Shared by `npm run bench`, `npm run quality` and a test.
// Two conditions: the genre's formulas of synth.ts GENRE (most of them in the
// engine's stock-phrase list) and HELD_OUT_GENRE (none of them in it), so the
// figure does not rest on the engine knowing the generator's template.
import { performance } from 'node:perf_hooks';
import { buildIndex, verify } from '../../lib/engine';
import { findCandidates } from '../../lib/engine/candidates';
import { resolveOptions } from '../../lib/engine/options';
import { stockMask, stockPhraseKeys } from '../../lib/engine/corpus-index';
import { bundledLexicon, despin } from '../../lib/engine/lexicon';
import { fold } from '../../lib/engine/normalize';
import type { CorpusSource } from '../../lib/engine/types';
import { provincialMeetingOtherDate, reportQuotingInstruction } from '../engine/lookalikes';
import { otherMeetingBulletin } from '../engine/fixtures';
import { FURNITURE, GENRE, genreBulletins, genreCorpus, genreFormulas, type Genre } from './synth';

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
  /** The heaviest fingerprint chain a generated outside page formed with a
   *  reference (candidates.ts weight; a match needs minMatchWeight): the margin. */
  maxOutsideWeight: number;
}

export function genreFigures(seeds: CorpusSource, opts: { corpus?: number; outside?: number; reposts?: number; genre?: Genre | readonly Genre[] } = {}): GenreFigures {
  const nCorpus = opts.corpus ?? 1000;
  const genre = opts.genre ?? GENRE;
  const corpus = genreCorpus(seeds, nCorpus, 21, [4, 7], genre);
  let t = performance.now();
  const index = buildIndex(corpus);
  const buildMs = performance.now() - t;
  const wrap = (s: string) => `${FURNITURE}\n${s}\n${FURNITURE}`;
  // Meetings not in the corpus: another seed of the generator, and the hand-written lookalikes.
  const outside = [
    ...genreBulletins(seeds, opts.outside ?? 300, 977, [4, 7], genre).map((b) => b.text),
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
  let maxOutsideWeight = 0;
  const engineOpts = resolveOptions();
  for (const [n, page] of outside.entries()) {
    // The margin is of the generated pages; the hand-written lookalikes (the
    // last three) share real sentences with the seeds and are refused later, on
    // what alignment finds (evidence.ts).
    if (n < outside.length - 3) {
      const key = despin(fold(page).text, index.lexicon).text;
      for (const c of findCandidates(key, index, engineOpts)) maxOutsideWeight = Math.max(maxOutsideWeight, c.weight);
    }
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
    maxOutsideWeight,
  };
}

/**
 * How much of a genre's formulas the engine knows as template: the share of
 * their key characters (folded and de-spun, as the engine sees them) inside a
 * stock phrase of lib/engine/data/stock-phrases.json, and the formulas that
 * hold any.
 */
export function stockCoverage(genre: Genre | readonly Genre[]): { share: number; known: string[] } {
  const lexicon = bundledLexicon();
  const phrases = stockPhraseKeys(lexicon);
  let inside = 0;
  let total = 0;
  const known: string[] = [];
  const formulas = new Set((Array.isArray(genre) ? genre : [genre as Genre]).flatMap(genreFormulas));
  for (const f of formulas) {
    const key = despin(fold(f).text, lexicon).text;
    const n = stockMask(key, phrases).reduce((a, b) => a + b, 0);
    inside += n;
    total += key.length;
    if (n > 0) known.push(f);
  }
  return { share: total === 0 ? 0 : inside / total, known };
}
