// Sensitivity presets and the thresholds they set, each pinned just inside and
// just outside (issue 7, item 6). Lookalikes stay unmatched at every preset;
// true reposts and quotes of at least the preset's minimum stay matched.
import { describe, expect, it } from 'vitest';
import { verify } from '../../lib/engine';
import { selectCandidates, type Candidate } from '../../lib/engine/candidates';
import { earnsMatch, isQuote } from '../../lib/engine/evidence';
import { resolveOptions, sensitivities } from '../../lib/engine/options';
import { article, otherMeetingBulletin, references, testIndex, wrapInFurniture } from './fixtures';
import { provincialMeetingOtherDate, reportQuotingInstruction } from './lookalikes';

const presets = sensitivities.map((s) => [s, resolveOptions({ sensitivity: s })] as const);

/** `n` Han characters of a reference from `from` on (with the punctuation between them). */
function passage(id: string, from: string, n: number): string {
  const { text } = article(id);
  let i = text.indexOf(from);
  if (i < 0) throw new Error(`no ${from}`);
  let han = 0;
  let out = '';
  while (han < n) {
    const c = text[i++]!;
    out += c;
    if (/[\u4e00-\u9fff]/.test(c)) han++;
  }
  return out;
}

/** A passage inside unrelated text. */
const inUnrelated = (p: string) => `天气预报：明日多云，气温回升。\n${p}\n以上内容仅供参考，转载请注明出处。`;

describe.each(presets)('preset %s', (name, opts) => {
  describe('minMatchChars: the content a match needs', () => {
    // A passage without stock phrasing: every Han character is content.
    it(`a quote of exactly ${opts.minMatchChars} Han characters is a match with quote: true (just inside)`, () => {
      const r = verify(inUnrelated(passage('xinhua-2022-03-17-psc', '要加快疾控体系改革', opts.minMatchChars)), testIndex(), { sensitivity: name });
      expect(r.matches).toHaveLength(1);
      expect(r.matches[0]!.quote).toBe(true);
      expect(r.verdict).toBe('faithful');
    });
    it(`one Han character fewer (${opts.minMatchChars - 1}) is unmatched (just outside)`, () => {
      const r = verify(inUnrelated(passage('xinhua-2022-03-17-psc', '要加快疾控体系改革', opts.minMatchChars - 1)), testIndex(), { sensitivity: name });
      expect(r.matches).toEqual([]);
    });
  });

  describe('earnsMatch: density and changed share', () => {
    const base = { content: opts.minMatchChars, span: opts.minMatchChars / opts.minMatchDensity, changedShare: opts.maxChangedShare };
    it('at every threshold exactly, the match is earned (just inside)', () => {
      expect(earnsMatch(base, opts)).toBe(true);
    });
    it('content density just under minMatchDensity is refused (just outside)', () => {
      expect(earnsMatch({ ...base, span: base.span + 2 }, opts)).toBe(false);
    });
    it('a changed share just over maxChangedShare is refused (just outside)', () => {
      expect(earnsMatch({ ...base, changedShare: opts.maxChangedShare + 0.01 }, opts)).toBe(false);
    });
    it('no preset lets a mostly changed region through', () => {
      expect(opts.maxChangedShare).toBeLessThanOrEqual(0.5);
      expect(opts.minMatchChars).toBeGreaterThanOrEqual(40);
    });
  });

  describe('minMatchWeight and minMatchDensity: which chains become candidates', () => {
    const K = testIndex().k;
    /** A chain of hits every `step` characters, each of weight w. */
    const chain = (n: number, step: number, w: number): Candidate => {
      const hits = Array.from({ length: n }, (_, i) => ({ p: i * step, r: i * step, w }));
      const covered = Math.min(step, K) * (n - 1) + K;
      const pageEnd = (n - 1) * step + K;
      return { doc: 0, pageStart: 0, pageEnd, refStart: 0, refEnd: pageEnd, weight: covered * w, coverage: covered / pageEnd, hits };
    };
    it('a chain weighing exactly minMatchWeight is kept (just inside); a little less is dropped (just outside)', () => {
      const n = Math.ceil(opts.minMatchWeight / K);
      const w = opts.minMatchWeight / (n * K);
      expect(selectCandidates([chain(n, K, w)], K, opts)).toHaveLength(1);
      expect(selectCandidates([chain(n, K, w * 0.99)], K, opts)).toHaveLength(0);
    });
    it('a chain just over minMatchDensity coverage is kept; just under is dropped', () => {
      // Hits `step` apart cover K of every step characters: coverage about K / step.
      const stepInside = Math.floor(K / opts.minMatchDensity);
      const stepOutside = stepInside + 2;
      const n = 200;
      const inside = chain(n, stepInside, 1);
      const outside = chain(n, stepOutside, 1);
      expect(inside.coverage).toBeGreaterThanOrEqual(opts.minMatchDensity);
      expect(outside.coverage).toBeLessThan(opts.minMatchDensity);
      expect(selectCandidates([inside], K, opts)).toHaveLength(1);
      expect(selectCandidates([outside], K, opts)).toHaveLength(0);
    });
  });

  describe('lookalikes are never matched', () => {
    it.each([
      ['a provincial meeting of another date on the same template', provincialMeetingOtherDate],
      ['a report quoting an earlier instruction that a bulletin also carries', reportQuotingInstruction],
      ['a bulletin of another meeting in the same stock phrases', otherMeetingBulletin],
      ['the same inside page furniture', wrapInFurniture(provincialMeetingOtherDate).text],
    ])('%s: unmatched', (_label, page) => {
      const r = verify(page, testIndex(), { sensitivity: name });
      expect(r.matches.map((m) => m.ref.id)).toEqual([]);
      expect(r.verdict).toBe('unmatched');
    });
  });

  it('every reference reposted in furniture is still matched, faithfully', () => {
    for (const e of references()) {
      const r = verify(wrapInFurniture(article(e.id).text).text, testIndex(), { sensitivity: name });
      expect(r.matches.map((m) => m.ref.id)).toEqual([e.id]);
      expect(r.matches[0]!.quote).toBe(false);
      expect(r.verdict).toBe('faithful');
    }
  });
});

describe('quoteMaxShare: a quote or a repost', () => {
  const opts = resolveOptions();
  it('just under the share is a quote; at the share it is a repost', () => {
    expect(isQuote(499, 1000, opts)).toBe(true);
    expect(isQuote(500, 1000, opts)).toBe(false);
  });
  it('the first third of a reference on a page is a quote; nine tenths of it is not', () => {
    const { text } = article('xinhua-2020-01-25-psc');
    const cut = (share: number) => text.slice(0, text.indexOf('。', Math.floor(text.length * share)) + 1);
    const third = verify(inUnrelated(cut(0.3)), testIndex());
    expect(third.matches.map((m) => m.quote)).toEqual([true]);
    const most = verify(inUnrelated(cut(0.9)), testIndex());
    expect(most.matches.map((m) => m.quote)).toEqual([false]);
  });
});
