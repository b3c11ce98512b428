// Junk padding (issue 11, "No warning at all"): about 100 junk characters
// after each edited sentence must not split the match and hide the edits.
// The repost is matched through the junk (verify.ts bridgeInsertions), every
// edit is reported, and the junk itself is an insertion.
import { describe, expect, it } from 'vitest';
import { verify } from '../../lib/engine';
import { defaultOptions } from '../../lib/engine/options';
import { edits, faithfulText, filler, rng } from '../e2e/pages';
import { testIndex } from './fixtures';

function padded(junkChars: number): string {
  let text = faithfulText();
  let n = 0;
  for (const e of Object.values(edits)) text = text.replace(e.from, e.to + filler(junkChars, rng(11 + n++)));
  return text;
}

describe('a repost padded with junk after each edit', () => {
  const r = verify(padded(100), testIndex());
  const own = r.matches.filter((m) => m.ref.id === 'peoples-daily-2020-02-03-psc');

  it('is one match, through the junk', () => {
    expect(own).toHaveLength(1);
  });

  it('reports the date change, the distorting swap, the negation and the inserted sentence', () => {
    const d = own[0]!.differences;
    expect(d.some((x) => x.kind === 'alteration' && x.subkind === 'number' && x.refText === '3' && x.pageText === '5')).toBe(true);
    expect(d.some((x) => x.pageText.includes('玩忽') && 'distorting' in x && x.distorting)).toBe(true);
    expect(d.some((x) => x.kind === 'alteration' && x.subkind === 'negation' && x.pageText === '不')).toBe(true);
    expect(d.some((x) => x.kind === 'insertion' && x.pageText.includes('据悉，会议还决定向每位市民免费发放口罩十只'))).toBe(true);
  });

  it('reports the junk itself as inserted text', () => {
    const junk = filler(100, rng(11));
    expect(own[0]!.differences.some((x) => x.kind === 'insertion' && x.pageText.includes(junk))).toBe(true);
  });

  // maxInsertionBridge: junk just inside the bound is crossed, just outside it is not.
  it.each([
    [defaultOptions.maxInsertionBridge - 20, true],
    [defaultOptions.maxInsertionBridge + 20, false],
  ])('junk of %i characters: the date change before it is reported: %s', (chars, found) => {
    const m = verify(padded(chars), testIndex()).matches.filter((x) => x.ref.id === 'peoples-daily-2020-02-03-psc');
    const dated = m.some((x) => x.differences.some((d) => d.kind === 'alteration' && d.subkind === 'number' && d.refText === '3' && d.pageText === '5'));
    expect(dated).toBe(found);
  });
});
