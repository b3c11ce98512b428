// Firefox sidebar check (npm run smoke:firefox-sidebar), outside `npm test`, run by .ci/run,
// like test/e2e/firefox-smoke.ts. For the MV2 and the MV3 release build, each
// in its own Firefox ESR (puppeteer-core over WebDriver BiDi, fresh profile,
// temporary add-on): opens the content-farm page (seed 002), waits for its
// banner, then opens the real sidebar and checks it renders the farm tab's
// verdict, originals' tabs, list and side-by-side, the same as the popup's
// view for that tab.
//
// WebDriver cannot open a sidebar, and BiDi refuses to navigate to
// moz-extension://. So the script works from the welcome page the extension
// opens on install (firefox-session.ts): it adds a button there whose click
// calls `sidebarAction.open()` (which wants a user action: the click is a
// trusted BiDi input action), brings the farm tab forward (the sidebar follows
// the active tab), and reads the sidebar's document through
// `extension.getViews({ type: 'sidebar' })`. The popup's view for the tab is
// opened with `tabs.create(popup.html?tab=<id>)`. A screenshot of the sidebar
// page at sidebar width (sidepanel.html?tab=<id> in a tab: BiDi cannot
// capture the browser's own sidebar) goes to test/e2e/screenshots.
//
//   npx tsx test/e2e/firefox-sidebar.ts          # MV2 and MV3 builds
//   npx tsx test/e2e/firefox-sidebar.ts mv3      # one of them
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { screenshotDir } from './harness';
import { buildPage } from './pages';
import { chosenVariants, ensureFirefoxBuild, extensionPage, firefoxPath, firstLine, seconds, servePages, startFirefox, tabIdOf, waitForBanner, waitForTab, type Variant } from './firefox-session';

const limitMs = 120_000;

interface View {
  verdict: string | null;
  tone: string | null;
  headline: string;
  tabs: string[];
  marks: number;
  error: string | null;
}

/** Reads the report view in `doc` (run in the page that holds it); null while it is not rendered yet. */
function readView(doc: Document): View | null {
  const verdict = doc.querySelector('.yw-verdict') as HTMLElement | null;
  if (!verdict || !doc.querySelector('.yw-list') || !doc.querySelector('.yw-panes mark')) return null;
  return {
    verdict: verdict.getAttribute('data-verdict'),
    tone: verdict.getAttribute('data-tone'),
    headline: verdict.innerText.split('\n')[0] ?? '',
    // textContent: a narrow sidebar hides a tab's date (the card gives it), which the tab still holds.
    tabs: [...doc.querySelectorAll('[role="tab"]')].map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()),
    marks: doc.querySelectorAll('.yw-panes mark').length,
    error: doc.querySelector('[role="alert"]')?.textContent ?? null,
  };
}

