// Firefox sidebar check (npm run smoke:firefox-sidebar), outside `npm test`
// like test/e2e/firefox-smoke.ts: builds the Firefox add-on when stale, serves
// the content-farm page (seed 002) from 127.0.0.1, launches Debian's Firefox
// ESR through puppeteer-core over WebDriver BiDi with a fresh profile, installs
// the build as a temporary add-on, opens the farm page, then opens the add-on's
// sidebar page (sidepanel.html, the page Firefox shows in its sidebar) for that
// tab and checks it renders the verdict, the originals' tabs and the list for
// it. WebDriver cannot open the sidebar itself, so the page is opened in a tab
// with ?tab=<id>, the query the side panel takes for a given tab. Firefox ESR
// 153's WebDriver BiDi refuses browsingContext.navigate to moz-extension://
// ("not allowed in this context"); the script reports that as a failure.
//
// The add-on's moz-extension:// host is fixed before launch through
// `extensions.webextensions.uuids`, keyed by the gecko id in wxt.config.ts.
//
//   npx tsx test/e2e/firefox-sidebar.ts          # MV2 and MV3 builds
//   npx tsx test/e2e/firefox-sidebar.ts mv3      # one of them
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { uiHostTag } from '../../lib/dom/banner';
import { buildSources, newest } from './harness';
import { buildPage, repoRoot } from './pages';
import { quietPrefs } from './firefox-prefs';

const firefoxPath = '/usr/bin/firefox-esr';
const limitMs = 120_000;

