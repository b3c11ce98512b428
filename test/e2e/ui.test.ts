// The reader's interface in real Chromium: accessibility (axe-core, 0 serious
// or critical violations) on the popup, the side panel, the options page, the
// welcome page, the banner and the hover card, and keyboard access to every
// difference. `npx vitest run --project e2e test/e2e/ui.test.ts` prints the
// axe results per surface.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, screenshotDir, uiEval, waitForBanner } from './harness';
import { buildPage } from './pages';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** Runs axe-core in the page (extension pages forbid injected script tags: the source is evaluated instead). */
async function axe(page: Page, surface: string): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  })) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  console.log(`axe ${surface}: ${violations.length} violation kinds (${serious.length} serious or critical)${violations.length ? ': ' + violations.map((v) => `${v.id} [${v.impact}] ×${v.nodes.length}`).join(', ') : ''}`);
  return serious;
}

describe('the reader interface', () => {
  let h: Harness;
  let farm: Page;
  let tabId: number;

  beforeAll(async () => {
    h = await new Harness({ '/farm.html': buildPage('farm'), '/edited.html': buildPage('edited') }).start();
    farm = await h.open('/farm.html');
    await waitForBanner(farm);
    tabId = await h.tabId(farm);
  });
  afterAll(async () => h?.stop());

  /** What the `commands` shortcuts do: the background sends the tab a step request. */
  const step = async (delta: 1 | -1) => {
    const sw = await h.sw();
    return sw.evaluate(([id, d]) => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.tabs.sendMessage(id, { type: 'step', delta: d }), [tabId, delta] as const);
  };

  const openView = async (surface: 'popup' | 'sidepanel', width: number) => {
    const page = await h.context.newPage();
    await page.setViewportSize({ width, height: 600 });
    await page.goto(`chrome-extension://${h.extensionId}/${surface === 'popup' ? `popup.html?tab=${tabId}&as=popup` : `sidepanel.html?tab=${tabId}`}`);
    await page.waitForSelector('.yw-sbs mark[data-finding]', { timeout: 15_000 });
    return page;
  };

  it('the popup has no serious or critical axe violation', async () => {
    const popup = await openView('popup', 600);
    expect(await axe(popup, 'popup 600px')).toEqual([]);
    // The dark scheme has its own token values: checked the same way.
    await popup.emulateMedia({ colorScheme: 'dark' });
    expect(await axe(popup, 'popup 600px, dark')).toEqual([]);
    await h.screenshot(popup, 'ui-popup-dark');
    await popup.close();
  });

  it('the popup is fluid from 360 to 800 px: nothing cut off at 360, 400, 600 or 800 px, and axe clean at each', async () => {
    for (const width of [360, 400, 600, 800]) {
      const popup = await openView('popup', width);
      const fit = await popup.evaluate(() => {
        const w = document.documentElement.clientWidth;
        // Controls outside the scroll boxes must be wholly on screen; text inside a row may end in an ellipsis.
        const controls = [...document.querySelectorAll<HTMLElement>('.yw-topbar button, .yw-verdict, .yw-tabs [role="tab"], .yw-filter, .yw-nav button, .yw-nav label, .yw-footer label, .yw-panes, .yw-sbs-body, .yw-list')];
        const out = controls.filter((el) => el.getBoundingClientRect().right > w + 0.5).map((el) => `${el.className}: ${el.getBoundingClientRect().right.toFixed(0)}`);
        // Kind chips past the edge are in a row that scrolls sideways (each chip a button, so Tab reaches it).
        const filter = document.querySelector<HTMLElement>('.yw-filter')!;
        if (filter.scrollWidth > filter.clientWidth + 0.5 && getComputedStyle(filter).overflowX !== 'auto') out.push('kind chips overflow a row that does not scroll');
        // Nothing spills over the footer either: the report (which scrolls as a whole when it must) ends above the switches.
        const main = document.querySelector('.yw-main')!.getBoundingClientRect();
        const footer = document.querySelector('.yw-footer')!.getBoundingClientRect();
        if (main.bottom > footer.top + 0.5) out.push(`the report ends at ${main.bottom.toFixed(0)}, below the footer's top ${footer.top.toFixed(0)}`);
        return { w, scroll: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), view: document.querySelector('.yw-popup')!.getBoundingClientRect().width, out, controls: controls.length };
      });
      console.log(`popup ${width}px: view ${fit.view.toFixed(0)} px wide, page scroll width ${fit.scroll} px, ${fit.controls} controls checked, ${fit.out.length} cut off`);
      expect(fit.w).toBe(width);
      expect(fit.scroll).toBeLessThanOrEqual(width);
      expect(fit.view).toBeLessThanOrEqual(width);
      expect(fit.out).toEqual([]);
      expect(await axe(popup, `popup ${width}px`)).toEqual([]);
      await h.screenshot(popup, `ui-popup-width-${width}`);
      await popup.close();
    }
  });

  it('the side panel, narrow and wide, has no serious or critical axe violation', async () => {
    for (const width of [360, 800]) {
      const panel = await openView('sidepanel', width);
      expect(await axe(panel, `side panel ${width}px`)).toEqual([]);
      await h.screenshot(panel, `ui-sidepanel-${width}`);
      await panel.close();
    }
  });

  it('the options page has no serious or critical axe violation', async () => {
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    await options.waitForSelector('.yw-options h1');
    expect(await axe(options, 'options')).toEqual([]);
    await options.close();
  });

  it('first run opens the welcome page: colours explained worst first, a live example verified by the engine, no serious axe violation', async () => {
    const welcome =
      h.context.pages().find((p) => p.url().endsWith('/welcome.html')) ?? (await h.context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/welcome.html'), timeout: 10_000 }));
    await welcome.setViewportSize({ width: 1100, height: 900 });
    await welcome.waitForSelector('.yw-welcome-live .yw-verdict');
    const legend = await welcome.locator('.yw-legend li').evaluateAll((li) => li.map((l) => l.getAttribute('data-kind')));
    expect(legend.slice(0, 4)).toEqual(['distorting', 'negation', 'number', 'name']);
    expect(await welcome.locator('.yw-welcome-live .yw-verdict-worst').innerText()).toContain('意思被扭曲');
    expect(await welcome.locator('.yw-welcome-live .yw-filter').innerText()).toContain('加了原文没有的话');
    expect(await axe(welcome, 'welcome')).toEqual([]);
    await welcome.screenshot({ path: `${screenshotDir}/ui-welcome.png`, fullPage: true });
  });

  it('the options page lists originals as a reader knows them, and opens one in full', async () => {
    const options = await h.context.newPage();
    await options.setViewportSize({ width: 1100, height: 800 });
    await options.goto(`chrome-extension://${h.extensionId}/options.html#peoples-daily-2020-02-03-psc`);
    await options.waitForSelector('.yw-viewer h2');
    const list = await options.locator('.yw-reflist').innerText();
    expect(list).not.toContain('久久伊人五月天');
    expect(list).not.toMatch(/\.txt|字符/);
    expect(await options.locator('.yw-viewer .yw-refcard-meta').innerText()).toContain('2020年2月3日');
    await h.screenshot(options, 'ui-options');
    await options.close();
  });

  it('from the page: a shortcut selects the worst difference first, outlines it, marks it beside the scrollbar and shows its card', async () => {
    await farm.bringToFront();
    expect(await step(1)).toEqual({ ok: true });
    await farm.waitForFunction(() => [...(__ywHighlight('yuanwen-flash') ?? [])].map((r) => __ywRangeText(r)).join('') !== '', undefined, { timeout: 5_000 });
    const selected = await farm.evaluate(() => [...__ywHighlight('yuanwen-flash')!].map((r) => __ywRangeText(r)).join(''));
    expect(['玩忽', '专揽', '称许', '终止', '逢迎', '防碍', '相持']).toContain(selected);
    const ui = await uiEval(farm, (root) => ({
      card: (root.querySelector('.card') as HTMLElement).hidden ? null : (root.querySelector('.card') as HTMLElement).innerText,
      marker: !(root.querySelector('.marker') as HTMLElement).hidden,
    }));
    expect(ui!.card).toContain('意思被扭曲');
    expect(ui!.marker).toBe(true);
    await h.screenshot(farm, 'ui-page-selected');
    // It stays selected (no timer) until another is chosen.
    await farm.waitForTimeout(1800);
    expect(await farm.evaluate(() => __ywHighlight('yuanwen-flash')?.size ?? 0)).toBeGreaterThan(0);
    expect(await step(-1)).toEqual({ ok: true });
  });

  it('the banner and the hover card have no serious or critical axe violation', async () => {
    await farm.bringToFront();
    // A selected difference shows its card.
    await step(1);
    await farm.evaluate(axeSource);
    const cdp = await farm.context().newCDPSession(farm);
    try {
      const { root } = (await cdp.send('DOM.getDocument', { depth: 1 })) as { root: { nodeId: number } };
      const { nodeIds } = (await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'yuanwen-ui' })) as { nodeIds: number[] };
      const { node } = (await cdp.send('DOM.describeNode', { nodeId: nodeIds[nodeIds.length - 1]!, depth: 0, pierce: true })) as { node: { shadowRoots?: Array<{ backendNodeId: number }> } };
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.shadowRoots![0]!.backendNodeId })) as { object: { objectId: string } };
      const answer = (await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        awaitPromise: true,
        returnByValue: true,
        // axe cannot enter a closed shadow root: it checks an open copy of it, with the same
        // stylesheet (tokens for the page's theme) and the same DOM, in the page's own document.
        functionDeclaration: `async function () {
          const host = document.createElement('div');
          document.body.append(host);
          const open = host.attachShadow({ mode: 'open' });
          open.adoptedStyleSheets = this.adoptedStyleSheets;
          for (const c of this.children) open.append(c.cloneNode(true));
          for (const el of open.querySelectorAll('[popover]')) el.removeAttribute('popover');
          for (const el of open.querySelectorAll('.banner, .card')) el.hidden = false;
          const out = [];
          try {
            for (const sel of ['.banner', '.card']) {
              const r = await window.axe.run(open.querySelector(sel), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
              out.push(...r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, where: sel, nodes: v.nodes.length })));
            }
          } finally {
            host.remove();
          }
          return out;
        }`,
      })) as { result: { value: AxeViolation[] }; exceptionDetails?: { text: string; exception?: { description?: string } } };
      const result = answer.result;
      if (!Array.isArray(result.value)) throw new Error(`axe in the banner's shadow root: ${JSON.stringify(answer)}`);
      const violations = result.value;
      console.log(`axe banner and hover card: ${violations.length} violation kinds${violations.length ? ': ' + JSON.stringify(violations) : ''}`);
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    } finally {
      await cdp.detach();
    }
  });

  it('every difference can be reached and read by keyboard: n / p step worst first, Enter picks a row, the tabs take arrow keys', async () => {
    const popup = await openView('popup', 600);
    await popup.keyboard.press('n');
    await expect.poll(() => popup.locator('.yw-detail').innerText()).toContain('意思被扭曲');
    // The selected mark is in the tab order, with its description.
    expect(await popup.locator('mark.yw-selected').first().getAttribute('tabindex')).toBe('0');
    expect(await popup.locator('mark.yw-selected').first().getAttribute('title')).toContain('原文“应对”');
    await popup.keyboard.press('p');
    const last = await popup.locator('.yw-pos').innerText();
    expect(last.split(' / ')[0]).toBe(last.split(' / ')[1]);
    // A list row by keyboard: focus it, press Enter. The list scrolls the last
    // finding into view, so wait for that, and take a row near it: a row at the
    // top of the rendered window may be unmounted while the list still scrolls.
    await expect.poll(() => popup.locator('.yw-list button.yw-selected').count()).toBeGreaterThan(0);
    const id = await popup.locator('.yw-list button[data-finding]:not(.yw-selected)').last().getAttribute('data-finding');
    const row = popup.locator(`.yw-list button[data-finding="${id}"]`);
    await row.focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => row.getAttribute('aria-pressed')).toBe('true');
    // Tabs: arrow keys move between the originals and the passages with no original.
    const tab = popup.locator('[role="tab"][aria-selected="true"]');
    await tab.focus();
    const before = await tab.innerText();
    await popup.keyboard.press('ArrowRight');
    await expect.poll(() => popup.locator('[role="tab"][aria-selected="true"]').innerText()).not.toBe(before);
    await popup.close();
  });
});
