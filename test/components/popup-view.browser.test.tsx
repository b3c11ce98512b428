import { describe, expect, it, vi } from 'vitest';
import { PopupView, type PopupViewProps } from '../../components/PopupView';
import type { Report } from '../../lib/engine/types';
import type { TabReport } from '../../lib/protocol';
import { renderLive, renderStatic } from './live-dom';
import { countsOf, sampleReport } from './fixtures';
import { makeT } from './t-browser';

const t = makeT('zh_CN');

function props(over: Partial<PopupViewProps> = {}): PopupViewProps {
  const { tab, refFiles } = sampleReport();
  return {
    state: { status: 'ready', tabReport: tab },
    refFiles,
    switches: { hostname: 'example.com', siteOn: true, everywhereOn: true, onSiteChange: () => {}, onEverywhereChange: () => {} },
    onReveal: () => {},
    progressive: false,
    t,
    ...over,
  };
}

const texts = (els: Iterable<Element>) => [...els].map((e) => e.textContent);

/** The sample report with its differences removed: a faithful repost of the same original. */
function faithfulSample() {
  const { tab, refFiles } = sampleReport();
  const faithful = structuredClone(tab);
  const m = faithful.report.matches[0]!;
  m.differences = [];
  m.counts = countsOf([]);
  m.verdict = 'faithful';
  faithful.report.verdict = 'faithful';
  faithful.report.counts = countsOf([]);
  return { tab, faithful, refFiles };
}

