// Invariants of the offset-keeping normalization (see lib/engine/normalize.ts).
import { describe, expect, it } from 'vitest';
import { fold, NUMBER_BREAK, rawSpan } from '../../lib/engine/normalize';
import { despin, bundledLexicon } from '../../lib/engine/lexicon';
import { testCorpus, toTraditional } from './fixtures';

function checkMap(raw: string) {
  const f = fold(raw);
  expect(f.rawStart.length).toBe(f.text.length);
  expect(f.rawEnd.length).toBe(f.text.length);
  for (let i = 0; i < f.text.length; i++) {
    expect(f.rawStart[i]!).toBeLessThan(f.rawEnd[i]!);
    expect(f.rawEnd[i]!).toBeLessThanOrEqual(raw.length);
    if (i > 0) {
      // Monotone: each unit starts no earlier than the previous one, and never inside it.
      expect(f.rawStart[i]!).toBeGreaterThanOrEqual(f.rawStart[i - 1]!);
      expect(f.rawStart[i]! === f.rawStart[i - 1]! || f.rawStart[i]! >= f.rawEnd[i - 1]!).toBe(true);
    }
  }
  return f;
}

describe('fold', () => {
  it('keeps a monotone map whose raw slices fold back to the folded text, on every seed', () => {
    for (const text of Object.values(testCorpus().files)) {
      const f = checkMap(text);
      // The raw slice of any folded span folds back to that span.
      for (let a = 0; a < f.text.length; a += 97) {
        const b = Math.min(f.text.length, a + 41);
        const span = rawSpan(f, a, b);
        expect(fold(text.slice(span.start, span.end)).text).toBe(f.text.slice(a, b));
      }
    }
  });

  it('drops whitespace, zero-width characters and punctuation, so a word broken across a blank line joins again', () => {
    expect(fold('加强社会力\n\n　　量组织动员').text).toBe('加强社会力量组织动员');
    expect(fold('疫\u200b情，防控。').text).toBe('疫情防控');
    expect(fold('“四个意识”').text).toBe(fold('"四个意识"').text);
  });

  it('folds width and case, and keeps decimal points and percent signs', () => {
    expect(fold('ＡＢＣ１２３').text).toBe('abc123');
    expect(fold('增长３．５％').text).toBe('增长3.5%');
    expect(fold('第3.5').text).toBe('第3.5');
    expect(fold('3。5').text).toBe('35');
  });

  it('maps Traditional (Taiwan and Hong Kong forms) to the same folded text as Simplified, character for character', () => {
    for (const text of Object.values(testCorpus().files)) {
      const simplified = fold(text).text;
      for (const to of ['tw', 'hk', 't'] as const) {
        const trad = toTraditional(text, to);
        expect(trad.length).toBe(text.length);
        expect(fold(trad).text).toBe(simplified);
      }
    }
  });

  it('drops lone surrogates and keeps astral characters whole', () => {
    const f = checkMap('a\ud800b\udc00c𠀀d😀e');
    expect(f.text).toBe('abc𠀀de');
  });
});

describe('despin', () => {
  const lexicon = bundledLexicon();
  it('maps spun forms back to their originals, with units covering the whole spun word', () => {
    const k = despin('东谈主民作念好服务', lexicon);
    expect(k.text).toBe('人民做好工作');
    // 人 comes from 东谈主 (folded 0..3).
    expect([k.foldStart[0], k.foldEnd[0]]).toEqual([0, 3]);
    expect(k.entry[0]).toBeGreaterThanOrEqual(0);
    expect(k.entry[1]).toBe(-1);
  });

  it('is the same function on both sides: a genuine word keys the same as its faithful copy', () => {
    for (const text of Object.values(testCorpus().files)) {
      const f = fold(text).text;
      expect(despin(f, lexicon).text).toBe(despin(f, lexicon).text);
    }
    // 服务 in a reference and 服务 in its copy: equal keys, so no difference can arise.
    expect(despin('为人民服务', lexicon).text).toBe(despin('为人民服务', lexicon).text);
  });
});

describe('number breaks', () => {
  it('keeps one break where whitespace separated two digits, mapped to the dropped run', () => {
    const raw = '12:00 \u3000\n3月17日';
    const f = checkMap(raw);
    expect(f.text).toBe(`1200${NUMBER_BREAK}3月17日`);
    const at = f.text.indexOf(NUMBER_BREAK);
    expect(raw.slice(f.rawStart[at]!, f.rawEnd[at]!)).toBe(' \u3000\n');
    // The raw slice of a span across the break folds back to it.
    const span = rawSpan(f, at - 2, at + 3);
    expect(fold(raw.slice(span.start, span.end)).text).toBe(f.text.slice(at - 2, at + 3));
  });

  it('folds punctuation alone between digits, zero-width junk inside a number, and whitespace next to other characters away', () => {
    expect(fold('12:00').text).toBe('1200');
    expect(fold('1,000').text).toBe('1000');
    expect(fold('2020-01-25').text).toBe('20200125');
    expect(fold('1\u200b2').text).toBe('12');
    expect(fold('3 月 17 日').text).toBe('3月17日');
    expect(fold('第3版 会议').text).toBe('第3版会议');
    expect(fold('１２ ３').text).toBe(`12${NUMBER_BREAK}3`);
  });
});
