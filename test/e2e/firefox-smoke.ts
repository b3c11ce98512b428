// Firefox smoke test (npm run smoke:firefox; run by .ci/run after npm test). Builds the Firefox add-on when
// stale, serves two pages from 127.0.0.1, launches Debian's Firefox ESR through
// puppeteer-core over WebDriver BiDi with a fresh profile, installs the release
// build as a temporary add-on, and checks, for the MV2 and the MV3 build, each
// in its own browser:
// - the content-farm page (seed 002) gets the banner (read in its closed
//   shadow root through BiDi, firefox-session.ts), CSS highlights, a toolbar
//   badge and a stored report, all as the extension's own pages see them;
// - a page with no bulletin is verified (its report is stored) and gets no
//   banner, no highlights and no badge;
// - no page request leaves 127.0.0.1.
// Firefox runs with its default preferences: MV3's host permissions are
// granted at install (extensions.originControls.grantByDefault), as for a
// reader; nothing is pre-granted here.
// Every step has a time limit; prints a pass/fail summary with timings; exits
// non-zero on failure.
//
//   npx tsx test/e2e/firefox-smoke.ts          # both builds
//   npx tsx test/e2e/firefox-smoke.ts mv2      # one of them
//   npx tsx test/e2e/firefox-smoke.ts --headed # with a window (needs a display)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { buildPage, repoRoot } from './pages';
import {
  bannerState,
  chosenVariants,
  ensureFirefoxBuild,
  extensionPage,
  firefoxPath,
  firstLine,
  seconds,
  servePages,
  startFirefox,
  tabIdOf,
  waitForBanner,
  within,
  type Variant,
} from './firefox-session';

/** Hard limit for one variant's whole browser session. */
const variantLimitMs = 90_000;

interface Outcome {
  variant: Variant['name'];
  ok: boolean;
  lines: string[];
}

/**
 * Ranges per Yuanwen highlight kind, and the size of the page's highlight
 * registry. Each script instance suffixes its highlight names with a random
 * tag (lib/dom/highlights.ts): counted by the kind before it.
 */
async function highlights(page: Page): Promise<{ size: number; ranges: Record<string, number> }> {
  return page.evaluate(() => {
    const ranges: Record<string, number> = {};
    for (const [name, h] of CSS.highlights) {
      const kind = /^yuanwen-([a-z]+)-[0-9a-f]+$/.exec(name)?.[1];
      if (kind) ranges[kind] = (ranges[kind] ?? 0) + h.size;
    }
    return { size: CSS.highlights.size, ranges };
  });
}

interface ExtensionView {
  /** The stored report's URL and match count, or null when the background has none for the tab. */
  report: { url: string; matches: number } | null;
  badge: string;
  title: string;
}

/** What the extension itself knows about a tab: its report and its toolbar badge and title. */
function extensionView(ext: Page, tabId: number): Promise<ExtensionView> {
  return ext.evaluate(async (id: number) => {
    interface Action {
      getBadgeText(d: { tabId: number }): Promise<string>;
      getTitle(d: { tabId: number }): Promise<string>;
    }
    const api = (globalThis as unknown as { browser: { action?: Action; browserAction?: Action; runtime: { sendMessage(m: object): Promise<unknown> } } }).browser;
    const action = (api.action ?? api.browserAction)!;
    const r = (await api.runtime.sendMessage({ type: 'getReport', tabId: id })) as { url: string; report: { matches: unknown[] } } | null;
    return {
      report: r ? { url: r.url, matches: r.report.matches.length } : null,
      badge: await action.getBadgeText({ tabId: id }),
      title: await action.getTitle({ tabId: id }),
    };
  }, tabId);
}

