// Spinning recognised by its signature (issue 7, items 1 and 2): a copy run
// through a thesaurus spinner the lexicon has never seen is scrambled, its
// swaps are spin with listed: false, meaning reversals are distorting; sparse
// hand edits stay alterations. Precision and recall are printed by `npm run quality`.
import { describe, expect, it } from 'vitest';
import { verify, type Difference } from '../../lib/engine';
import type { EditClass } from '../../lib/engine/classify';
import { bundledLexicon, pairKey } from '../../lib/engine/lexicon';
import { resolveOptions } from '../../lib/engine/options';
import type { Segment } from '../../lib/engine/segments';
import { unlistedSpin } from '../../lib/engine/signature';
import { applyEdits, article, references, spin, testIndex } from './fixtures';
import { THESAURUS } from './thesaurus-spinner';

const lexicon = bundledLexicon();

/**
 * Recall: swaps a spin difference overlaps on both sides; precision: spin
 * differences that overlap a swap. Overlap, not containment: 疫情→病情 keeps
 * 情, so the difference is the changed 疫→病.
 */
export function spinScores(id: string, pairs: ReadonlyArray<readonly [string, string]>): { swaps: number; recall: number; precision: number; spins: Difference[]; verdict: string } {
  const { text, entry } = article(id);
  const spun = spin(text, pairs);
  const r = verify(spun.text, testIndex());
  const found = r.matches.filter((m) => m.ref.id === id).flatMap((m) => m.differences);
  const spins = found.filter((d) => d.kind === 'spin');
  const inside = (d: Difference, s: (typeof spun.swaps)[number]) =>
    d.ref.start < entry.start + s.inEnd && d.ref.end > entry.start + s.inStart && d.page.start < s.outEnd && d.page.end > s.outStart;
  const recall = spun.swaps.filter((s) => spins.some((d) => inside(d, s))).length / Math.max(1, spun.swaps.length);
  const precision = spins.filter((d) => spun.swaps.some((s) => inside(d, s))).length / Math.max(1, spins.length);
  return { swaps: spun.swaps.length, recall, precision, spins, verdict: r.verdict };
}

describe('a thesaurus spinner the lexicon does not know', () => {
  it('shares no pair and no spun form with the lexicon', () => {
    const spunForms = new Set(lexicon.entries.map((e) => e.spun));
    for (const [a, b] of THESAURUS) {
      expect(lexicon.byPair.has(pairKey(a, b)), `${a}→${b}`).toBe(false);
      expect(spunForms.has(b), b).toBe(false);
      expect(lexicon.keyForm.has(b), b).toBe(false);
      expect(a.length).toBe(b.length);
    }
  });

  it.each(references().map((e) => e.id))('%s spun by it is scrambled; its swaps are unlisted spin (precision and recall >= 0.9)', (id) => {
    const s = spinScores(id, THESAURUS);
    expect(s.swaps).toBeGreaterThan(50);
    expect(s.verdict).toBe('scrambled');
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.spins.filter((d) => d.kind === 'spin' && !d.listed).length).toBeGreaterThan(s.spins.length * 0.9);
  });

  it('its meaning-reversing swaps are distorting (加快→减缓, 提高→降低, 打赢→输掉)', () => {
    const { spins } = spinScores('peoples-daily-2020-02-03-psc', THESAURUS);
    const distorting = spins.filter((d) => d.kind === 'spin' && d.distorting).map((d) => `${d.refText}→${d.pageText}`);
    for (const swap of ['提高→降低', '加快→减缓']) expect(distorting.some((d) => d.includes(swap.split('→')[0]!)), swap).toBe(true);
    const plain = spins.filter((d) => d.kind === 'spin' && !d.distorting).map((d) => d.refText);
    expect(plain.some((w) => w.includes('会议'))).toBe(true);
  });

  it('a few of its swaps in a repost are not a signature: they stay alterations and the repost is edited', () => {
    const few = spin(article('xinhua-2022-03-17-psc').text, [['强调', '着重'], ['部署', '布置'], ['形势', '局势']]);
    expect(few.swaps.length).toBeLessThan(8);
    const r = verify(few.text, testIndex());
    expect(r.verdict).toBe('edited');
    expect(r.counts.spin).toBe(0);
  });
});