const variants = [
  { name: 'mv2', dir: join(repoRoot, '.output/firefox-mv2'), buildArgs: ['wxt', 'build', '-b', 'firefox'] },
  { name: 'mv3', dir: join(repoRoot, '.output/firefox-mv3'), buildArgs: ['wxt', 'build', '-b', 'firefox', '--mv3'] },
] as const;
type Variant = (typeof variants)[number];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function ensureBuild(v: Variant): string {
  const manifest = join(v.dir, 'manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newest(buildSources)) return 'up to date';
  const t0 = Date.now();
  execFileSync('npx', [...v.buildArgs], { cwd: repoRoot, stdio: 'pipe', timeout: 90_000 });
  return `built in ${seconds(Date.now() - t0)}`;
}

function geckoId(v: Variant): string {
  const m = JSON.parse(readFileSync(join(v.dir, 'manifest.json'), 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } }; sidebar_action?: { default_panel?: string } };
  const id = m.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${v.dir}/manifest.json has no gecko id`);
  if (!m.sidebar_action?.default_panel) throw new Error(`${v.dir}/manifest.json declares no sidebar_action`);
  return id;
}

interface SidebarView {
  verdict: string | null;
  tone: string | null;
  headline: string;
  tabs: string[];
  listRows: number;
  marks: number;
  error: string | null;
}

async function runVariant(v: Variant, origin: string): Promise<{ ok: boolean; line: string }> {
  const uuid = randomUUID();
  const profile = mkdtempSync(join(tmpdir(), 'yuanwen-firefox-sidebar-'));
  let browser: Browser | undefined;
  const watchdog = setTimeout(() => browser?.process()?.kill('SIGKILL'), limitMs);
  const log = (s: string) => console.log(`  [${v.name}] ${s}`);
  try {
    const id = geckoId(v);
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath,
      headless: true,
      args: ['--profile', profile],
      extraPrefsFirefox: { ...quietPrefs, 'extensions.webextensions.uuids': JSON.stringify({ [id]: uuid }) },
      timeout: 40_000,
      protocolTimeout: 30_000,
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
    });
    log(`launched ${await browser.version()}`);
    const installed = await browser.installExtension(v.dir);
    log(`temporary add-on ${installed} installed at moz-extension://${uuid}/`);

    // Each step's failure is reported on its own: a later step still runs when it can say something.
    const failures: string[] = [];
    const farm = await browser.newPage();
    await farm.goto(`${origin}/farm.html`, { waitUntil: 'load', timeout: 20_000 });
    const banner = await farm
      .waitForFunction((tag: string) => !!document.querySelector(tag)?.shadowRoot?.querySelector('.banner:not([hidden])'), { timeout: 30_000, polling: 100 }, uiHostTag)
      .then(() => true)
      .catch(() => false);
    if (banner) log('farm page: banner shown');
    else {
      const marks = await farm.evaluate(() => [...new Set(performance.getEntriesByType('mark').map((m) => m.name).filter((n) => n.startsWith('yuanwen:')))]);
      failures.push(`no banner on the farm page within 30 s (content script marks: ${JSON.stringify(marks)}), so no report for the sidebar`);
      log(`FAIL: ${failures.at(-1)}`);
    }

    const panel = await browser.newPage();
    // The add-on's own page, without a tab: find the farm page's tab id as the extension sees it.
    try {
      await panel.goto(`moz-extension://${uuid}/sidepanel.html`, { waitUntil: 'load', timeout: 20_000 });
    } catch (e) {
      failures.push(`cannot open the sidebar page in a tab over WebDriver BiDi: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
      log(`FAIL: ${failures.at(-1)}`);
      return { ok: false, line: failures.join('; ') };
    }
    if (failures.length > 0) return { ok: false, line: failures.join('; ') };
    const tabId = await panel.evaluate(async (url: string) => {
      const api = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).browser;
      const tabs = await api.tabs.query({});
      return tabs.find((t) => t.url === url)?.id ?? null;
    }, `${origin}/farm.html`);
    if (tabId === null) return { ok: false, line: 'the extension sees no tab with the farm page' };
    const t0 = Date.now();
    await panel.goto(`moz-extension://${uuid}/sidepanel.html?tab=${tabId}`, { waitUntil: 'load', timeout: 20_000 });
    await panel.waitForFunction(() => !!document.querySelector('.yw-verdict') && !!document.querySelector('.yw-list') && !!document.querySelector('.yw-panes mark'), { timeout: 30_000, polling: 100 });
    const view: SidebarView = await panel.evaluate(() => {
      const verdict = document.querySelector('.yw-verdict');
      return {
        verdict: verdict?.getAttribute('data-verdict') ?? null,
        tone: verdict?.getAttribute('data-tone') ?? null,
        headline: (verdict as HTMLElement | null)?.innerText.split('\n')[0] ?? '',
        tabs: [...document.querySelectorAll('[role="tab"]')].map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
        listRows: document.querySelectorAll('.yw-list li').length,
        marks: document.querySelectorAll('.yw-panes mark').length,
        error: document.querySelector('[role="alert"]')?.textContent ?? null,
      };
    });
    log(`sidebar page for tab ${tabId} rendered in ${seconds(Date.now() - t0)}: verdict ${view.verdict} (${view.tone}) "${view.headline}"; tabs ${JSON.stringify(view.tabs)}; ${view.listRows} list rows; ${view.marks} marks`);
    if (view.error) return { ok: false, line: `the sidebar shows an error: ${view.error}` };
    // The farm page spins its originals (the Chromium e2e suite sees the same verdict).
    if (view.tone !== 'scrambled') return { ok: false, line: `verdict ${view.verdict} (${view.tone}) on the farm page` };
    if (view.tabs.length < 2 || view.listRows === 0 || view.marks === 0) return { ok: false, line: 'tabs, list or side-by-side missing' };
    return { ok: true, line: `verdict ${view.verdict}, ${view.tabs.length} tabs, ${view.marks} marks` };
  } catch (e) {
    return { ok: false, line: (e instanceof Error ? e.message : String(e)).split('\n')[0]! };
  } finally {
    if (browser) await browser.close().catch(() => browser?.process()?.kill('SIGKILL'));
    clearTimeout(watchdog);
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => a === 'mv2' || a === 'mv3');
  const chosen = variants.filter((v) => wanted.length === 0 || wanted.includes(v.name));
  if (!existsSync(firefoxPath)) {
    console.error(`FAIL: ${firefoxPath} not found`);
    return 1;
  }
  console.log(`Firefox sidebar check: ${firefoxPath}, puppeteer-core over WebDriver BiDi, headless`);
  const server: Server = createServer((req, res) => {
    const found = new URL(req.url ?? '/', 'http://127.0.0.1').pathname === '/farm.html';
    res.writeHead(found ? 200 : 404, { 'content-type': found ? 'text/html; charset=utf-8' : 'text/plain', 'cache-control': 'no-store' });
    res.end(found ? buildPage('farm') : 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const results: { v: Variant; ok: boolean; line: string }[] = [];
  try {
    for (const v of chosen) {
      try {
        console.log(`  build ${v.dir.slice(repoRoot.length + 1)}: ${ensureBuild(v)}`);
      } catch (e) {
        results.push({ v, ok: false, line: `build failed: ${(e as Error).message.split('\n')[0]}` });
        continue;
      }
      results.push({ v, ...(await runVariant(v, origin)) });
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
  console.log('');
  for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} firefox-${r.v.name} sidebar: ${r.line}`);
  const ok = results.length > 0 && results.every((r) => r.ok);
  console.log(ok ? 'PASS overall' : 'FAIL overall');
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('FAIL:', e);
    process.exit(1);
  },
);