/** Waits until the background holds a report for the tab's current page. */
async function waitForReport(ext: Page, tabId: number, url: string, timeout: number): Promise<ExtensionView> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const view = await extensionView(ext, tabId);
    if (view.report?.url === url) return view;
    if (Date.now() > deadline) throw new Error(`no report for ${url} within ${timeout / 1000} s (badge "${view.badge}")`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').slice(0, 110);

async function runVariant(v: Variant, origin: string, headless: boolean): Promise<Outcome> {
  const lines: string[] = [];
  const log = (s: string) => {
    lines.push(s);
    console.log(`  [${v.name}] ${s}`);
  };
  const fail = (s: string): Outcome => {
    log(`FAIL: ${s}`);
    return { variant: v.name, ok: false, lines };
  };
  let t = Date.now();
  const session = await startFirefox(v, {
    headless,
    limitMs: variantLimitMs,
    onKill: () => log(`FAIL: still running after ${seconds(variantLimitMs)}; killing Firefox`),
  }).catch((e: unknown) => e as Error);
  if (session instanceof Error) return fail(firstLine(session));
  const { browser } = session;
  const requests: string[] = [];
  try {
    log(`launched ${await browser.version()}, temporary add-on ${session.addonId} installed (${seconds(Date.now() - t)})`);
    const ext = await extensionPage(browser);
    log('welcome page open (the extension page this script asks the extension through)');

    const page = await within('new page', 15_000, browser.newPage());
    page.on('request', (r) => void requests.push(r.url()));

    t = Date.now();
    const farmUrl = `${origin}/farm.html`;
    await within('open farm page', 20_000, page.goto(farmUrl, { waitUntil: 'load', timeout: 20_000 }));
    const banner = await waitForBanner(page, 30_000).catch((e: Error) => e);
    if (banner instanceof Error) return fail(`no banner on the farm page: ${banner.message}`);
    log(`farm page: banner after ${seconds(Date.now() - t)}, tone ${banner.tone}: ${oneLine(banner.text)}`);
    if (banner.tone !== 'scrambled') return fail(`farm page banner tone ${banner.tone}, expected scrambled (the Chromium suite sees scrambled)`);
    const hl = await within(
      'highlights',
      15_000,
      page.waitForFunction(() => CSS.highlights.size > 0, { timeout: 10_000, polling: 100 }).then(() => highlights(page)),
    ).catch((e: Error) => e);
    if (hl instanceof Error) return fail(`no CSS highlights on the farm page: ${hl.message}`);
    const kinds = Object.entries(hl.ranges).filter(([, n]) => n > 0);
    if (kinds.length === 0) return fail(`CSS.highlights holds ${hl.size} highlights, none of them Yuanwen's with ranges`);
    log(`farm page: CSS.highlights.size ${hl.size}; ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    const farmTab = await tabIdOf(ext, farmUrl);
    if (farmTab === null) return fail('the extension sees no tab with the farm page');
    const farm = await waitForReport(ext, farmTab, farmUrl, 10_000);
    log(`farm page as the extension sees it: report with ${farm.report?.matches} matches, badge "${farm.badge}", title "${oneLine(farm.title)}"`);
    if (!farm.report?.matches || !farm.badge) return fail('the farm page has no matches in its report, or no badge');

    t = Date.now();
    const noneUrl = `${origin}/none.html`;
    await within('open no-bulletin page', 20_000, page.goto(noneUrl, { waitUntil: 'load', timeout: 20_000 }));
    const none = await waitForReport(ext, farmTab, noneUrl, 20_000).catch((e: Error) => e);
    if (none instanceof Error) return fail(`the content script did not get an answer for the no-bulletin page: ${none.message}`);
    const noneBanner = await within('read banner', 10_000, bannerState(page));
    const noneHl = await within('read highlights', 10_000, highlights(page));
    if (none.report?.matches !== 0 || noneBanner !== null || noneHl.size > 0 || none.badge !== '') {
      return fail(`no-bulletin page: ${none.report?.matches} matches, banner ${JSON.stringify(noneBanner)}, ${noneHl.size} highlights, badge "${none.badge}"`);
    }
    log(`no-bulletin page: verified (0 matches), no banner, no highlights, no badge (${seconds(Date.now() - t)})`);

    const outside = requests.filter((u) => {
      const url = new URL(u);
      return !['data:', 'about:', 'blob:', 'moz-extension:'].includes(url.protocol) && url.hostname !== '127.0.0.1';
    });
    if (outside.length > 0) return fail(`the pages requested beyond 127.0.0.1: ${outside.join(' ')}`);
    log(`page requests: ${requests.length}, all to 127.0.0.1`);
    return { variant: v.name, ok: true, lines };
  } catch (e) {
    return fail(firstLine(e));
  } finally {
    t = Date.now();
    const how = await session.close();
    console.log(`  [${v.name}] Firefox ${how} (${seconds(Date.now() - t)})`);
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const headless = !argv.includes('--headed');
  const chosen = chosenVariants(argv);
  const started = Date.now();

  if (!existsSync(firefoxPath)) {
    console.error(`FAIL: ${firefoxPath} not found (apt-get install -y firefox-esr)`);
    return 1;
  }
  const puppeteerVersion = (JSON.parse(readFileSync(join(repoRoot, 'node_modules/puppeteer-core/package.json'), 'utf8')) as { version: string }).version;
  console.log(`Firefox smoke test: ${firefoxPath}, puppeteer-core ${puppeteerVersion}, WebDriver BiDi, ${headless ? 'headless' : 'headed'}`);

  const builds = new Map<Variant['name'], string>();
  for (const v of chosen) {
    try {
      console.log(`  build ${v.dir.slice(repoRoot.length + 1)}: ${ensureFirefoxBuild(v)}`);
    } catch (e) {
      builds.set(v.name, `build failed: ${firstLine(e)}`);
      console.log(`  build ${v.dir.slice(repoRoot.length + 1)}: FAILED (${firstLine(e)})`);
    }
  }

  const server = await servePages({ '/farm.html': buildPage('farm'), '/none.html': buildPage('none') });
  console.log(`  pages at ${server.origin}/farm.html (seed 002, content farm) and ${server.origin}/none.html (no bulletin)`);

  const outcomes: Outcome[] = [];
  try {
    for (const v of chosen) {
      const failedBuild = builds.get(v.name);
      if (failedBuild) {
        outcomes.push({ variant: v.name, ok: false, lines: [failedBuild] });
        continue;
      }
      const t = Date.now();
      const o = await runVariant(v, server.origin, headless);
      o.lines.push(`total ${seconds(Date.now() - t)}`);
      outcomes.push(o);
    }
  } finally {
    await server.close();
  }

  console.log('');
  for (const o of outcomes) {
    const failure = o.lines.find((l) => l.startsWith('FAIL') || l.startsWith('build failed'));
    console.log(`${o.ok ? 'PASS' : 'FAIL'} firefox-${o.variant}${o.ok ? ` (${o.lines.at(-1)})` : `: ${failure?.replace(/^FAIL: /, '') ?? 'see above'}`}`);
  }
  const allOk = outcomes.length > 0 && outcomes.every((o) => o.ok);
  console.log(`${allOk ? 'PASS' : 'FAIL'} overall in ${seconds(Date.now() - started)}`);
  return allOk ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('FAIL:', e);
    process.exit(1);
  },
);