describe('meaning reversed by a hand edit', () => {
  it.each([
    ['sichuan-2020-01-26-provincial-committee', '进一步增强了我们', '增强', '削弱'],
    ['xinhua-2022-03-17-psc', '扩大重点人群监测覆盖面', '扩大', '缩小'],
    ['xinhua-2022-03-17-psc', '要加快疾控体系改革', '加快', '放慢'],
    ['peoples-daily-2020-02-03-psc', '要加大科研攻关力度', '加大', '减少'],
  ])('%s: %s with %s→%s is a distorting alteration', (id, context, from, to) => {
    const { text } = applyEdits(id, [{ context, from, to, kind: 'alteration', subkind: 'wording' }]);
    const ds = verify(text, testIndex()).matches.flatMap((m) => m.differences);
    const d = ds.find((x) => x.refText.includes(from));
    if (to === '减少') {
      // 加大/减少 is not a listed pair: wording, not distorting. The table is reviewed, not guessed.
      expect(d?.kind === 'alteration' && d.distorting).toBe(false);
      return;
    }
    expect(d?.kind).toBe('alteration');
    expect(d?.kind === 'alteration' && d.distorting).toBe(true);
  });

  it('a negation inserted is distorting too', () => {
    const { text } = applyEdits('peoples-daily-2020-02-03-psc', [{ context: '要加大科研攻关力度', from: '要加大', to: '不要加大', kind: 'alteration', subkind: 'negation' }]);
    const d = verify(text, testIndex()).matches.flatMap((m) => m.differences)[0]!;
    expect(d.kind === 'alteration' && d.subkind === 'negation' && d.distorting).toBe(true);
  });
});

describe('signature thresholds, just inside and just outside', () => {
  const opts = resolveOptions();
  /** A folded reference of `han` Han characters with `n` two-character swaps spread evenly. */
  const build = (n: number, han: number, extra: Array<{ seg: Segment; cls: EditClass }> = [], bunched = false) => {
    const ref = '甲'.repeat(han);
    const page = '乙'.repeat(han);
    const step = bunched ? 3 : Math.floor(han / n);
    const edits = Array.from({ length: n }, (_, i) => {
      const at = i * step;
      return { seg: { equal: false, r0: at, r1: at + 2, p0: at, p1: at + 2, spin: false, distorting: false }, cls: { kind: 'alteration', subkind: 'wording' } as EditClass };
    });
    return unlistedSpin([...edits, ...extra], ref, page, 0, han, opts);
  };
  it('spinSignatureMinSwaps', () => {
    const min = opts.spinSignatureMinSwaps;
    expect(build(min, 100).size).toBe(min);
    expect(build(min - 1, 100).size).toBe(0);
  });
  it('spinSignaturePer100', () => {
    const n = 12;
    const han = Math.floor((n * 100) / opts.spinSignaturePer100);
    expect(build(n, han).size).toBe(n);
    expect(build(n, han + 10).size).toBe(0);
  });
  it('spinSignatureSwapShare', () => {
    const n = 16;
    const clause = (i: number) => ({ seg: { equal: false, r0: 200 + i * 10, r1: 206 + i * 10, p0: 200 + i * 10, p1: 203 + i * 10, spin: false, distorting: false }, cls: { kind: 'alteration', subkind: 'wording' } as EditClass });
    const allowed = Math.floor(n / opts.spinSignatureSwapShare) - n;
    expect(build(n, 300, Array.from({ length: allowed }, (_, i) => clause(i))).size).toBe(n);
    expect(build(n, 300, Array.from({ length: allowed + 1 }, (_, i) => clause(i))).size).toBe(0);
  });
  it('spinSignatureSpread: the same swaps bunched in one stretch are no signature', () => {
    expect(build(20, 400).size).toBe(20);
    expect(build(20, 400, [], true).size).toBe(0);
  });
  it('spinSwapMaxChars: a longer same-length replacement is no swap', () => {
    const long = opts.spinSwapMaxChars + 1;
    const seg = { equal: false, r0: 0, r1: long, p0: 0, p1: long, spin: false, distorting: false };
    const edits = Array.from({ length: 10 }, (_, i) => ({ seg: { ...seg, r0: i * 10, r1: i * 10 + long, p0: i * 10, p1: i * 10 + long }, cls: { kind: 'alteration', subkind: 'wording' } as EditClass }));
    expect(unlistedSpin(edits, '甲'.repeat(100), '乙'.repeat(100), 0, 100, opts).size).toBe(0);
  });
});
