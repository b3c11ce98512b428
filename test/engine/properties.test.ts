// Property-based tests of the engine (fast-check): whatever the input, verify()
// returns a well-formed report and the normalization maps stay exact.
//
// Inputs mix hostile Unicode (lone surrogates, combining marks, emoji and ZWJ
// sequences, C0/C1 controls, zero-width and bidi characters, random code
// points) with real text: chunks of the seeds, spun 002, and Traditional
// conversions (Taiwan and Hong Kong). Chunks are spliced at random offsets, so
// surrogate pairs and words get cut.
import * as fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../lib/corpus/node';
import { buildIndex, verify } from '../../lib/engine';
import { fold, rawPoint, rawSpan } from '../../lib/engine/normalize';
import type { Counts, Difference, Report } from '../../lib/engine/types';
import { unrelatedText } from '../bench/synth';

const corpus = loadCorpus();
const index = buildIndex(corpus);
const seedTexts = Object.keys(corpus.files)
  .sort()
  .map((f) => corpus.files[f]!);
const toTw = OpenCC.Converter({ from: 'cn', to: 'twp' });
const toHk = OpenCC.Converter({ from: 'cn', to: 'hk' });
const toTwChars = OpenCC.Converter({ from: 'cn', to: 'tw' });

// ------------------------------------------------------------ arbitraries

const fromCodes = (codes: number[]): string => String.fromCharCode(...codes);
const codeString = (min: number, max: number, maxLength = 8): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min, max }), { minLength: 1, maxLength }).map(fromCodes);