describe('PopupView with a report', () => {
  it('leads with the verdict word, then the worst finding with its example, then counts that add up', () => {
    const { report } = sampleReport();
    const { document } = renderStatic(<PopupView {...props()} />);
    const verdict = document.querySelector('.yw-verdict')!;
    expect(verdict.getAttribute('data-verdict')).toBe('scrambled');
    expect(verdict.querySelector('.yw-verdict-word')!.textContent).toBe('被机器改写过');
    expect(verdict.querySelector('.yw-verdict-worst')!.textContent).toBe('意思被扭曲：原文“应对”，本页“玩忽”');
    const n = report.matches[0]!.differences.length;
    expect(verdict.querySelector('.yw-verdict-detail')!.textContent).toBe(`${n} 处与原文不同（对照新华社 2020年2月3日原文）`);
    // The filter chips are the counts per kind, worst first, and they add up to the total.
    const chips = [...document.querySelectorAll('.yw-filter button[data-kind]')];
    expect(chips.map((c) => c.getAttribute('data-kind'))).toEqual(['distorting', 'negation', 'number', 'omission', 'insertion', 'spin']);
    const sum = chips.reduce((s, c) => s + Number(/\d+$/.exec(c.textContent!)![0]), 0);
    expect(sum).toBe(n);
    expect(document.querySelector('.yw-filter button[aria-pressed="true"]')!.textContent).toBe(`全部 ${n}`);
  });

  it('shows the original (headline, publisher, date as the reader writes it) and both sides, every difference marked', () => {
    const { report } = sampleReport();
    const { document } = renderStatic(<PopupView {...props({ onOpenOriginal: () => {} })} />);
    expect(document.querySelector('.yw-refcard-headline')!.textContent).toContain('测试原文标题');
    expect(document.querySelector('.yw-refcard-date')!.textContent).toBe('2020年2月3日');
    expect(document.querySelector('.yw-refcard')!.textContent).toContain(t('popup.openFull'));
    const match = report.matches[0]!;
    for (let i = 0; i < match.differences.length; i++) {
      expect(document.querySelectorAll(`.yw-sbs-ref [data-diff="${i}"]`).length, `ref ${i}`).toBeGreaterThan(0);
      expect(document.querySelectorAll(`.yw-sbs-page [data-diff="${i}"]`).length, `page ${i}`).toBeGreaterThan(0);
    }
    expect(document.querySelector('.yw-sbs-page .yw-k-distorting')!.textContent).toBe('玩忽');
    expect(document.querySelector('.yw-sbs-ref .yw-mark.yw-k-omission')!.textContent).toBe('各级党委和政府坚决贯彻落实。');
    expect(document.querySelector('.yw-sbs-page .yw-marker.yw-k-omission')!.textContent).toBe('');
  });

  it('lists pairs worst first, in their kind colour and plain Chinese label', () => {
    const { document } = renderStatic(<PopupView {...props()} />);
    const rows = [...document.querySelectorAll('.yw-group')];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.getAttribute('data-kind')).toBe('distorting');
    expect(rows[0]!.querySelector('.yw-row-kind')!.textContent).toBe('意思被扭曲');
    expect(texts(rows[0]!.querySelectorAll('.yw-diff-ref, .yw-diff-page'))).toEqual(['应对', '玩忽']);
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['distorting', 'negation', 'number', 'omission', 'insertion', 'spin', 'spin', 'spin', 'spin']);
  });

  it('groups a pair made again and again into one expandable row', () => {
    const { tab, refFiles } = sampleReport();
    const many = structuredClone(tab);
    const m = many.report.matches[0]!;
    const spin = m.differences.find((d) => d.pageText === '实时')!;
    for (let i = 0; i < 5; i++) m.differences.push({ ...spin });
    const live = renderLive(<PopupView {...props({ state: { status: 'ready', tabReport: many }, refFiles })} />);
    try {
      const group = [...live.container.querySelectorAll('.yw-group')].find((g) => g.textContent!.includes('实时'))!;
      expect(group.querySelector('.yw-times')!.textContent).toContain('×6');
      const button = group.querySelector('button')!;
      expect(button.getAttribute('aria-expanded')).toBe('false');
      live.click(button);
      expect(live.container.querySelectorAll('.yw-place').length).toBe(6);
    } finally {
      live.unmount();
    }
  });

  it('a faithful repost says so, with nothing to go through', () => {
    const { faithful, refFiles } = faithfulSample();
    const { document } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: faithful }, refFiles })} />);
    expect(document.querySelector('.yw-verdict-word')!.textContent).toBe('与原文一致');
    expect(document.querySelector('.yw-verdict')!.getAttribute('data-tone')).toBe('faithful');
    expect(document.querySelector('.yw-filter')).toBeNull();
    expect(document.querySelectorAll('.yw-sbs-row').length).toBeGreaterThan(1);
  });

  it('a page that renders other text than the text verified is never green: the finding leads, in the popup and the side panel', () => {
    const { tab, faithful, refFiles } = faithfulSample();
    const m = faithful.report.matches[0]!;
    faithful.renderedDiffers = [{ kind: 'generated', start: m.page.start + 2, end: m.page.start + 2, text: '全国停课' }];
    for (const surface of ['popup', 'sidepanel'] as const) {
      const { document } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: faithful }, refFiles, surface })} />);
      const verdict = document.querySelector('.yw-verdict')!;
      expect(verdict.getAttribute('data-verdict')).toBe('unconfirmed');
      expect(verdict.getAttribute('data-tone')).toBe('edited');
      expect(verdict.querySelector('.yw-verdict-word')!.textContent).toBe('无法确认与原文一致');
      expect(verdict.querySelector('.yw-verdict-rendered')!.textContent).toContain('渲染文字与源文字不一致');
      expect(verdict.querySelector('.yw-verdict-rendered')!.textContent).toContain('“全国停课”');
      expect(verdict.textContent).not.toContain('✓');
    }
    // With differences as well, the rendering finding comes first and the verdict stays the differences'.
    const both = structuredClone(tab);
    both.renderedDiffers = [{ kind: 'bidi', start: 0, end: 1 }];
    const { document } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: both }, refFiles })} />);
    const lines = [...document.querySelectorAll('.yw-verdict-worst')].map((p) => p.textContent);
    expect(lines[0]).toBe(t('guard.renderedDiffers'));
    expect(lines[1]).toBe('意思被扭曲：原文“应对”，本页“玩忽”');
    expect(document.querySelector('.yw-verdict')!.getAttribute('data-verdict')).toBe('scrambled');
  });

  it('renders page text as text, never as markup', () => {
    const { tab, refFiles } = sampleReport();
    const evil = structuredClone(tab);
    evil.report.matches[0]!.differences[0]!.pageText = '<img src=x onerror=alert(1)>';
    const { document, html } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: evil }, refFiles })} />);
    expect(document.querySelector('img:not(.yw-logo)')).toBeNull();
    expect(html).toContain('&lt;img');
  });

  it('says so when the original file is missing instead of failing', () => {
    const { text } = renderStatic(<PopupView {...props({ refFiles: {} })} />);
    expect(text).toContain(t('popup.refMissing', ['test.txt']));
  });

  it('waits with a busy pane, not a "missing" error, while the original texts are still loading', () => {
    const { document, text } = renderStatic(<PopupView {...props({ refFiles: {}, refsPending: true })} />);
    expect(text).not.toContain(t('popup.refMissing', ['test.txt']));
    expect(document.querySelector('.yw-panes [aria-busy="true"]')).not.toBeNull();
    // The verdict does not wait for the texts.
    expect(document.querySelector('.yw-verdict')).not.toBeNull();
  });

  it('clicking a difference asks the page to reveal it and selects it on both sides; next and previous walk worst first', () => {
    const onReveal = vi.fn();
    const live = renderLive(<PopupView {...props({ onReveal })} />);
    try {
      live.click(live.container.querySelector('.yw-sbs-page mark[data-diff="0"]'));
      expect(onReveal).toHaveBeenLastCalledWith({ source: 'match', match: 0, difference: 0 });
      expect(live.container.querySelectorAll('mark.yw-selected[data-diff="0"]').length).toBe(2);
      // The selected mark is the one in the tab order.
      expect(live.container.querySelector('mark.yw-selected')!.getAttribute('tabindex')).toBe('0');
      const next = [...live.container.querySelectorAll('.yw-nav button')].find((b) => b.textContent!.includes('下一处'))!;
      const prev = [...live.container.querySelectorAll('.yw-nav button')].find((b) => b.textContent!.includes('上一处'))!;
      live.click(prev);
      live.click(prev);
      // From the first spin back to the last insertion... the order is the list's: walk to the very start.
      for (let i = 0; i < 20 && live.container.querySelector('.yw-pos')!.textContent!.split(' / ')[0] !== '1'; i++) live.click(prev);
      expect(onReveal).toHaveBeenLastCalledWith({ source: 'match', match: 0, difference: 2 });
      expect(live.container.querySelector('.yw-detail')!.textContent).toContain('意思被扭曲');
      live.click(next);
      expect(live.container.querySelector('.yw-detail')!.textContent).toContain('否定被改');
    } finally {
      live.unmount();
    }
  });

  it('the kind filter narrows the list and dims the other kinds in the text', () => {
    const live = renderLive(<PopupView {...props()} />);
    try {
      live.click(live.container.querySelector('.yw-filter button[data-kind="spin"]'));
      const kinds = [...live.container.querySelectorAll('.yw-group')].map((g) => g.getAttribute('data-kind'));
      expect(new Set(kinds)).toEqual(new Set(['spin']));
      expect(live.container.querySelector('mark.yw-k-distorting')!.className).toContain('yw-dim');
      expect(live.container.querySelector('mark.yw-k-spin')!.className).not.toContain('yw-dim');
    } finally {
      live.unmount();
    }
  });

  it('one original quoted twice is one tab with two passages; each original is a tab with arrow keys', () => {
    const { tab, refFiles } = sampleReport();
    const two: TabReport = structuredClone(tab);
    const again = structuredClone(two.report.matches[0]!);
    again.differences = [];
    two.report.matches.push(again);
    const other = structuredClone(two.report.matches[0]!);
    other.page = { start: 0, end: 5 };
    other.ref = { ...other.ref, id: 'other', headline: '另一篇', publisher: '人民日报' };
    other.differences = [];
    two.report.matches.unshift(other);
    const { document } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: two }, refFiles })} />);
    const tabs = document.querySelectorAll('[role="tab"]');
    expect(tabs.length).toBe(2);
    expect(tabs[1]!.getAttribute('aria-selected')).toBe('true');
    expect(tabs[1]!.getAttribute('tabindex')).toBe('0');
    expect(tabs[0]!.getAttribute('tabindex')).toBe('-1');
    expect(document.querySelector('[role="tabpanel"]')!.getAttribute('aria-labelledby')).toBe(tabs[1]!.id);
    expect(document.querySelectorAll('.yw-passage').length).toBe(2);
    expect(document.querySelector('.yw-refcard-caption')!.textContent).toBe(t('popup.passages', [2]));
    expect(document.querySelector('.yw-verdict-detail')!.textContent).toContain('等 2 篇原文');
  });
});

