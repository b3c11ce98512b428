// The edge, line and move tunables of options.ts, each pinned just inside and
// just outside its threshold. The input is fixed; the tunable is set to the
// value the input reaches (inside: the behaviour it allows happens) and one
// step past it (outside: it does not), so a change to how a tunable is
// compared (< for <=, a unit off) fails here.
import { describe, expect, it } from 'vitest';
import { verify, type Difference } from '../../lib/engine';
import { findCandidates, selectCandidates } from '../../lib/engine/candidates';
import { despin } from '../../lib/engine/lexicon';
import { reportMoves } from '../../lib/engine/moves';
import { fold } from '../../lib/engine/normalize';
import { resolveOptions, type EngineOptions } from '../../lib/engine/options';
import { assignOwners, pageLines } from '../../lib/engine/paragraphs';
import type { Match } from '../../lib/engine/types';
import { filler, rng } from '../e2e/pages';
import { article, moveCases, testIndex } from './fixtures';

const run = (page: string, o: Partial<EngineOptions>) => verify(page, testIndex(), o);
const diffsOf = (page: string, o: Partial<EngineOptions>): Difference[] => run(page, o).matches.flatMap((m) => m.differences);
const hasDiff = (page: string, o: Partial<EngineOptions>, refText: string) => diffsOf(page, o).some((d) => d.refText.includes(refText));
const commentary = (q: string) => `评论：防疫这根弦一刻也不能松。${q}我们认为，这说明各地必须继续努力。天气预报说明天有雨。`;

/** Key-text length of a stretch [start, end) of a reference's article, offsets within the article (what the engine's edge rules count). */
function keyLength(id: string, start: number, end: number): number {
  const doc = testIndex().docs.find((d) => d.entry.id === id)!;
  const f = doc.folded;
  let f0 = 0;
  while (f0 < f.text.length && f.rawStart[f0]! < start) f0++;
  let f1 = f0;
  while (f1 < f.text.length && f.rawEnd[f1]! <= end) f1++;
  let k0 = 0;
  while (k0 < doc.key.text.length && doc.key.foldStart[k0]! < f0) k0++;
  let k1 = k0;
  while (k1 < doc.key.text.length && doc.key.foldEnd[k1]! <= f1) k1++;
  return k1 - k0;
}

describe('edgeBridgeChars and edgeAgreeChars (a replaced word at a region edge)', () => {
  // A quote whose first 4 characters are verbatim, the next 3 replaced, the
  // rest verbatim: the chain starts after the replacement, and only edge
  // extension can bridge it (3 characters, 4 agreeing before them).
  const { text } = article('xinhua-2022-03-17-psc');
  const at = text.indexOf('要加快疾控体系改革');
  const quote = text.slice(at, at + 70);
  const replaced = quote.slice(4, 7);
  const page = commentary(quote.slice(0, 4) + '某某某' + quote.slice(7));
  it('at the defaults the replacement is reported', () => {
    expect(resolveOptions().edgeBridgeChars).toBe(3);
    expect(resolveOptions().edgeAgreeChars).toBe(4);
    expect(hasDiff(page, {}, replaced)).toBe(true);
  });
  it('edgeBridgeChars 3 bridges 3 replaced characters (just inside), 2 does not (just outside)', () => {
    expect(hasDiff(page, { edgeBridgeChars: 3 }, replaced)).toBe(true);
    expect(hasDiff(page, { edgeBridgeChars: 2 }, replaced)).toBe(false);
  });
  it('edgeAgreeChars 4 is met by 4 agreeing characters (just inside), 5 is not (just outside)', () => {
    expect(hasDiff(page, { edgeAgreeChars: 4 }, replaced)).toBe(true);
    expect(hasDiff(page, { edgeAgreeChars: 5 }, replaced)).toBe(false);
  });
});

describe('headNameChars (a name opening the reference)', () => {
  const { text } = article('xinhua-2020-01-25-psc');
  expect(text.startsWith('习近平')).toBe(true);
  const page = `李克强${text.slice(3)}`;
  const named = (o: Partial<EngineOptions>) => diffsOf(page, o).some((d) => d.kind === 'alteration' && d.subkind === 'name' && d.refText === '习近平');
  it('3 replaced first characters are taken in at headNameChars 3 (just inside), not at 2 (just outside)', () => {
    expect(named({})).toBe(true);
    expect(named({ headNameChars: 3 })).toBe(true);
    expect(named({ headNameChars: 2 })).toBe(false);
  });
});