const loneSurrogates = codeString(0xd800, 0xdfff, 4);
const combiningMarks = fc.tuple(fc.constantFrom('', '中', 'a', '一'), codeString(0x0300, 0x036f, 6)).map(([b, m]) => b + m);
const emoji = fc.constantFrom('😀', '👩‍👩‍👧', '🇨🇳', '👍🏽', '❤️', '🀄', '𠀀', '𪚥', '\u{1F600}\u200D\u{1F525}');
const controls = fc.oneof(codeString(0x00, 0x1f), codeString(0x7f, 0x9f), fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202e', '\u2028', '\u3000', '\r\n'));
const anyCodePoints = fc.string({ unit: 'binary', maxLength: 30 });
const seedChunk = fc
  .tuple(fc.nat({ max: seedTexts.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 600 }))
  .map(([i, at, len]) => {
    const t = seedTexts[i]!;
    const start = at % t.length;
    return t.slice(start, start + len);
  });
const traditionalChunk = fc.tuple(seedChunk, fc.boolean()).map(([s, tw]) => (tw ? toTw(s) : toHk(s)));

/** A seed chunk with junk injected inside words. */
const junkedChunk = fc
  .tuple(seedChunk, fc.array(fc.tuple(fc.nat(), fc.oneof(loneSurrogates, combiningMarks, emoji, controls)), { maxLength: 8 }))
  .map(([s, junk]) => {
    let out = s;
    for (const [at, j] of junk) {
      const p = out.length === 0 ? 0 : at % out.length;
      out = out.slice(0, p) + j + out.slice(p);
    }
    return out;
  });

/** A long seed chunk edited the way reposts are: characters replaced (by
 *  other Han characters or digits), ranges deleted, text and junk inserted.
 *  This is what produces matches with many differences to check. */
const HAN_POOL = '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴据';
const editedChunk = fc
  .tuple(
    fc.nat({ max: seedTexts.length - 1 }),
    fc.nat(),
    fc.integer({ min: 100, max: 2000 }),
    fc.array(
      fc.tuple(fc.nat(), fc.constantFrom('replace', 'digit', 'delete', 'insert', 'junk'), fc.integer({ min: 1, max: 40 }), fc.nat()),
      { maxLength: 25 },
    ),
  )
  .map(([i, at, len, edits]) => {
    const t = seedTexts[i]!;
    const start = at % t.length;
    let out = t.slice(start, start + len);
    for (const [pos, op, n, r] of edits) {
      const p = out.length === 0 ? 0 : pos % out.length;
      const han = HAN_POOL[r % HAN_POOL.length]!;
      if (op === 'replace') out = out.slice(0, p) + han.repeat(Math.min(n, 3)) + out.slice(p + Math.min(n, 3));
      else if (op === 'digit') out = out.slice(0, p) + String(r % 1000) + out.slice(p + 1);
      else if (op === 'delete') out = out.slice(0, p) + out.slice(p + n);
      else if (op === 'insert') out = out.slice(0, p) + HAN_POOL.slice(r % 300, (r % 300) + n) + out.slice(p);
      else out = out.slice(0, p) + '\u200b😀\u0301' + out.slice(p);
    }
    return out;
  });

const piece = fc.oneof(
  { weight: 2, arbitrary: loneSurrogates },
  { weight: 2, arbitrary: combiningMarks },
  { weight: 2, arbitrary: emoji },
  { weight: 2, arbitrary: controls },
  { weight: 2, arbitrary: anyCodePoints },
  { weight: 4, arbitrary: seedChunk },
  { weight: 2, arbitrary: traditionalChunk },
  { weight: 2, arbitrary: junkedChunk },
  { weight: 3, arbitrary: editedChunk },
);
const mixedText = fc.array(piece, { maxLength: 40 }).map((ps) => ps.join(''));

// ------------------------------------------------------------ invariants

const VERDICTS = new Set(['faithful', 'edited', 'scrambled', 'unmatched']);

function countOf(ds: readonly Difference[]): Omit<Counts, 'bySubkind'> {
  return {
    spin: ds.filter((d) => d.kind === 'spin').length,
    distorting: ds.filter((d) => d.kind === 'spin' && d.distorting).length,
    alteration: ds.filter((d) => d.kind === 'alteration').length,
    omission: ds.filter((d) => d.kind === 'omission').length,
    insertion: ds.filter((d) => d.kind === 'insertion').length,
    move: ds.filter((d) => d.kind === 'move').length,
  };
}

/** Throws (with a precise message) on the first broken invariant. */
function checkReport(text: string, report: Report): void {
  const inBounds = (s: { start: number; end: number }, length: number, what: string): void => {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= length)) {
      throw new Error(`${what} span [${s.start}, ${s.end}) out of bounds or reversed (length ${length})`);
    }
  };
  expect(VERDICTS.has(report.verdict)).toBe(true);
  // Without a match the input is 'unmatched', or 'scrambled' when some
  // unmatched region is machine-spun text (reported as such, issue 2).
  if (report.matches.length === 0) {
    const expected = report.unmatched.some((u) => u.scrambled) ? ['unmatched', 'scrambled'] : ['unmatched'];
    expect(expected).toContain(report.verdict);
  } else {
    expect(report.verdict).not.toBe('unmatched');
  }

  let lastMatchEnd = 0;
  const total = { spin: 0, distorting: 0, alteration: 0, omission: 0, insertion: 0, move: 0 };
  for (const m of report.matches) {
    inBounds(m.page, text.length, 'match page');
    const seed = corpus.files[m.ref.file];
    if (seed === undefined) throw new Error(`match refers to unknown file ${m.ref.file}`);
    inBounds(m.ref, seed.length, 'match ref');
    if (m.page.start < lastMatchEnd) throw new Error(`matches overlap on the page at ${m.page.start} (previous ends at ${lastMatchEnd})`);
    lastMatchEnd = m.page.end;

    let lastDiffStart = m.page.start;
    for (const d of m.differences) {
      inBounds(d.page, text.length, `${d.kind} page`);
      inBounds(d.ref, seed.length, `${d.kind} ref`);
      if (d.page.start < lastDiffStart) throw new Error(`differences out of page order at ${d.page.start}`);
      lastDiffStart = d.page.start;
      if (d.page.start < m.page.start || d.page.end > m.page.end) {
        throw new Error(`difference page [${d.page.start}, ${d.page.end}) outside its match [${m.page.start}, ${m.page.end})`);
      }
      if (d.ref.start < m.ref.start || d.ref.end > m.ref.end) {
        throw new Error(`difference ref [${d.ref.start}, ${d.ref.end}) outside its match ref [${m.ref.start}, ${m.ref.end})`);
      }
      expect(d.pageText).toBe(text.slice(d.page.start, d.page.end));
      expect(d.refText).toBe(seed.slice(d.ref.start, d.ref.end));
    }
    const c = countOf(m.differences);
    expect({ ...m.counts, bySubkind: undefined }).toEqual({ ...c, bySubkind: undefined });
    const expectedVerdict = c.spin > 0 ? 'scrambled' : m.differences.length > 0 ? 'edited' : 'faithful';
    expect(m.verdict).toBe(expectedVerdict);
    for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += c[k];
  }
  expect({ ...report.counts, bySubkind: undefined }).toEqual({ ...total, bySubkind: undefined });

  let lastUnmatchedEnd = 0;
  for (const u of report.unmatched) {
    inBounds(u.page, text.length, 'unmatched');
    if (u.page.start < lastUnmatchedEnd) throw new Error(`unmatched regions overlap or are out of order at ${u.page.start}`);
    lastUnmatchedEnd = u.page.end;
    for (const m of report.matches) {
      if (u.page.start < m.page.end && m.page.start < u.page.end) {
        throw new Error(`unmatched [${u.page.start}, ${u.page.end}) overlaps match [${m.page.start}, ${m.page.end})`);
      }
    }
    let lastSign = u.page.start;
    for (const s of u.signs) {
      inBounds(s.page, text.length, 'spin sign');
      if (s.page.start < lastSign || s.page.end > u.page.end) throw new Error(`spin sign [${s.page.start}, ${s.page.end}) out of order or outside its region`);
      lastSign = s.page.start;
      expect(s.pageText).toBe(text.slice(s.page.start, s.page.end));
    }
    // The restored reading exists exactly for scrambled regions.
    expect(typeof u.restored).toBe(u.scrambled ? 'string' : 'undefined');
  }
}

