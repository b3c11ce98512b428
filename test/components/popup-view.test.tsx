import { describe, expect, it, vi } from 'vitest';
import { DifferenceList } from '../../components/DifferenceList';
import { PopupView, type PopupViewProps } from '../../components/PopupView';
import type { Report } from '../../lib/engine/types';
import type { TabReport } from '../../lib/protocol';
import { renderLive, renderStatic } from './dom';
import { countsOf, sampleReport } from './fixtures';
import { makeT } from './t';

const t = makeT('zh_CN');

function props(over: Partial<PopupViewProps> = {}): PopupViewProps {
  const { tab, refFiles } = sampleReport();
  return {
    state: { status: 'ready', tabReport: tab },
    refFiles,
    switches: { hostname: 'example.com', siteOn: true, everywhereOn: true, onSiteChange: () => {}, onEverywhereChange: () => {} },
    onReveal: () => {},
    t,
    ...over,
  };
}

describe('PopupView with a report', () => {
  it('shows the verdict, the original, counts per kind, both sides and every difference', () => {
    const { report } = sampleReport();
    const { document, text } = renderStatic(<PopupView {...props()} />);
    const match = report.matches[0]!;
    // Verdict
    expect(document.querySelector('.yw-verdict')!.getAttribute('data-verdict')).toBe(report.verdict);
    expect(text).toContain(t(`common.verdict.${report.verdict}`));
    // The matched original: headline, publisher, date
    expect(document.querySelector('.yw-refcard-headline')!.textContent).toBe('测试原文标题');
    expect(document.querySelector('.yw-refcard-meta')!.textContent).toContain('新华社');
    expect(document.querySelector('.yw-refcard-meta')!.textContent).toContain('2020-02-03');
    // Counts per kind
    const count = (k: string) => Number(document.querySelector(`.yw-count[data-kind="${k}"]`)!.getAttribute('data-count'));
    expect(count('spin')).toBe(match.counts.spin);
    // Distorting spin is shown inside the spin count, as the banner words it.
    expect(document.querySelector('.yw-count[data-kind="spin"] .yw-count-distorting')!.textContent).toBe('其中扭曲原意 1');
    expect(document.querySelector('.yw-count[data-kind="distorting"]')).toBeNull();
    expect(count('alteration')).toBe(2);
    expect(count('omission')).toBe(1);
    expect(count('insertion')).toBe(1);
    expect(document.querySelector('.yw-count[data-kind="alteration"]')!.textContent).toContain('数字或日期被改 1');
    // Side by side: each difference marked on both sides
    for (let i = 0; i < match.differences.length; i++) {
      expect(document.querySelectorAll(`.yw-sbs-ref [data-diff="${i}"]`).length, `ref ${i}`).toBeGreaterThan(0);
      expect(document.querySelectorAll(`.yw-sbs-page [data-diff="${i}"]`).length, `page ${i}`).toBeGreaterThan(0);
    }
    expect(document.querySelector('.yw-sbs-page .yw-k-distorting')!.textContent).toBe('玩忽');
    expect(document.querySelector('.yw-sbs-ref .yw-k-distorting')!.textContent).toBe('应对');
    // The omitted text shows on the original's side, with a marker on the page's side
    expect(document.querySelector('.yw-sbs-ref .yw-mark.yw-k-omission')!.textContent).toBe('各级党委和政府坚决贯彻落实。');
    expect(document.querySelector('.yw-sbs-page .yw-marker.yw-k-omission')!.textContent).toBe('');
    // The added paragraph has nothing beside it on the original's side
    expect(text).toContain(t('popup.emptyRef'));
    // List of differences
    const items = document.querySelectorAll('.yw-diff');
    expect(items.length).toBe(match.differences.length);
    expect(text).toContain(t('popup.differences', [match.differences.length]));
    const first = items[0]!;
    expect(first.querySelector('.yw-diff-ref')!.textContent).toBe('政治局');
    expect(first.querySelector('.yw-diff-page')!.textContent).toBe('政事局');
    // The negation alteration 不忘 -> 忘记 keeps both words; an added word with nothing before it shows ∅.
    const { document: d2 } = renderStatic(<DifferenceList differences={[{ kind: 'alteration', subkind: 'negation', distorting: true, ref: { start: 5, end: 5 }, page: { start: 5, end: 6 }, refText: '', pageText: '不' }]} onSelect={() => {}} t={t} />);
    expect(d2.querySelector('.yw-diff-ref')!.textContent).toBe('∅');
    expect(d2.querySelector('.yw-diff-page')!.textContent).toBe('不');
  });

  it('sums up the differences, naming the distorting ones', () => {
    const { report } = sampleReport();
    const c = report.counts;
    const total = c.spin + c.alteration + c.omission + c.insertion;
    const { document } = renderStatic(<PopupView {...props()} />);
    expect(document.querySelector('.yw-verdict-total')!.textContent).toBe(t('popup.summaryDistorting', [total, 1]));
    expect(document.querySelector('.yw-verdict-total')!.textContent).toContain('其中 1 处扭曲原意');
  });

  it('a faithful repost shows no row of zero counts and no list to go through', () => {
    const { tab, refFiles } = sampleReport();
    const faithful = structuredClone(tab);
    const m = faithful.report.matches[0]!;
    m.differences = [];
    m.counts = countsOf([]);
    m.verdict = 'faithful';
    faithful.report.verdict = 'faithful';
    faithful.report.counts = countsOf([]);
    const { document, text } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: faithful }, refFiles })} />);
    expect(document.querySelector('.yw-counts')).toBeNull();
    expect(document.querySelector('.yw-verdict-total')).toBeNull();
    expect(text).toContain(t('common.verdict.faithful'));
    expect(text).toContain(t('popup.noDifferences'));
    expect(document.querySelectorAll('.yw-sbs-row').length).toBeGreaterThan(1);
  });

  it('renders page text as text, never as markup', () => {
    const { tab, refFiles } = sampleReport();
    const evil = structuredClone(tab);
    const d = evil.report.matches[0]!.differences[0]!;
    d.pageText = '<img src=x onerror=alert(1)>';
    const { document, html } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: evil }, refFiles })} />);
    expect(document.querySelector('img')).toBeNull();
    expect(html).toContain('&lt;img');
  });

  it('says so when the original file is missing instead of failing', () => {
    const { text } = renderStatic(<PopupView {...props({ refFiles: {} })} />);
    expect(text).toContain(t('popup.refMissing', ['test.txt']));
  });

  it('clicking a difference asks the page to reveal it and outlines it on both sides', () => {
    const onReveal = vi.fn();
    const live = renderLive(<PopupView {...props({ onReveal })} />);
    try {
      live.click(live.container.querySelector('.yw-diff[data-diff="3"]'));
      expect(onReveal).toHaveBeenCalledWith(0, 3);
      expect(live.container.querySelector('.yw-diff[data-diff="3"]')!.className).toContain('yw-selected');
      expect(live.container.querySelectorAll('mark.yw-selected[data-diff="3"]').length).toBe(2);
      // Clicking a marked word in the side-by-side view does the same.
      live.click(live.container.querySelector('.yw-sbs-page mark[data-diff="0"]'));
      expect(onReveal).toHaveBeenLastCalledWith(0, 0);
    } finally {
      live.unmount();
    }
  });

  it('filters the list by kind', () => {
    const live = renderLive(<PopupView {...props()} />);
    try {
      const filter = [...live.container.querySelectorAll('.yw-filter button')].find((b) => b.textContent!.startsWith(t('common.kind.spin')))!;
      live.click(filter);
      const kinds = [...live.container.querySelectorAll('.yw-diff')].map((b) => b.getAttribute('data-kind'));
      expect(kinds.length).toBe(4);
      expect(new Set(kinds)).toEqual(new Set(['spin']));
    } finally {
      live.unmount();
    }
  });

  it('offers a tab per original when the page reposts several, opening on the largest', () => {
    const { tab, refFiles } = sampleReport();
    const two: TabReport = structuredClone(tab);
    const small = structuredClone(two.report.matches[0]!);
    small.page = { start: 0, end: 5 };
    small.ref = { ...small.ref, headline: '另一篇', publisher: '人民日报' };
    small.differences = [];
    small.counts = countsOf([]);
    two.report.matches.unshift(small);
    const { document } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: two }, refFiles })} />);
    const tabs = document.querySelectorAll('.yw-tabs button');
    expect(tabs.length).toBe(2);
    expect(tabs[1]!.getAttribute('aria-selected')).toBe('true');
    expect(document.querySelector('.yw-refcard-headline')!.textContent).toBe('测试原文标题');
    expect(document.querySelector('.yw-refcard-caption')!.textContent).toBe(t('popup.matchOf', [2, 2]));
  });
});