describe('tailOmissionChars (a dropped closing line)', () => {
  const { text, entry } = article('xinhua-2022-03-17-psc');
  const closing = '会议还研究了其他事项。';
  const cut = text.lastIndexOf(closing);
  expect(cut).toBeGreaterThan(0);
  const page = text.slice(0, cut);
  const tail = keyLength(entry.id, cut, text.length);
  const omitted = (o: Partial<EngineOptions>) => diffsOf(page, o).some((d) => d.kind === 'omission' && d.refText.includes('其他事项'));
  it(`a dropped tail of ${tail} key characters is an omission at tailOmissionChars ${tail} (just inside), not at ${tail - 1} (just outside)`, () => {
    expect(tail).toBeGreaterThan(5);
    expect(omitted({})).toBe(true);
    expect(omitted({ tailOmissionChars: tail })).toBe(true);
    expect(omitted({ tailOmissionChars: tail - 1 })).toBe(false);
  });
});

describe('endReach, endWords and endSlack (a sentence dropped just before the closing line)', () => {
  // The sentence before the closing line dropped: the match stops before it,
  // and reachEnds finds the closing words beyond, so the drop is an omission.
  const { text, entry } = article('xinhua-2022-03-17-psc');
  const closing = text.lastIndexOf('会议还研究了其他事项');
  const sentenceStart = text.lastIndexOf('。', text.lastIndexOf('。', closing) - 1) + 1;
  const sentence = text.slice(sentenceStart, closing).trim();
  const page = text.slice(0, sentenceStart) + text.slice(closing);
  const reachNeeded = keyLength(entry.id, sentenceStart, text.length);
  const omitted = (o: Partial<EngineOptions>) => diffsOf(page, o).some((d) => d.kind === 'omission' && d.refText.includes(sentence.replace(/\s/g, '').slice(0, 6)));
  // edgeTextChars would take a short tail in by alignment: kept out of the way here.
  const base = { edgeTextChars: 0, tailOmissionChars: 0 };
  it('the case needs reachEnds: the dropped sentence is longer than a tail omission', () => {
    expect(reachNeeded).toBeGreaterThan(resolveOptions().tailOmissionChars);
    expect(reachNeeded).toBeLessThanOrEqual(resolveOptions().endReach);
    expect(omitted({})).toBe(true);
  });
  it(`endReach ${reachNeeded} (the distance from the match's end to the reference's) reaches (just inside); one less does not (just outside)`, () => {
    expect(omitted({ ...base, endReach: reachNeeded })).toBe(true);
    expect(omitted({ ...base, endReach: reachNeeded - 1 })).toBe(false);
  });
  it('endWords: the 10 closing characters found on the page (just inside); more than the closing line holds are not (just outside)', () => {
    const closingKey = keyLength(entry.id, closing, text.length);
    expect(omitted({ ...base, endWords: closingKey })).toBe(true);
    expect(omitted({ ...base, endWords: closingKey + 1 })).toBe(false);
  });
  it('endSlack: the closing words found at exactly endSlack past the reference gap (just inside); one character nearer the limit than that fails (just outside)', () => {
    // Junk as long as the dropped sentence and closing line put between:
    // the closing words then end endWords past the reference gap, so
    // reaching them needs endSlack >= endWords.
    const junk = '某'.repeat(reachNeeded);
    const padded = text.slice(0, sentenceStart) + junk + text.slice(closing);
    const found = (o: Partial<EngineOptions>) => diffsOf(padded, o).some((d) => d.refText.includes(sentence.slice(0, 6)));
    const only = { ...base, maxInsertionBridge: 0 };
    const words = resolveOptions().endWords;
    expect(found({ ...only, endSlack: words })).toBe(true);
    expect(found({ ...only, endSlack: words - 1 })).toBe(false);
  });
});