function checkFold(raw: string): void {
  const f = fold(raw);
  expect(f.rawLength).toBe(raw.length);
  expect(f.rawStart.length).toBe(f.text.length);
  expect(f.rawEnd.length).toBe(f.text.length);
  for (let i = 0; i < f.text.length; i++) {
    const s = f.rawStart[i]!;
    const e = f.rawEnd[i]!;
    if (!(s >= 0 && s < e && e <= raw.length)) throw new Error(`fold map unit ${i}: [${s}, ${e}) out of bounds`);
    if (i > 0 && (s < f.rawStart[i - 1]! || e < f.rawEnd[i - 1]!)) throw new Error(`fold map not monotone at ${i}`);
  }
  // rawSpan/rawPoint stay in bounds and ordered for any folded span, empty ones included.
  for (let a = 0; a <= f.text.length; a += Math.max(1, f.text.length >> 3)) {
    const b = Math.min(f.text.length, a + 5);
    const span = rawSpan(f, a, b);
    if (!(span.start >= 0 && span.start <= span.end && span.end <= raw.length)) throw new Error(`rawSpan(${a}, ${b}) = [${span.start}, ${span.end})`);
    const p = rawPoint(f, a);
    if (!(p >= 0 && p <= raw.length)) throw new Error(`rawPoint(${a}) = ${p}`);
  }
}

// ------------------------------------------------------------ properties

