// Candidate selection: the same choice as the plain quadratic procedure it
// replaced (checked on random candidates), and bounded work on hostile pages.
// Counts only, never timings.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verify } from '../../lib/engine';
import { findCandidates, selectCandidates, type Candidate } from '../../lib/engine/candidates';
import { despin } from '../../lib/engine/lexicon';
import { fold } from '../../lib/engine/normalize';
import { defaultOptions, resolveOptions, type EngineOptions } from '../../lib/engine/options';
import { article, references, testIndex } from './fixtures';

const K = 5;

function summarize(doc: number, hits: Candidate['hits']): Candidate {
  let weight = 0;
  let covered = 0;
  let coveredEnd = -1;
  for (const h of hits) {
    const fresh = Math.min(K, h.p + K - Math.max(coveredEnd, h.p));
    if (fresh > 0) {
      weight += fresh * h.w;
      covered += fresh;
    }
    coveredEnd = Math.max(coveredEnd, h.p + K);
  }
  const first = hits[0]!;
  const last = hits[hits.length - 1]!;
  return { doc, pageStart: first.p, pageEnd: last.p + K, refStart: first.r, refEnd: last.r + K, weight, coverage: covered / (last.p + K - first.p), hits };
}

/** The selection as first written: a sorted list re-sorted on every push, overlap by scanning everything taken. */
function naiveSelect(cands: Candidate[], opts: EngineOptions): Candidate[] {
  const passes = (c: Candidate) => c.weight >= opts.minMatchWeight && c.coverage >= opts.minMatchDensity;
  const pending = cands.filter(passes).sort((a, b) => b.weight - a.weight);
  const taken: Candidate[] = [];
  while (pending.length > 0) {
    const c = pending.shift()!;
    if (!taken.some((t) => c.pageStart < t.pageEnd && t.pageStart < c.pageEnd)) {
      taken.push(c);
      continue;
    }
    const left = c.hits.filter((h) => !taken.some((t) => h.p + K > t.pageStart && h.p < t.pageEnd));
    if (left.length === 0 || left.length === c.hits.length) continue;
    const pieces: Candidate['hits'][] = [];
    let cur: Candidate['hits'] = [];
    for (const h of left) {
      if (cur.length > 0 && taken.some((t) => t.pageStart >= cur[cur.length - 1]!.p && t.pageStart <= h.p)) {
        pieces.push(cur);
        cur = [];
      }
      cur.push(h);
    }
    if (cur.length > 0) pieces.push(cur);
    for (const piece of pieces) {
      const s = summarize(c.doc, piece);
      if (passes(s)) {
        pending.push(s);
        pending.sort((a, b) => b.weight - a.weight);
      }
    }
  }
  return taken.sort((a, b) => a.pageStart - b.pageStart);
}

/** Random chains: hits in increasing page order, with distinct weights so the order is unambiguous. */
const candidateArb = fc
  .tuple(fc.nat({ max: 3 }), fc.nat({ max: 2000 }), fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 40 }), fc.double({ min: 0.3, max: 1, noNaN: true }))
  .map(([doc, start, steps, w]) => {
    let p = start;
    const hits = steps.map((d) => ({ p: (p += d), r: p, w }));
    return summarize(doc, hits);
  });

describe('selectCandidates', () => {
  // mergeNeighbours runs after both; with maxMergeGap 0 and maxChainGap -1 it merges nothing.
  const opts: EngineOptions = { ...defaultOptions, minMatchWeight: 12, maxChainGap: -1, maxMergeGap: 0, maxCandidatesPerPage: Number.MAX_SAFE_INTEGER };

  it('chooses exactly what the quadratic procedure chose, on random overlapping candidates', () => {
    fc.assert(
      fc.property(fc.uniqueArray(candidateArb, { maxLength: 60, selector: (c) => c.weight }), (cands) => {
        const fast = selectCandidates(cands, K, opts).map((c) => [c.doc, c.pageStart, c.pageEnd]);
        const slow = naiveSelect(cands, opts).map((c) => [c.doc, c.pageStart, c.pageEnd]);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 300 },
    );
  });

  it('never returns two candidates over the same page text', () => {
    fc.assert(
      fc.property(fc.array(candidateArb, { maxLength: 80 }), (cands) => {
        const out = selectCandidates(cands, K, opts);
        for (let i = 1; i < out.length; i++) expect(out[i]!.pageStart).toBeGreaterThanOrEqual(out[i - 1]!.pageEnd);
      }),
      { numRuns: 200 },
    );
  });
});

describe('work per request is bounded (maxCandidatesPerPage)', () => {
  const index = testIndex();
  const ref = article(references()[0]!.id).text;
  // One sentence-sized piece of a reference, longer than maxDiagonalDrift so
  // every repetition is a chain of its own.
  const piece = ref.slice(100, 200);
  const candidatesFor = (n: number, opts: EngineOptions) => {
    const key = despin(fold(piece.repeat(n)).text, index.lexicon);
    return selectCandidates(findCandidates(key.text, index, opts), index.k, opts);
  };

  it('a page of one passage repeated 10,000 times (1 M characters) yields at most maxCandidatesPerPage matches', () => {
    const opts = resolveOptions();
    const page = piece.repeat(10_000);
    expect(page.length).toBe(1_000_000);
    const report = verify(page, index);
    expect(report.matches.length).toBe(opts.maxCandidatesPerPage);
    expect(report.matches.every((m) => m.verdict === 'faithful')).toBe(true);
  });

  it.each([
    ['just inside the bound: every repetition is a candidate', 6, 6],
    ['just outside the bound: one repetition too many is left out', 7, 6],
  ])('%s', (_name, repetitions, expected) => {
    const opts = { ...resolveOptions(), maxCandidatesPerPage: 6 };
    expect(candidatesFor(repetitions, opts).length).toBe(expected);
  });
});