async function poll<T>(what: string, timeout: number, read: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await read().catch(() => null);
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeout / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Opens the real sidebar from the extension page with a trusted click. */
async function openSidebar(ext: Page): Promise<void> {
  await ext.bringToFront();
  await ext.evaluate(() => {
    const api = (globalThis as unknown as { browser: { sidebarAction: { open(): Promise<void> } } }).browser;
    const b = document.createElement('button');
    b.id = 'yw-test-open-sidebar';
    b.textContent = 'open sidebar';
    b.style.cssText = 'position:fixed;top:0;left:0;z-index:2147483647;width:200px;height:60px';
    b.addEventListener('click', () => void api.sidebarAction.open());
    document.body.append(b);
  });
  await ext.click('#yw-test-open-sidebar');
}

/** Opens one of the extension's pages in a tab, as the extension itself (BiDi may not navigate there). */
function openExtensionTab(ext: Page, path: string): Promise<void> {
  return ext.evaluate((url: string) => {
    const api = (globalThis as unknown as { browser: { tabs: { create(p: object): Promise<unknown> } } }).browser;
    void api.tabs.create({ url, active: true });
  }, path);
}

/** The view rendered in a page of ours (the popup, the sidebar page in a tab). */
function pageView(page: Page): Promise<View | null> {
  return page.evaluate(`(${readView.toString()})(document)`) as Promise<View | null>;
}

/** The sidebar's view, read from the extension page through extension.getViews (the same reader, installed there once). */
async function sidebarView(ext: Page): Promise<View | null> {
  await ext.evaluate(`globalThis.ywReadView ??= ${readView.toString()}`);
  return ext.evaluate(() => {
    const g = globalThis as unknown as { ywReadView: (d: Document) => View | null; browser: { extension: { getViews(f: object): Window[] } } };
    const [w] = g.browser.extension.getViews({ type: 'sidebar' });
    return w ? g.ywReadView(w.document) : null;
  });
}

async function runVariant(v: Variant, origin: string): Promise<{ ok: boolean; line: string }> {
  const log = (s: string) => console.log(`  [${v.name}] ${s}`);
  const session = await startFirefox(v, { headless: true, limitMs, onKill: () => log(`FAIL: still running after ${seconds(limitMs)}; killing Firefox`) }).catch((e: unknown) => e as Error);
  if (session instanceof Error) return { ok: false, line: firstLine(session) };
  const { browser } = session;
  try {
    log(`launched ${await browser.version()}, temporary add-on ${session.addonId} installed`);
    const ext = await extensionPage(browser);
    const farmUrl = `${origin}/farm.html`;
    const farm = await browser.newPage();
    await farm.goto(farmUrl, { waitUntil: 'load', timeout: 20_000 });
    const banner = await waitForBanner(farm, 30_000);
    log(`farm page: banner, tone ${banner.tone}`);
    const tabId = await tabIdOf(ext, farmUrl);
    if (tabId === null) return { ok: false, line: 'the extension sees no tab with the farm page' };

    const t0 = Date.now();
    await openSidebar(ext);
    await farm.bringToFront();
    const side = await poll('the sidebar renders the farm tab', 30_000, () => sidebarView(ext));
    log(`sidebar rendered in ${seconds(Date.now() - t0)}: verdict ${side.verdict} (${side.tone}) "${side.headline}"; tabs ${JSON.stringify(side.tabs)}; ${side.marks} marks`);

    await openExtensionTab(ext, `/popup.html?tab=${tabId}`);
    const popup = await waitForTab(browser, (h) => h.startsWith('moz-extension://') && h.includes(`/popup.html?tab=${tabId}`), 'the popup view for the farm tab', 15_000);
    const pop = await poll('the popup view renders', 30_000, () => pageView(popup));
    log(`popup view for the same tab: verdict ${pop.verdict} (${pop.tone}); tabs ${JSON.stringify(pop.tabs)}; ${pop.marks} marks`);

    // Screenshot of the sidebar page at sidebar width.
    await openExtensionTab(ext, `/sidepanel.html?tab=${tabId}`);
    const shotPage = await waitForTab(browser, (h) => h.includes(`/sidepanel.html?tab=${tabId}`), 'the sidebar page in a tab', 15_000);
    await shotPage.setViewport({ width: 400, height: 900 });
    await poll('the sidebar page renders', 30_000, () => pageView(shotPage));
    mkdirSync(screenshotDir, { recursive: true });
    const shot = join(screenshotDir, `firefox-sidebar-${v.name}.png`);
    await shotPage.screenshot({ path: shot });
    log(`screenshot ${shot}`);

    if (side.error) return { ok: false, line: `the sidebar shows an error: ${side.error}` };
    if (side.tone !== 'scrambled') return { ok: false, line: `sidebar verdict ${side.verdict} (${side.tone}) on the farm page, expected scrambled` };
    if (side.tabs.length < 1 || side.marks === 0) return { ok: false, line: 'sidebar: tabs or side-by-side missing' };
    const same = side.verdict === pop.verdict && side.tone === pop.tone && side.headline === pop.headline && JSON.stringify(side.tabs) === JSON.stringify(pop.tabs);
    if (!same) return { ok: false, line: 'the sidebar and the popup view differ for the same tab' };
    return { ok: true, line: `verdict ${side.verdict} (${side.tone}), ${side.tabs.length} original tabs, ${side.marks} marks, same as the popup view` };
  } catch (e) {
    return { ok: false, line: firstLine(e) };
  } finally {
    await session.close();
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  if (!existsSync(firefoxPath)) {
    console.error(`FAIL: ${firefoxPath} not found`);
    return 1;
  }
  console.log(`Firefox sidebar check: ${firefoxPath}, puppeteer-core over WebDriver BiDi, headless`);
  const server = await servePages({ '/farm.html': buildPage('farm') });
  const results: { v: Variant; ok: boolean; line: string }[] = [];
  try {
    for (const v of chosenVariants(process.argv.slice(2))) {
      try {
        console.log(`  build ${v.name}: ${ensureFirefoxBuild(v)}`);
      } catch (e) {
        results.push({ v, ok: false, line: `build failed: ${firstLine(e)}` });
        continue;
      }
      results.push({ v, ...(await runVariant(v, server.origin)) });
    }
  } finally {
    await server.close();
  }
  console.log('');
  for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} firefox-${r.v.name} sidebar: ${r.line}`);
  const ok = results.length > 0 && results.every((r) => r.ok);
  console.log(`${ok ? 'PASS' : 'FAIL'} overall in ${seconds(Date.now() - started)}`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('FAIL:', e);
    process.exit(1);
  },
);
