// The popup's virtualized list in a real DOM (Chromium, Vitest browser mode):
// with real layout the virtualizer measures its scroll box, so what is
// rendered is what a reader's popup renders, not a guess made without layout.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { FindingList, rowHeight } from '../../components/FindingList';
import { PopupView } from '../../components/PopupView';
import { groupPairs, type Finding } from '../../lib/present/findings';
import '../../components/theme.css';
import { sampleReport } from './fixtures';
import { makeT } from './t-browser';

const t = makeT();
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** `n` distinct pairs (n rows, none grouped), each a spin at its own page offset. */
function findings(n: number): Finding[] {
  return Array.from({ length: n }, (_, i) => ({
    key: { source: 'match', match: 0, difference: i },
    id: `m0-${i}`,
    kind: 'spin',
    refText: `原文${i}`,
    pageText: `本页${i}`,
    page: { start: i * 10, end: i * 10 + 4 },
    original: 0,
  }));
}

let root: Root | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

function mount(list: Finding[], boxHeight: number) {
  host = document.createElement('div');
  // The popup gives the list a fixed box; here the same, so the virtualizer has a real viewport.
  host.style.cssText = `width: 400px; height: ${boxHeight}px; display: flex; flex-direction: column;`;
  document.body.append(host);
  root = createRoot(host);
  const groups = groupPairs(list);
  act(() => root!.render(<FindingList groups={groups} onSelect={() => {}} contextOf={() => ({ before: '', after: '' })} t={t} />));
  const box = host.querySelector<HTMLElement>('.yw-list')!;
  box.style.height = `${boxHeight}px`;
  return { box, groups };
}

const rows = () => [...host!.querySelectorAll<HTMLElement>('.yw-row')];
const frame = () => act(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))));

describe('FindingList in a real DOM', () => {
  it('renders a screen of rows (plus overscan) out of 450, laid out one row height apart', async () => {
    const { box } = mount(findings(450), 320);
    await frame();
    const shown = rows();
    const screen = Math.ceil(320 / rowHeight);
    expect(shown.length).toBeGreaterThanOrEqual(screen);
    expect(shown.length).toBeLessThan(screen + 16);
    // Real layout: every row is rowHeight tall and they stack without gaps; the inner box is as tall as all 450.
    const tops = shown.map((r) => r.getBoundingClientRect().top);
    tops.slice(1).forEach((top, i) => expect(top - tops[i]!).toBeCloseTo(rowHeight, 0));
    expect(shown[0]!.getBoundingClientRect().height).toBeCloseTo(rowHeight, 0);
    expect(box.querySelector<HTMLElement>('.yw-list-inner')!.getBoundingClientRect().height).toBeCloseTo(450 * rowHeight, 0);
  });

  it('scrolling to the end renders the last rows and drops the first', async () => {
    const { box } = mount(findings(450), 320);
    await frame();
    await act(async () => {
      box.scrollTop = box.scrollHeight;
      box.dispatchEvent(new Event('scroll'));
    });
    await frame();
    await frame();
    const indices = rows().map((r) => Number(r.dataset.index));
    expect(Math.max(...indices)).toBe(449);
    expect(Math.min(...indices)).toBeGreaterThan(400);
    // The last row sits at the bottom of the scroll box, fully in view.
    const last = rows().find((r) => r.dataset.index === '449')!;
    expect(last.getBoundingClientRect().bottom).toBeLessThanOrEqual(box.getBoundingClientRect().bottom + 1);
  });

  it('a taller box renders more rows', async () => {
    mount(findings(450), 640);
    await frame();
    expect(rows().length).toBeGreaterThanOrEqual(Math.ceil(640 / rowHeight));
  });
});

describe('PopupView in a real DOM', () => {
  it('at 360 px: the verdict, the list rows and the side-by-side are laid out, nothing overflows sideways', async () => {
    const { tab, refFiles } = sampleReport();
    host = document.createElement('div');
    host.style.cssText = 'width: 360px; height: 600px;';
    document.body.append(host);
    root = createRoot(host);
    const switches = { hostname: 'example.com', siteOn: true, everywhereOn: true, onSiteChange: () => {}, onEverywhereChange: () => {} };
    act(() => root!.render(<PopupView state={{ status: 'ready', tabReport: tab }} refFiles={refFiles} switches={switches} onReveal={() => {}} t={t} />));
    // The side-by-side is a deferred render: wait for its marks (one per difference on the page side; an omission's is a caret).
    for (let i = 0; i < 20 && !host.querySelector('.yw-sbs mark'); i++) await frame();
    expect(host.querySelector('.yw-verdict-word')!.textContent).toBe('被机器改写过');
    const listRows = rows();
    expect(listRows.length).toBeGreaterThan(0);
    for (const r of listRows) expect(r.getBoundingClientRect().height).toBeCloseTo(rowHeight, 0);
    expect(host.querySelectorAll('.yw-sbs mark[data-side="page"]').length).toBe(tab.report.matches[0]!.differences.length);
    const popup = host.querySelector<HTMLElement>('.yw-popup')!;
    expect(popup.scrollWidth).toBeLessThanOrEqual(popup.clientWidth);
  });
});
