// The engine's quality bar (issue 2), as tests over the corpus.
import { describe, expect, it } from 'vitest';
import { verify, type Difference, type Report } from '../../lib/engine';
import { bundledLexicon } from '../../lib/engine/lexicon';
import { applyEdits, article, otherMeetingBulletin, references, seedText, spin, testIndex, toTraditional, wrapInFurniture, type EditSpec } from './fixtures';

const SPECIMEN = '002_4ec4b0ae00f95d62.txt';

function nonSpin(r: Report): Difference[] {
  return r.matches.flatMap((m) => m.differences.filter((d) => d.kind !== 'spin'));
}

describe('faithful reposts', () => {
  for (const entry of references()) {
    it(`${entry.id} wrapped in page furniture is faithful with zero differences`, () => {
      const { text } = article(entry.id);
      const page = wrapInFurniture(text);
      const r = verify(page.text, testIndex());
      expect(r.verdict).toBe('faithful');
      const own = r.matches.filter((m) => m.ref.id === entry.id);
      expect(own).toHaveLength(1);
      expect(r.matches.flatMap((m) => m.differences)).toEqual([]);
      // The match covers the article, and nothing of the furniture.
      const m = own[0]!;
      expect(m.page.start).toBeGreaterThanOrEqual(page.offset);
      expect(m.page.end).toBeLessThanOrEqual(page.offset + text.length);
      expect(m.page.end - m.page.start).toBeGreaterThan(text.trim().length * 0.97);
    });

    // twp also swaps vocabulary for Taiwan's (信息→資訊, 全局→全域性): regional variants, not changes.
    for (const script of ['tw', 'twp', 'hk'] as const) {
      it(`${entry.id} converted to Traditional (${script}) is faithful with zero differences`, () => {
        const r = verify(wrapInFurniture(toTraditional(article(entry.id).text, script)).text, testIndex());
        expect(r.verdict).toBe('faithful');
        expect(r.matches.some((m) => m.ref.id === entry.id)).toBe(true);
        expect(r.matches.flatMap((m) => m.differences)).toEqual([]);
      });
    }
  }

  it('a repost with words broken by blank lines, ideographic spaces, zero-width characters and mixed punctuation width is faithful', () => {
    const { text } = article('peoples-daily-2020-02-03-psc');
    let messy = '';
    for (let i = 0; i < text.length; i++) {
      messy += text[i];
      if (i % 97 === 50) messy += '\n\n　　';
      if (i % 131 === 7) messy += '\u200b';
    }
    messy = messy.replace(/，/g, ',').replace(/：/g, ':');
    const r = verify(messy, testIndex());
    expect(r.verdict).toBe('faithful');
    expect(r.matches.flatMap((m) => m.differences)).toEqual([]);
  });

  it('a reference quoted in part (two paragraphs inside unrelated text) is matched to those paragraphs only', () => {
    const { text, entry } = article('xinhua-2022-03-17-psc');
    // Two consecutive paragraphs from the middle of the article, as they stand in it.
    const lines = text.split('\n');
    const first = lines.findIndex((l, i) => i > 2 && l.length > 100);
    const next = lines.findIndex((l, i) => i > first && l.length > 100);
    const start = text.indexOf(lines[first]!);
    const quote = text.slice(start, text.indexOf(lines[next]!, start) + lines[next]!.length);
    const page = `今日天气晴朗，气温回升，市民纷纷走出家门踏青赏花。\n${quote}\n以上内容转自网络，仅供参考，如有侵权请联系删除。`;
    const r = verify(page, testIndex());
    expect(r.verdict).toBe('faithful');
    expect(r.matches).toHaveLength(1);
    const m = r.matches[0]!;
    expect(m.ref.id).toBe(entry.id);
    expect(seedText(entry.file).slice(m.ref.start, m.ref.end)).toBe(quote.trim());
  });
});