describe('PopupView without a report', () => {
  it('shows a clear empty state when the page had nothing to verify', () => {
    const { document, text } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: null } })} />);
    expect(document.querySelector('.yw-empty')).not.toBeNull();
    expect(text).toContain(t('verdict.none.word'));
    expect(document.querySelector('.yw-verdict')).toBeNull();
    expect(document.querySelectorAll('input[role="switch"]').length).toBe(2);
  });

  it('shows the empty state for an unmatched page without scrambled text', () => {
    const report: Report = { verdict: 'unmatched', matches: [], unmatched: [{ page: { start: 0, end: 30 }, scrambled: false, signs: [] }], counts: countsOf([]) };
    const { text } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: { url: 'https://a.cn/', generation: 1, report, text: '普通中文页面'.repeat(5), verifiedAt: 0 } } })} />);
    expect(text).toContain(t('verdict.none.word'));
  });

  it('shows spun text without an original with its likely reading, labelled as a guess, in the same kind colours', () => {
    const pageText = '中共中央政事局召开会议，东谈主民群众作念好服务。\n第二段东谈主民。';
    const sign = (w: string, o: string, distorting = false) => ({ page: { start: pageText.indexOf(w), end: pageText.indexOf(w) + w.length }, pageText: w, original: o, distorting });
    const report: Report = {
      verdict: 'unmatched',
      matches: [],
      unmatched: [{ page: { start: 0, end: pageText.length }, scrambled: true, restored: '中共中央政治局召开会议，人民群众做好工作。\n第二段人民。', signs: [sign('政事局', '政治局'), sign('东谈主', '人'), sign('作念', '做', true)] }],
      counts: countsOf([]),
    };
    const { document, text } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: { url: 'https://a.cn/', generation: 1, report, text: pageText, verifiedAt: 0 } } })} />);
    expect(document.querySelector('.yw-verdict')!.getAttribute('data-verdict')).toBe('unsourced');
    expect(document.querySelector('.yw-verdict-detail')!.textContent).toBe('3 处机器换词找不到原文');
    expect(text).toContain(t('popup.unmatchedNote'));
    const restored = document.querySelector('[data-reconstruction="true"]')!;
    expect(restored.textContent).toContain('推测读法');
    expect(texts(document.querySelectorAll('.yw-region-page mark'))).toEqual(['政事局', '东谈主', '作念']);
    expect([...document.querySelectorAll('.yw-region-page mark')].map((m) => m.getAttribute('data-kind') ?? m.className.match(/yw-k-(\w+)/)![1])).toEqual(['spin', 'spin', 'distorting']);
  });

  it('clicking a spun form in an unmatched region reveals it by region and sign', () => {
    const pageText = '页头\n中共中央政事局召开会议，东谈主民群众作念好服务。';
    const at = (w: string) => ({ start: pageText.indexOf(w), end: pageText.indexOf(w) + w.length });
    const report: Report = {
      verdict: 'unmatched',
      matches: [],
      unmatched: [
        { page: { start: 0, end: 2 }, scrambled: false, signs: [] },
        { page: { start: 3, end: pageText.length }, scrambled: true, restored: '中共中央政治局召开会议', signs: [{ page: at('政事局'), pageText: '政事局', original: '政治局', distorting: false }, { page: at('作念'), pageText: '作念', original: '做', distorting: false }] },
      ],
      counts: countsOf([]),
    };
    const onReveal = vi.fn();
    const live = renderLive(<PopupView {...props({ onReveal, state: { status: 'ready', tabReport: { url: 'https://a.cn/', generation: 1, report, text: pageText, verifiedAt: 0 } } })} />);
    try {
      live.click(live.container.querySelector('.yw-region-page mark[data-sign="1"]'));
      expect(onReveal).toHaveBeenCalledWith({ source: 'unsourced', region: 1, sign: 1 });
    } finally {
      live.unmount();
    }
  });

  it('shows a failed reveal', () => {
    const { document } = renderStatic(<PopupView {...props({ revealError: '无法定位' })} />);
    expect(document.querySelector('[role="alert"]')!.textContent).toBe('无法定位');
  });

  it('shows loading and errors', () => {
    expect(renderStatic(<PopupView {...props({ state: { status: 'loading' } })} />).text).toContain(t('popup.loading'));
    expect(renderStatic(<PopupView {...props({ state: { status: 'error', message: 'boom' } })} />).text).toContain(t('popup.error', ['boom']));
  });

  it('renders in English too, with English dates and plural rules', () => {
    const en = makeT('en');
    expect(renderStatic(<PopupView {...props({ t: en, state: { status: 'ready', tabReport: null } })} />).text).toContain('Nothing to check here');
    const { document } = renderStatic(<PopupView {...props({ t: en })} />);
    expect(document.querySelector('.yw-refcard-date')!.textContent).toBe('February 3, 2020');
    expect(document.querySelector('.yw-verdict-detail')!.textContent).toMatch(/^\d+ differences from the original \(checked against Xinhua, February 3, 2020\)$/);
  });
});

