// Every tunable of the engine lives in options.ts with its reason, and the
// ones moved there for issue 7 are pinned just inside and just outside.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyEdit } from '../../lib/engine/classify';
import { defaultOptions } from '../../lib/engine/options';

const source = readFileSync(join(__dirname, '../../lib/engine/options.ts'), 'utf8');

describe('options.ts', () => {
  it.each(Object.keys(defaultOptions))('%s is declared with a comment that gives its reason', (name) => {
    const at = source.indexOf(`  ${name}: number;`);
    expect(at, name).toBeGreaterThan(0);
    const before = source.slice(0, at).trimEnd();
    expect(before.endsWith('*/'), `${name} has no doc comment`).toBe(true);
  });

  it('no engine module keeps a numeric tunable of its own (UPPER_CASE number constants)', () => {
    for (const f of ['verify.ts', 'segments.ts', 'candidates.ts', 'unmatched.ts', 'classify.ts', 'evidence.ts', 'paragraphs.ts', 'moves.ts', 'signature.ts']) {
      const text = readFileSync(join(__dirname, '../../lib/engine', f), 'utf8');
      expect(text.match(/^const [A-Z_]+ = [0-9.]+;/gm) ?? [], f).toEqual([]);
    }
  });
});

describe('clauseChars', () => {
  const ctx = (page: string) => ({ ref: '', page, refBefore: '会议指出', refAfter: '要加强', pageBefore: '会议指出', pageAfter: '要加强', spin: false, distorting: false });
  it(`added text of ${defaultOptions.clauseChars} characters holding a date is a number alteration (just inside)`, () => {
    const t = '于1月25日再次'.slice(0, defaultOptions.clauseChars);
    expect(t.length).toBe(defaultOptions.clauseChars);
    expect(classifyEdit(ctx(t))).toEqual({ kind: 'alteration', subkind: 'number' });
  });
  it('one character more is a clause: an insertion (just outside)', () => {
    const t = '于1月25日再次召开'.slice(0, defaultOptions.clauseChars + 1);
    expect(classifyEdit(ctx(t))).toEqual({ kind: 'insertion' });
  });
});