describe('other bulletins', () => {
  it('a bulletin of a different meeting written in the same stock phrases is not matched', () => {
    const r = verify(otherMeetingBulletin, testIndex());
    expect(r.matches).toEqual([]);
    expect(r.verdict).toBe('unmatched');
  });

  it('a page with no bulletin is unmatched, with no differences', () => {
    const r = verify('今天我们去公园散步，看到很多人在放风筝。晚上吃了饺子，很开心。'.repeat(20), testIndex());
    expect(r.verdict).toBe('unmatched');
    expect(r.matches).toEqual([]);
    expect(r.unmatched.every((u) => !u.scrambled)).toBe(true);
  });

  it('a page holding two bulletins matches each to its own reference', () => {
    const a = article('xinhua-2020-01-25-psc').text;
    const b = article('sichuan-2020-01-26-provincial-committee').text;
    const r = verify(`${a}\n\n相关阅读\n\n${b}`, testIndex());
    expect(r.matches.map((m) => m.ref.id)).toEqual(['xinhua-2020-01-25-psc', 'sichuan-2020-01-26-provincial-committee']);
    expect(r.verdict).toBe('faithful');
  });

  it('a paragraph repeated by a page template matches twice, faithfully', () => {
    const { text } = article('xinhua-2022-03-17-psc');
    const r = verify(`${text}\n推荐阅读\n${text}`, testIndex());
    expect(r.matches.length).toBe(2);
    expect(r.verdict).toBe('faithful');
  });
});

describe('the specimen 002', () => {
  const text = seedText(SPECIMEN);
  const r = verify(text, testIndex());
  // A section starts with a line that begins with its date.
  const heading = (h: string, from = 0) => {
    const re = new RegExp(`^[ \\t\u3000]*${h}(?![0-9])`, 'gm');
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) throw new Error(`no heading ${h}`);
    return m.index;
  };
  const feb3 = heading('2月3日');
  const feb2 = heading('2月2日');
  const jan25 = heading('1月25日', feb2);

  it('is scrambled', () => {
    expect(r.verdict).toBe('scrambled');
  });

  it('matches its 2月3日 section to 003, covering the section body', () => {
    const m = r.matches.filter((x) => x.ref.id === 'peoples-daily-2020-02-03-psc');
    expect(m).toHaveLength(1);
    expect(m[0]!.page.start).toBeGreaterThanOrEqual(feb3);
    expect(m[0]!.page.end).toBeLessThanOrEqual(feb2);
    expect(m[0]!.page.end - m[0]!.page.start).toBeGreaterThan((feb2 - feb3) * 0.85);
    expect(m[0]!.verdict).toBe('scrambled');
  });

  it('matches the copied 1月25日 paragraphs (editor’s note and last section) to 000', () => {
    const m = r.matches.filter((x) => x.ref.id === 'xinhua-2020-01-25-psc');
    expect(m.some((x) => x.page.end <= feb3)).toBe(true);
    expect(m.some((x) => x.page.start >= jan25)).toBe(true);
  });

  it('attributes nothing in the sections 2月2日 … 1月26日, and reports them as scrambled', () => {
    for (const m of r.matches) expect(m.page.end <= feb2 || m.page.start >= jan25, `${m.ref.id} at ${m.page.start}`).toBe(true);
    const scrambled = r.unmatched.filter((u) => u.scrambled && u.page.start < jan25 && u.page.end > feb2);
    const covered = scrambled.reduce((n, u) => n + Math.min(u.page.end, jan25) - Math.max(u.page.start, feb2), 0);
    expect(covered).toBeGreaterThan((jan25 - feb2) * 0.9);
    for (const u of scrambled) {
      expect(u.restored).toBeTruthy();
      expect(u.signs.length).toBeGreaterThan(0);
    }
    // The reconstruction reverses the spinner's tell-tale forms.
    const restored = scrambled.map((u) => u.restored).join('');
    expect(restored).toContain('人民');
    expect(restored).not.toContain('东谈主');
  });

  it('reports each replaced word as its own difference with exact boundaries', () => {
    const m = r.matches.find((x) => x.ref.id === 'peoples-daily-2020-02-03-psc')!;
    const pairs = new Set(m.differences.filter((d) => d.kind === 'spin').map((d) => `${d.refText}→${d.pageText}`));
    for (const p of ['工作→服务', '领导→率领', '人员→东谈主员', '做好→作念好', '应对→玩忽', '政治局→政事局']) expect(pairs, p).toContain(p);
    // 工作领导小组 -> 服务率领小组: two swapped words side by side are two differences.
    expect(pairs).not.toContain('工作领导→服务率领');
    const distorting = m.differences.filter((d) => d.kind === 'spin' && d.distorting).map((d) => d.refText);
    expect(distorting).toContain('应对');
    expect(distorting).toContain('主持');
  });

  it('gives every difference raw spans that slice to its texts', () => {
    for (const m of r.matches) {
      const file = seedText(m.ref.file);
      for (const d of m.differences) {
        expect(file.slice(d.ref.start, d.ref.end)).toBe(d.refText);
        expect(text.slice(d.page.start, d.page.end)).toBe(d.pageText);
      }
    }
  });
});