describe('PopupView without a report', () => {
  it('shows a clear empty state when the page had nothing to verify', () => {
    const { document, text } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: null } })} />);
    expect(document.querySelector('.yw-empty')).not.toBeNull();
    expect(text).toContain(t('popup.emptyTitle'));
    expect(document.querySelector('.yw-verdict')).toBeNull();
    // The switches stay usable.
    expect(document.querySelectorAll('input[role="switch"]').length).toBe(2);
  });

  it('shows the empty state for an unmatched page without scrambled text', () => {
    const report: Report = { verdict: 'unmatched', matches: [], unmatched: [{ page: { start: 0, end: 30 }, scrambled: false, signs: [] }], counts: countsOf([]) };
    const { text } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: { url: 'https://a.cn/', generation: 1, report, text: '普通中文页面'.repeat(5), verifiedAt: 0 } } })} />);
    expect(text).toContain(t('popup.emptyTitle'));
  });

  it('shows scrambled text without an original with its reconstruction, labelled as one', () => {
    const pageText = '中共中央政事局召开会议，东谈主民群众作念好服务。\n第二段东谈主民。';
    const sign = (w: string, o: string) => ({ page: { start: pageText.indexOf(w), end: pageText.indexOf(w) + w.length }, pageText: w, original: o, distorting: false });
    const report: Report = {
      verdict: 'unmatched',
      matches: [],
      unmatched: [{ page: { start: 0, end: pageText.length }, scrambled: true, restored: '中共中央政治局召开会议，人民群众做好工作。\n第二段人民。', signs: [sign('政事局', '政治局'), sign('东谈主', '人'), sign('作念', '做')] }],
      counts: countsOf([]),
    };
    const { document, text } = renderStatic(<PopupView {...props({ state: { status: 'ready', tabReport: { url: 'https://a.cn/', generation: 1, report, text: pageText, verifiedAt: 0 } } })} />);
    expect(document.querySelector('.yw-verdict')!.getAttribute('data-verdict')).toBe('unmatched');
    expect(text).toContain(t('popup.unmatchedTitle', [1]));
    expect(text).toContain(t('popup.unmatchedNote'));
    const restored = document.querySelector('[data-reconstruction="true"]')!;
    expect(restored.textContent).toContain('重构文本');
    expect(restored.textContent).toContain('中共中央政治局召开会议');
    expect([...document.querySelectorAll('.yw-region-page mark')].map((m) => m.textContent)).toEqual(['政事局', '东谈主', '作念']);
    // The page's own text is shown exactly.
    expect(document.querySelector('.yw-region-page')!.textContent).toContain('第二段东谈主民。');
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
      expect(onReveal).toHaveBeenCalledWith(-1, 1, 1);
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

  it('renders in English too', () => {
    const en = makeT('en');
    const { text } = renderStatic(<PopupView {...props({ t: en, state: { status: 'ready', tabReport: null } })} />);
    expect(text).toContain('Nothing to verify on this page');
  });
});
