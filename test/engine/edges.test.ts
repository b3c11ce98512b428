// Edges of a match (issue 7, item 7): spin in a headline at the start of a
// match is found, and differences up to the reference's first and last
// characters are reported when the page carries that part.
import { describe, expect, it } from 'vitest';
import { verify } from '../../lib/engine';
import { article, references, spin, testIndex, wrapInFurniture } from './fixtures';
import { THESAURUS } from './thesaurus-spinner';

/** The reference with only its first (or last) line run through the thesaurus spinner. */
function spunAt(id: string, where: 'first' | 'last') {
  const { text, entry } = article(id);
  const lines = text.split('\n');
  const i = where === 'first' ? lines.findIndex((l) => l.trim()) : lines.map((l) => l.trim() !== '').lastIndexOf(true);
  const before = lines.slice(0, i).join('\n') + (i > 0 ? '\n' : '');
  const s = spin(lines[i]!, THESAURUS);
  const page = before + s.text + (i < lines.length - 1 ? '\n' : '') + lines.slice(i + 1).join('\n');
  const swaps = s.swaps.map((x) => ({ ...x, refStart: entry.start + before.length + x.inStart, refEnd: entry.start + before.length + x.inEnd }));
  return { page, swaps };
}

const cases = references().flatMap((e) => (['first', 'last'] as const).map((w) => [e.id, w] as const)).filter(([id, w]) => spunAt(id, w).swaps.length > 0);

describe('edges of a match', () => {
  it('there are headline cases with swaps', () => {
    expect(cases.filter(([, w]) => w === 'first').length).toBeGreaterThanOrEqual(3);
  });

  it.each(cases)('%s, words swapped in its %s line: every swap is reported', (id, where) => {
    const { page, swaps } = spunAt(id, where);
    const wrapped = wrapInFurniture(page);
    const r = verify(wrapped.text, testIndex());
    const own = r.matches.filter((m) => m.ref.id === id);
    expect(own).toHaveLength(1);
    const ds = own[0]!.differences;
    for (const s of swaps) {
      const hit = ds.some((d) => d.ref.start < s.refEnd && d.ref.end > s.refStart);
      expect(hit, `${s.from}→${s.to} in the ${where} line`).toBe(true);
    }
    // Nothing of the furniture is taken in.
    expect(own[0]!.page.start).toBeGreaterThanOrEqual(wrapped.offset);
    expect(ds.every((d) => d.page.start >= wrapped.offset)).toBe(true);
  });
});

describe('digits at the edge of a match', () => {
  // Every passage of every reference that starts at a number, after page
  // furniture ending in digits: the match is the one found without the
  // furniture, shifted, and no number is said to have changed.
  const passages = references().flatMap((e) => {
    const { text } = article(e.id);
    return [...text.matchAll(/[0-9０-９]+/g)].map((m) => ({ id: e.id, text: text.slice(m.index, m.index + 300) }));
  });
  const furniture = ['2020-01-25 12:00 ', '12:00\n', '第3版 ', '浏览 1024\u3000'];

  it('there are passages that start with digits in several references', () => {
    expect(new Set(passages.map((p) => p.id)).size).toBeGreaterThanOrEqual(3);
  });

  it.each(furniture)('furniture %j before a passage starting with digits only shifts the match', (pre) => {
    const failures: string[] = [];
    for (const p of passages) {
      const alone = verify(p.text, testIndex());
      const after = verify(pre + p.text, testIndex());
      const view = (ms: typeof alone.matches, shift: number) =>
        JSON.stringify(ms.map((m) => [m.ref.id, m.page.start - shift, m.page.end - shift, m.counts, m.differences.map((d) => [d.kind, d.page.start - shift])]));
      if (view(after.matches, pre.length) !== view(alone.matches, 0)) failures.push(`${p.id} ${p.text.slice(0, 12)}`);
      if (after.counts.bySubkind.number !== alone.counts.bySubkind.number) failures.push(`${p.id} ${p.text.slice(0, 12)}: number alteration invented`);
    }
    expect(failures).toEqual([]);
  });

  it('a number broken by whitespace inside a reference (20 20, 1\n25) is the same number: faithful', () => {
    const failures: string[] = [];
    let tried = 0;
    for (const e of references()) {
      const { text } = article(e.id);
      for (const m of text.matchAll(/[0-9]{2,}/g)) {
        const at = m.index + 1;
        for (const br of [' ', '\n']) {
          tried++;
          const r = verify(text.slice(0, at) + br + text.slice(at), testIndex());
          if (r.verdict !== 'faithful') failures.push(`${e.id}@${at} ${JSON.stringify(br)}: ${r.verdict}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });
});