describe('a synthetic spinner with known swaps', () => {
  // The lexicon's own swaps applied to a reference: every swap is known, so precision and recall are exact.
  const lexicon = bundledLexicon();
  const pairs = lexicon.entries.filter((e) => e.count >= 2 && e.original.length >= 2).map((e) => [e.original, e.spun] as const);
  for (const id of ['peoples-daily-2020-02-03-psc', 'xinhua-2020-01-25-psc', 'xinhua-2022-03-17-psc']) {
    it(`finds each swap in ${id} as one spin difference (precision and recall >= 0.97)`, () => {
      const { text, entry } = article(id);
      const spun = spin(text, pairs);
      const r = verify(spun.text, testIndex());
      const m = r.matches.filter((x) => x.ref.id === id);
      expect(m).toHaveLength(1);
      const found = m[0]!.differences;
      // A swap is found when a spin difference's raw spans contain it on both sides
      // (snapping to words may widen it: 做 -> 作念 inside 做好).
      const hit = (s: (typeof spun.swaps)[number]) =>
        found.some((d) => d.kind === 'spin' && d.ref.start <= entry.start + s.inStart && d.ref.end >= entry.start + s.inEnd && d.page.start <= s.outStart && d.page.end >= s.outEnd);
      const recall = spun.swaps.filter(hit).length / spun.swaps.length;
      // A difference is right when it holds exactly one swap.
      const holds = (d: Difference) => spun.swaps.filter((s) => d.page.start <= s.outStart && d.page.end >= s.outEnd).length === 1;
      const precision = found.filter(holds).length / Math.max(found.length, 1);
      expect(spun.swaps.length).toBeGreaterThan(20);
      expect(recall).toBeGreaterThanOrEqual(0.97);
      expect(precision).toBeGreaterThanOrEqual(0.97);
      expect(found.every((d) => d.kind === 'spin')).toBe(true);
    });
  }
});

describe('alterations', () => {
  const cases: Record<string, EditSpec[]> = {
    'peoples-daily-2020-02-03-psc': [
      { context: '委员会2月3日召开会议', from: '2月3日', to: '2月5日', kind: 'alteration', subkind: 'number' },
      { context: '常委会两次召开会议', from: '两次', to: '三次', kind: 'alteration', subkind: 'number' },
      { context: '战胜疫病离不开科技支撑', from: '离不开', to: '离得开', kind: 'alteration', subkind: 'negation' },
      { context: '要加大科研攻关力度', from: '要加大', to: '不要加大', kind: 'alteration', subkind: 'negation' },
      { context: '习近平强调，做好疫情防控工作', from: '习近平', to: '李克强', kind: 'alteration', subkind: 'name' },
      { context: '会议还研究了其他事项。', from: '会议还研究了其他事项。', to: '', kind: 'omission' },
      { context: '努力保持生产生活平稳有序', from: '平稳有序', to: '基本停滞', kind: 'alteration', subkind: 'wording' },
      { context: '这是当前防控工作的突出任务。', from: '这是当前防控工作的突出任务。', to: '这是当前防控工作的突出任务。各地一律暂停春节假期后的复工安排。', kind: 'insertion' },
    ],
    'xinhua-2020-01-25-psc': [
      { context: '1月25日农历正月初一', from: '1月25日', to: '1月28日', kind: 'alteration', subkind: 'number' },
      { context: '湖北省武汉市等地近期陆续发生', from: '武汉', to: '长沙', kind: 'alteration', subkind: 'name' },
      { context: '坚决防止疫情扩散', from: '坚决防止', to: '不必防止', kind: 'alteration', subkind: 'negation' },
    ],
    'xinhua-2022-03-17-psc': [
      { context: '3月17日召开会议', from: '3月17日', to: '3月27日', kind: 'alteration', subkind: 'number' },
      { context: '会议还研究了其他事项。', from: '会议还研究了其他事项。', to: '', kind: 'omission' },
    ],
  };

  function check(r: Report, expected: ReturnType<typeof applyEdits>['expected'], id: string) {
    const m = r.matches.filter((x) => x.ref.id === id);
    expect(m.length).toBeGreaterThanOrEqual(1);
    const diffs = m.flatMap((x) => x.differences).filter((d) => d.kind !== 'spin');
    const near = (d: Difference, e: (typeof expected)[number]) => d.ref.start <= e.refEnd + 1 && d.ref.end >= e.refStart - 1;
    for (const e of expected) {
      const got = diffs.filter((d) => near(d, e));
      expect(got.length, `${e.label} not found`).toBeGreaterThan(0);
      const d = got[0]!;
      expect(d.kind, e.label).toBe(e.kind);
      if (e.subkind) expect(d.kind === 'alteration' ? d.subkind : undefined, e.label).toBe(e.subkind);
    }
    // Nothing else: every reported change is one of the edits.
    for (const d of diffs) expect(expected.some((e) => near(d, e)), `unexpected ${d.kind} ${d.refText} → ${d.pageText}`).toBe(true);
  }

  for (const [id, edits] of Object.entries(cases)) {
    it(`finds and classifies every edit in ${id}`, () => {
      const { text, expected } = applyEdits(id, edits);
      const r = verify(wrapInFurniture(text).text, testIndex());
      check(r, expected, id);
      expect(r.verdict).toBe('edited');
    });

    it(`finds the same edits in ${id} when the copy is also spun`, () => {
      const { text, expected } = applyEdits(id, edits);
      // Spin only words that no edit touches (a spinner running after a hand edit).
      const spun = spin(text, [
        ['工作', '服务'],
        ['领导', '率领'],
        ['人民', '东谈主民'],
        ['做好', '作念好'],
        ['全国', '寰宇'],
      ]);
      const r = verify(spun.text, testIndex());
      check(r, expected, id);
      expect(r.verdict).toBe('scrambled');
      expect(r.counts.spin).toBeGreaterThan(0);
    });
  }

  it('reports nothing on faithful copies of every reference', () => {
    for (const e of references()) expect(nonSpin(verify(article(e.id).text, testIndex()))).toEqual([]);
  });
});

