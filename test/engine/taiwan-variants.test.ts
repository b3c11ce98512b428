// The Taiwan phrase variants the lexicon joins are data, folded ahead of time
// (lib/tools/taiwan-variants.ts): they must equal what folding opencc's table
// gives now, so an opencc-js upgrade or a change to fold cannot leave them stale.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import taiwan from '../../lib/engine/data/taiwan-variants.json';
import { taiwanPhraseVariants, variantsSource } from '../../lib/tools/taiwan-variants';

describe('data/taiwan-variants.json', () => {
  it('equals opencc TWPhrases folded by the current fold (run npm run variants when this fails)', () => {
    expect(taiwan.pairs).toEqual(taiwanPhraseVariants());
    expect(taiwan.source).toBe(variantsSource);
  });

  it('names the installed opencc-js version as its source', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../node_modules/opencc-js/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(taiwan.source).toContain(`opencc-js ${version},`);
  });

  it('holds no pair twice', () => {
    const keys = taiwan.pairs.map(([a, b]) => `${a}\u0000${b}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
