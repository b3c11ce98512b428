import { describe, expect, it } from 'vitest';
import { nearDuplicate } from '../../lib/engine/near-duplicate';
import { defaultOptions } from '../../lib/engine/options';
import { emptyCounts } from '../../lib/engine';
import type { Difference, Report } from '../../lib/engine/types';

const L = 1000;
function reportOf(pageCovered: number, refCovered: number, changed: number): Report {
  const differences: Difference[] = changed > 0 ? [{ kind: 'alteration', subkind: 'wording', distorting: false, ref: { start: 10, end: 10 + changed }, page: { start: 10, end: 10 + changed }, refText: '', pageText: '' }] : [];
  return {
    verdict: 'edited',
    matches: [{ ref: { id: 'r', file: 'f', start: 0, end: refCovered, headline: '', publisher: '', date: '' }, page: { start: 0, end: pageCovered }, verdict: 'edited', quote: false, counts: emptyCounts(), differences }],
    unmatched: [],
    counts: emptyCounts(),
  };
}

describe('near-duplicate thresholds (options.nearDuplicateCoverage, nearDuplicateChangeShare)', () => {
  const cov = defaultOptions.nearDuplicateCoverage;
  const share = defaultOptions.nearDuplicateChangeShare;
  const refLength = () => L;

  it('coverage: just inside is a duplicate, just outside is not (either side)', () => {
    expect(nearDuplicate(reportOf(Math.ceil(cov * L), L, 0), L, refLength).kind).toBe('duplicate');
    expect(nearDuplicate(reportOf(Math.ceil(cov * L) - 1, L, 0), L, refLength).kind).toBe('new');
    expect(nearDuplicate(reportOf(L, Math.ceil(cov * L) - 1, 0), L, refLength).kind).toBe('new');
  });

  it('changed characters: just inside is a duplicate, just outside is not', () => {
    expect(nearDuplicate(reportOf(L, L, Math.floor(share * L)), L, refLength).kind).toBe('duplicate');
    expect(nearDuplicate(reportOf(L, L, Math.floor(share * L) + 1), L, refLength).kind).toBe('new');
  });

  it('an unknown reference is never a duplicate', () => {
    expect(nearDuplicate(reportOf(L, L, 0), L, () => undefined).kind).toBe('new');
  });
});

describe('near-duplicate prefilter (options.nearDuplicatePrefilterShare)', () => {
  it('a reference holding just the share of the fingerprints is considered, one fewer is not', async () => {
    const { SegmentedIndex } = await import('../../lib/engine/segmented-index');
    const { bundledLexicon } = await import('../../lib/engine/lexicon');
    const index = new SegmentedIndex(bundledLexicon(), defaultOptions.k, defaultOptions.window);
    const article = Array.from({ length: 100 }, (_, i) => i + 1);
    const share = defaultOptions.nearDuplicatePrefilterShare;
    const held = Math.ceil(share * article.length);
    index.add({ doc: 1, hashes: article.slice(0, held), spun: [] });
    index.add({ doc: 2, hashes: article.slice(0, held - 1), spun: [] });
    expect(index.referencesSharing(article, share, defaultOptions.maxRefsPerFingerprint)).toEqual([1]);
  });

  it('counts only fingerprints held by at most maxDf references: one held by maxDf counts, by maxDf + 1 does not', async () => {
    const { SegmentedIndex } = await import('../../lib/engine/segmented-index');
    const { bundledLexicon } = await import('../../lib/engine/lexicon');
    const maxDf = 4;
    // Fingerprint 1 is a formula held by many references; 2 and 3 are the article's own content.
    const article = [1, 2, 3];
    const build = (formulaHolders: number) => {
      const index = new SegmentedIndex(bundledLexicon(), defaultOptions.k, defaultOptions.window);
      for (let d = 10; d < 10 + formulaHolders; d++) index.add({ doc: d, hashes: [1], spun: [] });
      index.add({ doc: 1, hashes: [1, 2], spun: [] });
      return index;
    };
    // Held by maxDf (3 others + doc 1): counted, so doc 1 holds 2 of 3 and every formula holder 1 of 3 (< half).
    expect(build(maxDf - 1).referencesSharing(article, 0.5, maxDf)).toEqual([1]);
    // Held by maxDf + 1: left out, so doc 1 holds 1 of the 2 rare ones (half), and no formula holder is counted.
    expect(build(maxDf).referencesSharing(article, 0.5, maxDf)).toEqual([1]);
    expect(build(maxDf).referencesSharing([1, 3], 0.5, maxDf)).toEqual([]);
    expect(build(maxDf - 1).referencesSharing([1, 3], 0.5, maxDf)).toEqual([1, 10, 11, 12]);
  });
});