describe('verify() on arbitrary input', () => {
  it('never throws and always returns a well-formed report', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        checkReport(text, verify(text, index));
      }),
      {
        numRuns: 1000,
        // Found by this property (seed 1078572470): two matches overlap on the
        // page ([0, 86) to 004's second article and [84, 162) to 003).
        examples: [
          // Found once edge negations were reported (issue 7): the empty
          // reference span of a 不 set before a match's first character lay
          // before the match's raw reference start, across punctuation.
          ["锋在前、尽力拼搏,展现出无私罢休的奉献精神和大爱无疆的处事品格,值得学习和崇拜。目下,疫情时势仍十分严峻,疑似和确诊病例还在加多,危重病东谈主较多。要落实中央玩忽新式冠状病毒感染肺炎疫情服务率领小组的部署,加强对医务东谈主员的防护和保险。但愿庞杂医务服务者再接再厉,在保护好我方的同期,连续显露起义疫情突击队和新力量的作用,共同打赢这场攻坚战。\n\n  孙春兰走进病院库房,了解医用防护服、口罩等物质保险情况。她要求,坚决贯彻落实习近平总布告要害指令精神,千方百计为医护东谈主员提供物质保险,确保他们的安全。\n\n  “你们对目下的疗养和防护服务有什么建议?”在国度援鄂抗疫医疗队住地,孙春兰在看望大众的同期,听取了医疗队队员的成见建议。对于武汉市疑似病例确诊难、过程长的问题,当即要求当地卫生和疾控部门,立即研究简化经过,为救治患者赢得精良的期间。她默示,国度援鄂抗疫医疗队纠合了最优秀的医疗资源,不仅医术深通,也有丰富的救死扶伤资格,要加以回来和落实,好多资格不南京、苏州、镇江、连云港、盐城、宿迁、泰州疫情处置工作情况汇报后,许昆林指出,当前全\n\n省疫情仍呈现点多、面广、频发"],
          ["阻击战。要围绕在一个潜伏期内实现社会面清零目标,强化省统一指挥、市县高效执行机制,快流调、快排查、快核酸、快转运、快隔离,严防失管、漏管、脱管现象发生;坚持“人物环境,同期間競走、與病魔較量,堅決防礙疫情膨大勢頭,堅決打贏疫情防控阻擊戰。\n\n  習近平指出,疫情防控要相持寰宇一盤棋。各級黨委和政府必須堅決馴順黨中央融合指揮"]],
      },
    );
  });

  it('edited copies of the seeds (many differences) in hostile surroundings', () => {
    const text = fc.array(fc.oneof(editedChunk, editedChunk, piece), { minLength: 1, maxLength: 6 }).map((ps) => ps.join(''));
    let withDifferences = 0;
    fc.assert(
      fc.property(text, (t) => {
        const report = verify(t, index);
        checkReport(t, report);
        if (report.matches.some((m) => m.differences.length > 0)) withDifferences++;
      }),
      { numRuns: 300 },
    );
    // The generator must actually exercise differences, or this test proves little.
    expect(withDifferences).toBeGreaterThan(30);
  });

  it('pure hostile Unicode (no seed text)', () => {
    const hostile = fc.array(fc.oneof(loneSurrogates, combiningMarks, emoji, controls, anyCodePoints), { maxLength: 200 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(hostile, (text) => {
        checkReport(text, verify(text, index));
      }),
      { numRuns: 500 },
    );
  });

  it('whole seeds with junk, Traditional script and truncation', () => {
    const variant = fc
      .tuple(fc.nat({ max: seedTexts.length - 1 }), fc.constantFrom('none', 'tw', 'hk'), fc.nat(), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.oneof(loneSurrogates, combiningMarks, emoji, controls)), { maxLength: 30 }))
      .map(([i, script, cutA, cutB, junk]) => {
        let t = seedTexts[i]!;
        if (script === 'tw') t = toTw(t);
        if (script === 'hk') t = toHk(t);
        const a = cutA % (t.length >> 2);
        t = t.slice(a, t.length - (cutB % (t.length >> 2)));
        for (const [at, j] of junk) {
          const p = at % (t.length + 1);
          t = t.slice(0, p) + j + t.slice(p);
        }
        return t;
      });
    fc.assert(
      fc.property(variant, (text) => {
        checkReport(text, verify(text, index));
      }),
      { numRuns: 150 },
    );
  });

  it('1 MB inputs (a few runs)', () => {
    const big = fc.array(piece, { minLength: 20, maxLength: 60 }).map((ps) => {
      const unit = ps.join('') || '中';
      return unit.repeat(Math.ceil(1_000_000 / unit.length)).slice(0, 1_000_000);
    });
    fc.assert(
      fc.property(big, (text) => {
        checkReport(text, verify(text, index));
      }),
      { numRuns: 3 },
    );
  }, 120_000);
});