describe('PopupView when Yuanwen may not read the site', () => {
  it('says so in Chinese, with the button that asks for access, instead of "nothing to check"', () => {
    const onRequest = vi.fn();
    const live = renderLive(<PopupView {...props({ state: { status: 'ready', tabReport: null }, access: { host: 'news.example:8080', onRequest } })} />);
    try {
      const text = live.container.textContent ?? '';
      expect(text).toContain('原文无权读取这个网站');
      expect(text).toContain('原文在 news.example:8080 上读取网页的权限已被收回');
      expect(text).not.toContain('没有需要核对的通稿');
      const button = live.container.querySelector('.yw-permission-grant')!;
      expect(button.textContent).toBe('允许原文读取 news.example:8080');
      live.click(button);
      expect(onRequest).toHaveBeenCalledTimes(1);
    } finally {
      live.unmount();
    }
  });

  it('a refused request is said; English and Traditional Chinese have the notice too', () => {
    const { text } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: null }, access: { host: 'a.example', onRequest: () => {}, denied: true } })} />);
    expect(text).toContain('未获允许：原文不会读取这个网站。');
    expect(renderStatic(<PopupView {...props({ state: { status: 'loading' }, access: { host: 'a.example', onRequest: () => {} }, t: makeT('en') })} />).text).toContain('Allow Yuanwen on a.example');
    expect(renderStatic(<PopupView {...props({ state: { status: 'loading' }, access: { host: 'a.example', onRequest: () => {} }, t: makeT('zh_TW') })} />).text).toContain('原文無權讀取這個網站');
  });

  it('without the notice, a page with nothing to check still says so', () => {
    expect(renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: null } })} />).text).toContain('没有需要核对的通稿');
  });
});