describe('edgeTextChars and edgeTextAgreement (a headline rewritten word by word)', () => {
  const { text } = article('xinhua-2020-01-25-psc');
  const firstLine = text.split('\n')[0]!;
  // Every other character of the headline replaced: half of it agrees.
  const spunHead = [...firstLine].map((c, i) => (i % 2 === 1 && /[\u4e00-\u9fff]/.test(c) ? '某' : c)).join('');
  const page = spunHead + text.slice(firstLine.length);
  const takenIn = (o: Partial<EngineOptions>) => {
    const m = run(page, o).matches[0];
    return m !== undefined && m.page.start === 0;
  };
  it('the headline is taken in at the defaults', () => {
    expect(takenIn({})).toBe(true);
  });
  const gap = (() => {
    const r = run(page, { edgeTextChars: 0 }).matches[0]!;
    const entry = testIndex().docs.find((d) => d.entry.id === r.ref.id)!.entry;
    return keyLength(entry.id, 0, r.ref.start - entry.start);
  })();
  // Characters of the reference before the match's own start that the page keeps.
  const agreeing = [...firstLine.slice(0, gap)].filter((c, i) => !(i % 2 === 1 && /[\u4e00-\u9fff]/.test(c))).length;
  it('edgeTextAgreement: half a character less than the share that agrees is met (just inside); half a character more is not (just outside)', () => {
    expect(takenIn({ edgeTextAgreement: (agreeing - 0.5) / gap })).toBe(true);
    expect(takenIn({ edgeTextAgreement: (agreeing + 0.5) / gap })).toBe(false);
  });
  it('edgeTextChars: a match stopping that close to the reference start aligns the text before it (just inside); one less does not (just outside)', () => {
    expect(takenIn({ edgeTextChars: gap })).toBe(true);
    expect(takenIn({ edgeTextChars: gap - 1 })).toBe(false);
  });
});

describe('lineHitDensity and lineTextChars (which reference a page line belongs to)', () => {
  const long = (id: string) => article(id).text.split('\n').filter((l) => (l.match(/[\u4e00-\u9fff]/g) ?? []).length >= 60);
  const a = long('xinhua-2022-03-17-psc');
  const b = long('sichuan-2020-01-26-provincial-committee');
  const page = [a[1], b[1], a[2], b[2]].join('\n');
  const owners = (o: Partial<EngineOptions>) => {
    const opts = resolveOptions(o);
    const index = testIndex();
    const folded = fold(page);
    const key = despin(folded.text, index.lexicon);
    const chains = findCandidates(key.text, index, opts);
    const selected = selectCandidates(chains, index.k, opts);
    const lines = pageLines(page, folded, key);
    assignOwners(lines, selected, chains, index, key.text, opts);
    return { lines, key: key.text, index };
  };
  it('lineHitDensity: a line whose chains weigh exactly the share asked is given to its reference (just inside); asking a little more is not met (just outside)', () => {
    // Ownership by text switched off, so only the chains decide.
    const { lines } = owners({ lineTextChars: 1e9 });
    expect(lines.every((l) => l.owner !== null)).toBe(true);
    // The weakest line's weight per Han character: found by bisection over the threshold.
    let lo = 0;
    let hi = 10;
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (owners({ lineTextChars: 1e9, lineHitDensity: mid }).lines.every((l) => l.owner !== null)) lo = mid;
      else hi = mid;
    }
    expect(lo).toBeGreaterThanOrEqual(resolveOptions().lineHitDensity);
    expect(owners({ lineTextChars: 1e9, lineHitDensity: lo }).lines.every((l) => l.owner !== null)).toBe(true);
    expect(owners({ lineTextChars: 1e9, lineHitDensity: lo * 1.01 + 1e-9 }).lines.every((l) => l.owner !== null)).toBe(false);
  });
  it('lineTextChars: a line without chain weight is given to the reference holding its text when it has that many Han characters (just inside), not one fewer (just outside)', () => {
    // Ownership by chains switched off: only the text decides.
    const { lines, key } = owners({ lineHitDensity: Infinity });
    const shortest = Math.min(...lines.map((l) => key.slice(l.start, l.end).replace(/^[^\u3400-\u9fff]+|[^\u3400-\u9fff]+$/g, '').length));
    expect(owners({ lineHitDensity: Infinity, lineTextChars: shortest }).lines.every((l) => l.owner !== null)).toBe(true);
    expect(owners({ lineHitDensity: Infinity, lineTextChars: shortest + 1 }).lines.some((l) => l.owner === null)).toBe(true);
  });
});