describe('metamorphic properties', () => {
  const references = corpus.entries.filter((e) => e.role === 'reference');

  // Random seeds: furniture ending in digits before a text starting with
  // digits (12:00 + 3月17日) is covered too, since folding keeps a number
  // break where whitespace separated two digits (normalize.ts NUMBER_BREAK).
  it('is deterministic, and text without Han characters around the input only shifts page offsets', () => {
    const prefix = fc.array(fc.constantFrom(' ', '\n', 'Home | News | Login\n', '2020-01-25 12:00 ', '\u3000', '<<>>', '😀'), { maxLength: 12 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(mixedText, prefix, prefix, (text, pre, post) => {
        const a = verify(text, index);
        expect(verify(text, index)).toEqual(a);
        // Furniture stands on its own line after the text: a suffix glued to the
        // last word can legitimately continue it (…1月 + 2020… reads 1月2…).
        const b = verify(pre + text + (post ? '\n' + post : ''), index);
        const shift = pre.length;
        const unshift = <T>(v: T): T =>
          JSON.parse(JSON.stringify(v), (key, value: unknown) =>
            key === 'page' && value && typeof value === 'object' ? { start: (value as { start: number }).start - shift, end: (value as { end: number }).end - shift } : value,
          ) as T;
        // Matches first: on failure the diff shows which difference changed.
        expect(unshift(b.matches)).toEqual(a.matches);
        expect(b.verdict).toBe(a.verdict);
        expect(b.counts).toEqual(a.counts);
        // An unmatched region that reaches the start (end) of the text, but
        // for blank or invisible characters, may take the prefix (suffix) in:
        // regions are the text between matches, trimmed. Anything else
        // shifts exactly.
        const blank = /^[\s\p{Cf}]*$/u;
        expect(b.unmatched.length).toBe(a.unmatched.length);
        b.unmatched.forEach((ub, i) => {
          const ua = a.unmatched[i]!;
          expect(ub.scrambled).toBe(ua.scrambled);
          if (blank.test(text.slice(ua.page.end))) expect(ub.page.end - shift).toBeGreaterThanOrEqual(ua.page.end);
          else expect(ub.page.end - shift).toBe(ua.page.end);
          if (blank.test(text.slice(0, ua.page.start))) expect(ub.page.start - shift).toBeLessThanOrEqual(ua.page.start);
          else expect(ub.page.start - shift).toBe(ua.page.start);
          expect(unshift(ub.signs)).toEqual(ua.signs);
        });
      }),
      {
        numRuns: 150,
        // Found by this property: a date before or after the text changed how
        // the first or last difference of a match was classified (spin
        // 报告→答复 became alteration/number). Kept as fixed examples so the
        // check is not left to chance.
        examples: [
          ['现、早答复、早终止、早疗养要领,加强疫情监测,聚拢救治患者,对整个密切战役东谈主员继承居家医学不雅察,完善和强化肃肃', '2020-01-25 12:00 ', ''],
          ['略协调。\n\u3000\u3000会议指出，各级党委和政府要继续为实现今年经济社会发展目标任务而努力。疫情严重的地区要集中精力抓好疫情防控工作', '2020-01-25 12:00 ', ''],
          [',补皆大众卫生短板。要加强市集监管,坚决取缔和严厉打击造孽野', '', ' 2020-01-25 12:00'],
          // Found once the property ran on random seeds (issue 7): furniture
          // digits before a spun headline were taken in as its replaced first
          // characters, which moved the alignment's tie-breaks (会议上 dropped
          // became 会 + 议上); digits on the next line made the match's last
          // swap (统一→融合) a number change. Both fixed in the engine.
          ["省委召开常委会会议\n传达学习习近平总书记在中央政治局常委会的的的神\n研究我省新型冠状病毒感染的肺炎疫情防控工作\n四川在线消息 1月26日,省委召开常委会会议,传达学习习近平总书记在中央政治局常委会会议研究新型冠状病毒感染的肺炎疫情防控工作时的重要讲话精神,听取我省疫情防控和应急处置工作汇报,研究部署下一步工作。省委书记彭清华主持会议并讲话。\n彭清华代表省委向奋战在疫情防控工作一线的全省广大医务工作者和社会各界人士表示衷心感谢,向全省各级干部和广大群众致以亲切问候。\n会议指出,湖北省武汉市等地近期陆续发生新型冠状病毒", "2020-01-25 12:00 ", ""],
          ["定信心、心心相印、科学防治、精确施策的要求,尽快找差距、补短板,切实作念好各项防控服务,同期间竞走、与病魔较量,坚决防碍疫情膨大势头,坚决打赢疫情防控阻击战。\n\n  习近平指出,疫情防控要相持寰宇一盘棋。各级党委和政府必须坚决驯顺党中央融合指挥、融合", "", "2020-01-25 12:00 "],
          // Digits before a headline whose second word lost two characters:
          // an edit-distance alignment of the edge text called the shifted
          // 习近 a replacement once the digits tied its cost. Edge agreement
          // is a common subsequence now.
          ["\n\n习近持中共中央政治局常务委员会会议\n\n研究新型冠状病毒感染的肺炎疫情防控工作\n\n新华社北京1月25日电 1月25日农历正月初一,中共中央政治局常务委员会召开会议,专门听取新型冠状病毒感染的肺炎疫情防控工作汇报,对疫情防控特别是患者治疗工作进行再研究、再部署、再动员。中共中央总书记习近平主持会议并发表重要讲话。\n\n会议决定,党中央成立应对疫情工作领导小组,在中央政治局常务委员会领导下开展工作。党中央向湖北等疫情严重地区派出指导组,推动有关地方全面加强防控一线工作。\n\n习近平代表党中央,向奋战在疫情防控一线的全中国广大医务工作者和同志们表示衷心的感谢,向全国各族干部群众特别是湖北各族干部群众致以亲切的问候,向在疫情中失去亲人的家庭致以诚挚的慰问。习近平强调,全党全军全国各族人民都同你们站在一起,都是你们的坚强后盾。生命重于泰山。疫情就是命令,防控就是责任。各级党委和政府必须按照党中央决策部", "2020-01-25 12:00 ", ""],
          // Whitespace used to fold away, so a date on the next line "touched"
          // the last word (工作→服務 became alteration/number).
          ['個意志”,堅定“四個自信”,作唸到“兩個稱許”,認真貫徹落實黨中央決策部署,把疫情防控服務作為刻下最要害的服務來抓,按照堅定信心、心心相印、科學防治、精確施策的要求,儘快找差距、補短板,切實作念好各項防控服務', '', '\n2020-01-25 12:00 '],
        ],
      },
    );
  });

  it('equivalent variants of a whole reference (width, punctuation, spacing, script, furniture) stay faithful', () => {
    const swaps: Array<[RegExp, string]> = [
      [/，/g, ','], [/。/g, '.'], [/：/g, ':'], [/；/g, ';'], [/“|”/g, '"'], [/（/g, '('], [/）/g, ')'], [/、/g, ','],
    ];
    const variant = fc.record({
      ref: fc.nat({ max: references.length - 1 }),
      script: fc.constantFrom('none', 'tw', 'hk'),
      swap: fc.subarray(swaps.map((_, i) => i)),
      breaks: fc.array(fc.tuple(fc.nat(), fc.constantFrom('\n', '\n\n', ' ', '\u3000\u3000', '\u200b')), { maxLength: 20 }),
      before: fc.constantFrom('', '首页 | 新闻 | 评论\n', 'Home > News\n\n'),
      after: fc.constantFrom('', '\n版权所有 本网站', '\n上一篇 下一篇\n'),
    });
    fc.assert(
      fc.property(variant, ({ ref, script, swap, breaks, before, after }) => {
        const e = references[ref]!;
        let t = corpus.files[e.file]!.slice(e.start, e.end);
        // Characters and variants only: opencc's 'twp' also swaps vocabulary
        // (信息→資訊, 支持→支援), which is a change of wording, not of script.
        if (script === 'tw') t = toTwChars(t);
        if (script === 'hk') t = toHk(t);
        for (const i of swap) t = t.replace(swaps[i]![0], swaps[i]![1]);
        for (const [at, br] of breaks) {
          const p = at % (t.length + 1);
          t = t.slice(0, p) + br + t.slice(p);
        }
        const text = before + t + after;
        const report = verify(text, index);
        checkReport(text, report);
        const found = report.matches.flatMap((m) => m.differences.map((d) => `${m.ref.id} ${d.kind} ${JSON.stringify(d.refText)} → ${JSON.stringify(d.pageText)}`));
        expect(found).toEqual([]);
        expect(report.verdict).toBe('faithful');
        expect(report.matches.every((m) => m.ref.id === e.id)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('single edits of a reference, at every place they can be made', () => {
  const references = corpus.entries.filter((e) => e.role === 'reference');
  const describeDiffs = (ds: readonly Difference[]): string =>
    ds.map((d) => `${d.kind}${'subkind' in d ? `/${d.subkind}` : ''} ${JSON.stringify(d.refText)}→${JSON.stringify(d.pageText)}`).join(' | ') || 'none';

  /** Applies each edit to its article alone and expects exactly one alteration of `subkind` covering it. */
  function expectEach(edits: Array<{ id: string; article: string; at: number; replacement: string; length?: number }>, subkind: string): void {
    const failures: string[] = [];
    for (const { id, article, at, replacement, length = 1 } of edits) {
      const text = article.slice(0, at) + replacement + article.slice(at + length);
      const report = verify(text, index);
      checkReport(text, report);
      const ds = report.matches.flatMap((m) => m.differences);
      const d = ds[0];
      // The span must cover the edit; for a removal (an empty span) any point
      // in the punctuation or spacing next to it is the same place.
      let start = d?.page.start ?? Infinity;
      let end = d?.page.end ?? -Infinity;
      while (end < at && /[\p{P}\p{Z}\s]/u.test(text[end] ?? '')) end++;
      while (start > at && /[\p{P}\p{Z}\s]/u.test(text[start - 1] ?? '')) start--;
      const ok = ds.length === 1 && d!.kind === 'alteration' && d!.subkind === subkind && start <= at && end >= at + replacement.length;
      if (!ok) failures.push(`${id}@${at} ${JSON.stringify(article.slice(Math.max(0, at - 6), at + 7))}: ${describeDiffs(ds)}`);
    }
    expect(failures).toEqual([]);
  }
  const articles = references.map((e) => ({ id: e.id, article: corpus.files[e.file]!.slice(e.start, e.end) }));

  it('every Arabic digit changed: one number alteration there', () => {
    const edits = articles.flatMap(({ id, article }) =>
      [...article.matchAll(/[0-9０-９]/g)].map((m) => {
        const c = m[0].charCodeAt(0);
        const zero = c >= 0xff10 ? 0xff10 : 0x30;
        return { id, article, at: m.index, replacement: String.fromCharCode(zero + ((c - zero + 7) % 10)) };
      }),
    );
    expect(edits.length).toBeGreaterThan(20);
    expectEach(edits, 'number');
  });

  it('every Chinese numeral in a numeric context changed (初一, 二月, 十五, 第三 …): one number alteration there', () => {
    const numeric = /(?<=[初第一二三四五六七八九十百千万])[一二三四五六七八九十两]|[一二三四五六七八九十两](?=[月日年号个名次条项一二三四五六七八九十百千万])/g;
    const edits = articles.flatMap(({ id, article }) =>
      [...article.matchAll(numeric)].map((m) => ({ id, article, at: m.index, replacement: m[0] === '三' ? '五' : '三' })),
    );
    expect(edits.length).toBeGreaterThan(20);
    expectEach(edits, 'number');
  });

  it('a negation inserted before every 要 (要→不要): one negation alteration there', () => {
    const edits = articles.flatMap(({ id, article }) =>
      [...article.matchAll(/(?<![不没未重主需只将])要(?![求点素])/g)].map((m) => ({ id, article, at: m.index, replacement: '不', length: 0 })),
    );
    expect(edits.length).toBeGreaterThan(50);
    expectEach(edits, 'negation');
  });

  it('every occurrence of a leader or place name swapped for another: one name alteration there', () => {
    const swaps: Record<string, string> = {
      习近平: '李克强', 李克强: '习近平', 王沪宁: '韩正', 孙春兰: '刘鹤', 彭清华: '黄强', 吴政隆: '许昆林',
      湖北: '湖南', 武汉: '长沙', 四川: '云南', 江苏: '浙江', 信阳: '南阳',
    };
    const edits = articles.flatMap(({ id, article }) =>
      Object.entries(swaps).flatMap(([from, to]) => [...article.matchAll(new RegExp(from, 'g'))].map((m) => ({ id, article, at: m.index, replacement: to, length: from.length }))),
    );
    expect(edits.length).toBeGreaterThan(30);
    expectEach(edits, 'name');
  });

  it('every inner sentence dropped, or an unrelated sentence inserted before it: not faithful, and a difference at that place', () => {
    // Unrelated sentences: reference sentences through a character cipher (test/bench/synth.ts).
    const filler = unrelatedText(corpus, 20_000, 5)
      .split(/(?<=。)/)
      .filter((x) => x.length > 15 && x.length < 60 && !x.includes('\n'));
    let next = 0;
    const failures: string[] = [];
    for (const e of references) {
      const article = corpus.files[e.file]!.slice(e.start, e.end);
      for (const m of [...article.matchAll(/[^。\n]{6,}。/g)].slice(1, -1)) {
        const at = m.index;
        const len = m[0].length;
        const dropped = article.slice(0, at) + article.slice(at + len);
        const r1 = verify(dropped, index);
        checkReport(dropped, r1);
        const refAt = e.start + at;
        const seen1 = r1.matches.some((x) => x.differences.some((d) => d.ref.start <= refAt + len && d.ref.end >= refAt));
        if (r1.verdict === 'faithful' || !seen1) failures.push(`dropped ${len} chars at ${e.id}@${at}: ${r1.verdict}, ${r1.matches.length} match(es)`);
        const sentence = filler[next++ % filler.length]!;
        const inserted = article.slice(0, at) + sentence + article.slice(at);
        const r2 = verify(inserted, index);
        checkReport(inserted, r2);
        const seen2 = r2.matches.some((x) => x.differences.some((d) => d.page.start < at + sentence.length && d.page.end > at));
        if (r2.verdict === 'faithful' || !seen2) failures.push(`inserted ${sentence.length} chars at ${e.id}@${at}: ${r2.verdict}, ${r2.matches.length} match(es)`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('every negation character removed: one negation alteration there', () => {
    const edits = articles.flatMap(({ id, article }) => [...article.matchAll(/[不未没无非勿别]/g)].map((m) => ({ id, article, at: m.index, replacement: '' })));
    expect(edits.length).toBeGreaterThan(20);
    expectEach(edits, 'negation');
  });
});

describe('normalization maps (fold)', () => {
  it('are monotone and in bounds for arbitrary input', () => {
    fc.assert(fc.property(mixedText, checkFold), { numRuns: 500 });
  });

  it('are monotone and in bounds for every seed, also in Traditional script', () => {
    for (const t of seedTexts) {
      checkFold(t);
      checkFold(toTw(t));
      checkFold(toHk(t));
    }
  });
});
