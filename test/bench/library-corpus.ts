// The synthetic library the library benches fill (test/bench/library.ts,
// test/bench/worker-cold.ts): bulletins of the seeds' own genre
// (genreBulletins in ./synth.ts), 9 to 15 paragraphs each, about the length of
// a seed reference (1,900 characters on average; these about 2,000).
//
// Why not syntheticCorpus (mutated seed sentences), used before: it draws
// every reference from the same few hundred sentences of the six seeds, so
// at 100,000 references every 5-gram of seed 003 that survives the mutation
// is in over a thousand of them, past the boilerplate cap (options
// maxRefsPerFingerprint), and 002 matched nothing. A real library of one genre
// shares formulas (datelines, "会议强调", the instruction sentences every
// bulletin quotes), which the cap is for, and not the content of any one
// bulletin. These share exactly that: formulas, never content.
import type { CorpusSource } from '../../lib/engine/types';
import { genreCorpus } from './synth';

export const LIBRARY_PARAGRAPHS = [9, 15] as const;

/** The seeds plus `n` genre bulletins; the bulletins are the entries whose id starts with 'genre-'. */
export function libraryCorpus(seeds: CorpusSource, n: number): CorpusSource {
  return genreCorpus(seeds, n, 21, LIBRARY_PARAGRAPHS);
}

export const isSynthetic = (id: string): boolean => id.startsWith('genre-');