describe('moveMinHan and moveCoveredShare (reportMoves on two matches of one reference)', () => {
  // Reference passage [0, 300); the first match omits [100, 200) and the
  // second aligns `covered` characters of it, on the page after the first.
  const omitted = '甲'.repeat(100);
  const raw = `${'乙'.repeat(200)}${'丙'.repeat(100)}`;
  const match = (over: Partial<Match>): Match => ({
    ref: { id: 'r', file: 'f', start: 0, end: 300, headline: '', publisher: '', date: '' },
    page: { start: 0, end: 200 },
    quote: false,
    verdict: 'edited',
    counts: { spin: 0, distorting: 0, alteration: 0, omission: 0, insertion: 0, move: 0, bySubkind: { number: 0, negation: 0, name: 0, wording: 0 } },
    differences: [],
    ...over,
  });
  const group = (covered: number): Match[] => [
    match({ differences: [{ kind: 'omission', ref: { start: 100, end: 200 }, page: { start: 100, end: 100 }, refText: omitted, pageText: '' }] }),
    match({ ref: { ...match({}).ref, start: 100, end: 100 + covered }, page: { start: 200, end: 300 } }),
  ];
  const moved = (covered: number, o: Partial<EngineOptions>) =>
    reportMoves(group(covered), { raw, folded: fold(raw) }, resolveOptions(o), () => ({ fileText: '', start: 0, end: 300 })).some((m) => m.differences.some((d) => d.kind === 'move'));
  it('moveCoveredShare: 90 of 100 omitted characters aligned elsewhere is a move at 0.9 (just inside), not at 0.91 (just outside)', () => {
    expect(moved(90, { moveCoveredShare: 0.9 })).toBe(true);
    expect(moved(90, { moveCoveredShare: 0.91 })).toBe(false);
  });
  it('moveMinHan: an omitted passage of 100 Han characters can move at 100 (just inside), not at 101 (just outside)', () => {
    expect(moved(100, { moveMinHan: 100 })).toBe(true);
    expect(moved(100, { moveMinHan: 101 })).toBe(false);
  });
});

describe('moveRotationChars (a moved paragraph omitted a few characters off its edges)', () => {
  // Paragraph 5 of the Sichuan bulletin moved in front of paragraph 4: both
  // open alike, so the omission is the paragraph rotated by a few characters.
  const id = 'sichuan-2020-01-26-provincial-committee';
  const c = moveCases(id).find((x) => x.label.endsWith('paragraph 5 to the front'))!;
  const onlyMove = (o: Partial<EngineOptions>) => {
    const own = run(c.page, o).matches.filter((m) => m.ref.id === id);
    return own.length === 1 && own[0]!.differences.length === 1 && own[0]!.differences[0]!.kind === 'move';
  };
  it('the rotation the case needs is found (just inside), one character less is not (just outside)', () => {
    expect(c).toBeDefined();
    expect(onlyMove({})).toBe(true);
    let needed = 0;
    while (needed <= resolveOptions().moveRotationChars && !onlyMove({ moveRotationChars: needed })) needed++;
    expect(needed).toBeGreaterThan(0);
    expect(needed).toBeLessThanOrEqual(resolveOptions().moveRotationChars);
    expect(onlyMove({ moveRotationChars: needed })).toBe(true);
    expect(onlyMove({ moveRotationChars: needed - 1 })).toBe(false);
  });
});

describe('bridgeProbeChars (the reference continuing beyond inserted junk)', () => {
  // 200 verbatim characters of a reference, 60 junk characters inserted in the
  // same paragraph, then the reference's next n characters and unrelated text.
  // The chain stops at the junk; the match crosses it (the junk reported as
  // inserted text) only when the probe's bridgeProbeChars reference characters
  // stand beyond it, after at most as many replaced ones.
  const { text } = article('peoples-daily-2020-02-03-psc');
  const at = text.indexOf('向奋战在全国疫情防控工作一线的广大干部职工') + 2;
  const before = text.slice(at - 200, at);
  const junk = filler(60, rng(5));
  const page = (replaced: number, verbatim: number) =>
    `评论员文章。${before}${junk}${filler(replaced, rng(9))}${text.slice(at + replaced, at + replaced + verbatim)}。天气预报说明天有雨，春风吹过山岗。`;
  const crossed = (p: string, o: Partial<EngineOptions>) => diffsOf(p, o).some((d) => d.pageText.includes(junk));
  it('is k + window - 1 by default: the shortest run winnowing is sure to fingerprint', () => {
    const o = resolveOptions();
    expect(o.bridgeProbeChars).toBe(8);
    expect(o.bridgeProbeChars).toBe(o.k + o.window - 1);
  });
  it('8 verbatim characters beyond the junk are crossed to at 8 (just inside), not at 9 (just outside)', () => {
    expect(crossed(page(0, 8), {})).toBe(true);
    expect(crossed(page(0, 8), { bridgeProbeChars: 8 })).toBe(true);
    expect(crossed(page(0, 8), { bridgeProbeChars: 9 })).toBe(false);
  });
  it('at the default, 8 verbatim characters are enough and 7 are not', () => {
    expect(crossed(page(0, 8), {})).toBe(true);
    expect(crossed(page(0, 7), {})).toBe(false);
  });
  it('the probe may follow up to bridgeProbeChars replaced characters: 8 (just inside), not 9 (just outside)', () => {
    expect(crossed(page(8, 8), {})).toBe(true);
    expect(crossed(page(9, 8), {})).toBe(false);
  });
});

