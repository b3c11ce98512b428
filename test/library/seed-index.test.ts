import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../lib/corpus/node';
import { bundledSeedIndex } from '../../lib/corpus/seed-index';
import { bundledLexicon } from '../../lib/engine/lexicon';
import { referencesOf } from '../../lib/engine/library-verify';
import { defaultOptions } from '../../lib/engine/options';
import { SegmentedIndex, storedSegmentOf } from '../../lib/engine/segmented-index';
import { sha256Hex } from '../../lib/pack';

describe('the seeds index built at build time', () => {
  it('is the index the engine builds from the seeds now', async () => {
    const asset = bundledSeedIndex();
    const seeds = loadCorpus();
    const refs = referencesOf(seeds, new SegmentedIndex(bundledLexicon(), defaultOptions.k, defaultOptions.window));
    const fresh = storedSegmentOf(refs.map((r) => r.record));
    expect(asset.k).toBe(defaultOptions.k);
    expect(asset.window).toBe(defaultOptions.window);
    expect(asset.articles).toEqual(refs.map((r) => r.entry.id));
    expect(asset.segment).toEqual(fresh);
    for (const [file, text] of Object.entries(seeds.files)) expect(asset.sha256[file]).toBe(await sha256Hex(text));
  });
});