describe('PopupView with a bulletin in a frame', () => {
  it('notices the frame with its verdict and offers its report; showing it offers the way back', () => {
    const onShow = vi.fn();
    const notice = { frameId: 4, host: '127.0.0.1:9000', verdict: 'scrambled' as const, tone: 'scrambled' as const, text: '本页嵌入的框架（127.0.0.1:9000）中有一篇通稿：被机器改写过', badgeText: '457' };
    const live = renderLive(<PopupView {...props({ state: { status: 'ready', tabReport: null }, frames: { notices: [notice], onShow } })} />);
    try {
      const el = live.container.querySelector('.yw-frame-notice')!;
      expect(el.textContent).toContain('被机器改写过');
      expect(el.textContent).toContain('457');
      live.click(el.querySelector('button'));
      expect(onShow).toHaveBeenLastCalledWith(4);
      live.render(<PopupView {...props({ frames: { notices: [notice], shown: { frameId: 4, host: notice.host }, onShow } })} />);
      expect(live.container.querySelector('.yw-frame-notice')).toBeNull();
      const showing = live.container.querySelector('.yw-frame-showing')!;
      expect(showing.textContent).toContain('正在显示本页嵌入的框架（127.0.0.1:9000）中的核对结果');
      live.click(showing.querySelector('button'));
      expect(onShow).toHaveBeenLastCalledWith(0);
    } finally {
      live.unmount();
    }
  });
});