describe('endReach at the head (verify.ts reachHead: a paragraph that restates the headline moved away)', () => {
  // The dateline paragraph repeats the headline's words; moved to the end, the
  // chain runs from the page's headline into it, and the match would start
  // inside the reference. Aligned again from the reference's first character,
  // the headline stands verbatim and the dateline is one move.
  const oneMove = (id: string, page: string, o: Partial<EngineOptions>) => {
    const own = run(page, o).matches.filter((m) => m.ref.id === id);
    return own.length === 1 && own[0]!.differences.length === 1 && own[0]!.differences[0]!.kind === 'move';
  };
  it.each([['yancheng-2022-03-17-provincial-command'], ['xinhua-2022-03-17-psc']])('%s, dateline paragraph moved to the end', (id) => {
    const c = moveCases(id).find((x) => x.label.endsWith('paragraph 4 to the end'))!;
    expect(c).toBeDefined();
    // Where the match starts without the head rule: the key distance it must reach.
    const start = run(c.page, { endReach: 0 }).matches.find((m) => m.ref.id === id)!.ref.start - article(id).entry.start;
    const need = keyLength(id, 0, start);
    expect(need).toBeGreaterThan(0);
    expect(need).toBeLessThanOrEqual(resolveOptions().endReach);
    expect(oneMove(id, c.page, {})).toBe(true);
    expect(oneMove(id, c.page, { endReach: need })).toBe(true);
    expect(oneMove(id, c.page, { endReach: need - 1 })).toBe(false);
  });
  it('endWords: the page must open with the reference\'s first endWords characters, the headline\'s length (just inside), one more (just outside)', () => {
    const id = 'yancheng-2022-03-17-provincial-command';
    const c = moveCases(id).find((x) => x.label.endsWith('paragraph 4 to the end'))!;
    const { text } = article(id);
    const headline = keyLength(id, 0, text.indexOf('盐城晚报讯'));
    expect(headline).toBeGreaterThanOrEqual(resolveOptions().endWords);
    expect(oneMove(id, c.page, { endWords: headline })).toBe(true);
    expect(oneMove(id, c.page, { endWords: headline + 1 })).toBe(false);
  });
  it('a match starting on the words the dateline repeats takes in the headline just before, within endReach (just inside), not beyond (just outside)', () => {
    // Paragraph 12 moved to just after the dateline: the match's start reaches
    // the reference's first words in the dateline (中共中央政治局常务委员会3月17日…),
    // and the page's headline stands before it.
    const id = 'xinhua-2022-03-17-psc';
    const c = moveCases(id).find((x) => x.label.endsWith('paragraph 12 to the front'))!;
    expect(c).toBeDefined();
    const key = despin(fold(c.page).text, testIndex().lexicon).text;
    const first = testIndex().docs.find((d) => d.entry.id === id)!.key.text.slice(0, resolveOptions().endWords);
    expect(key.indexOf(first)).toBe(0);
    const need = key.indexOf(first, 1);
    expect(need).toBeGreaterThan(0);
    expect(oneMove(id, c.page, {})).toBe(true);
    expect(oneMove(id, c.page, { endReach: need })).toBe(true);
    expect(oneMove(id, c.page, { endReach: need - 1 })).toBe(false);
  });
  it('a repost without its headline is not aligned from it', () => {
    const id = 'yancheng-2022-03-17-provincial-command';
    const { text } = article(id);
    const body = text.slice(text.indexOf('盐城晚报讯'));
    const own = run(body, {}).matches.filter((m) => m.ref.id === id);
    expect(own).toHaveLength(1);
    expect(own[0]!.differences).toEqual([]);
  });
});