describe('hostile copies', () => {
  it('junk injected inside words is reported as insertions, and nothing else', () => {
    const { text } = article('peoples-daily-2020-02-03-psc');
    // Every 53rd character is followed by a watermark fragment (Latin letters and digits).
    let page = '';
    let injected = 0;
    for (let i = 0; i < text.length; i++) {
      page += text[i];
      if (i % 53 === 26 && /[\u4e00-\u9fff]/.test(text[i]!) && /[\u4e00-\u9fff]/.test(text[i + 1] ?? '')) {
        page += 'x9z';
        injected++;
      }
    }
    const r = verify(page, testIndex());
    expect(r.matches.map((m) => m.ref.id)).toEqual(['peoples-daily-2020-02-03-psc']);
    const diffs = r.matches[0]!.differences;
    expect(diffs.every((d) => d.kind === 'insertion' && d.pageText === 'x9z')).toBe(true);
    expect(diffs.length).toBe(injected);
    expect(r.verdict).toBe('edited');
  });

  it('a copy run through an unknown spinner is still matched to its original, and its swaps are reported', () => {
    const { text } = article('xinhua-2020-01-25-psc');
    // A dictionary the lexicon has never seen.
    const other: Array<[string, string]> = [
      ['会议', '集会'], ['加强', '增强'], ['疫情', '病情'], ['防控', '防治'], ['患者', '病人'], ['要求', '请求'],
      ['全面', '周全'], ['群众', '民众'], ['强调', '着重'], ['指出', '指明'], ['确保', '保证'], ['及时', '适时'],
    ];
    const spun = spin(text, other);
    const r = verify(spun.text, testIndex());
    expect(r.matches.map((m) => m.ref.id)).toEqual(['xinhua-2020-01-25-psc']);
    expect(r.verdict).not.toBe('faithful');
    const reported = r.matches[0]!.differences.filter((d) => d.kind !== 'omission' && d.kind !== 'insertion');
    // Most swaps come out as word replacements (some merge where two sit side by side).
    expect(reported.length).toBeGreaterThan(spun.swaps.length * 0.8);
  });

  it('a spun copy converted to Traditional is still scrambled, swap for swap', () => {
    const { text } = article('peoples-daily-2020-02-03-psc');
    const plain = spin(text, [['工作', '服务'], ['领导', '率领'], ['人民', '东谈主民'], ['应对', '玩忽']]);
    const r = verify(toTraditional(plain.text, 'tw'), testIndex());
    expect(r.verdict).toBe('scrambled');
    expect(r.counts.spin).toBe(plain.swaps.length);
    expect(r.counts.alteration + r.counts.omission + r.counts.insertion).toBe(0);
  });
});
