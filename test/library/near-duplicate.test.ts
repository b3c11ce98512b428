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
    matches: [{ ref: { id: 'r', file: 'f', start: 0, end: refCovered, headline: '', publisher: '', date: '' }, page: { start: 0, end: pageCovered }, verdict: 'edited', counts: emptyCounts(), differences, quote: false }],
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
    expect(index.referencesSharing(article, share)).toEqual([1]);
  });
});
