// Firefox smoke test (npm run smoke:firefox), outside `npm test`: CI does not
// depend on Firefox. Builds the Firefox add-on when stale, serves two pages
// from 127.0.0.1, launches Debian's Firefox ESR through puppeteer-core over
// WebDriver BiDi with a fresh profile, installs the build as a temporary
// add-on, and checks that the content-farm page (seed 002) gets the banner and
// CSS highlights while a page with no bulletin gets no banner. Runs the MV2
// build and the MV3 build, each in its own browser. Every step has a time
// limit; prints a pass/fail summary with timings; exits non-zero on failure.
//
//   npx tsx test/e2e/firefox-smoke.ts          # both builds
//   npx tsx test/e2e/firefox-smoke.ts mv2      # one of them
//   npx tsx test/e2e/firefox-smoke.ts --headed # with a window (needs a display)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { uiHostTag } from '../../lib/dom/banner';
import { buildSources, highlightNames, newest } from './harness';
import { buildPage, repoRoot } from './pages';
import { quietPrefs } from './firefox-prefs';

const firefoxPath = '/usr/bin/firefox-esr';

/** Hard limit for one build, and for one variant's whole browser session. */
const buildLimitMs = 90_000;
const variantLimitMs = 90_000;

interface Variant {
  name: 'mv2' | 'mv3';
  dir: string;
  buildArgs: string[];
}

const variants: Variant[] = [
  { name: 'mv2', dir: join(repoRoot, '.output/firefox-mv2'), buildArgs: ['wxt', 'build', '-b', 'firefox'] },
  { name: 'mv3', dir: join(repoRoot, '.output/firefox-mv3'), buildArgs: ['wxt', 'build', '-b', 'firefox', '--mv3'] },
];

class StepTimeout extends Error {}

function within<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Builds one variant when its manifest is missing or older than the sources. */
function ensureFirefoxBuild(v: Variant): string {
  const manifest = join(v.dir, 'manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newest(buildSources)) return 'up to date';
  const t0 = Date.now();
  try {
    // WXT's warnings (no add-on ID, no data_collection_permissions) would drown the summary: shown only on failure.
    execFileSync('npx', v.buildArgs, { cwd: repoRoot, stdio: 'pipe', timeout: buildLimitMs });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    process.stderr.write(`${err.stdout ?? ''}${err.stderr ?? ''}`);
    throw e;
  }
  if (!existsSync(manifest)) throw new Error(`npx ${v.buildArgs.join(' ')} left no ${manifest}`);
  return `built in ${seconds(Date.now() - t0)}`;
}

interface Outcome {
  variant: Variant['name'];
  ok: boolean;
  lines: string[];
}

/** Waits until the banner shows; returns its message text. */
async function waitForBanner(page: Page, timeout: number): Promise<string> {
  const handle = await page.waitForFunction(
    (tag: string) => {
      const banner = document.querySelector(tag)?.shadowRoot?.querySelector('.banner') as HTMLElement | null | undefined;
      if (!banner || banner.hidden) return null;
      return (banner.querySelector('.message') as HTMLElement | null)?.innerText || null;
    },
    { timeout, polling: 100 },
    uiHostTag,
  );
  return (await handle.jsonValue()) as string;
}

async function bannerNow(page: Page): Promise<string | null> {
  return page.evaluate((tag: string) => {
    const banner = document.querySelector(tag)?.shadowRoot?.querySelector('.banner') as HTMLElement | null | undefined;
    if (!banner || banner.hidden) return null;
    return (banner.querySelector('.message') as HTMLElement | null)?.innerText ?? '';
  }, uiHostTag);
}

/** Ranges per Yuanwen highlight, and the size of the page's highlight registry. */
async function highlights(page: Page): Promise<{ size: number; ranges: Record<string, number> }> {
  return page.evaluate((names: string[]) => {
    const ranges: Record<string, number> = {};
    for (const n of names) ranges[n] = CSS.highlights.get(n)?.size ?? 0;
    return { size: CSS.highlights.size, ranges };
  }, [...highlightNames]);
}

async function runVariant(v: Variant, origin: string, headless: boolean): Promise<Outcome> {
  const lines: string[] = [];
  const log = (s: string) => {
    lines.push(s);
    console.log(`  [${v.name}] ${s}`);
  };
  const profile = mkdtempSync(join(tmpdir(), 'yuanwen-firefox-'));
  let browser: Browser | undefined;
  let ok = false;
  const requests: string[] = [];
  // Backstop: whatever hangs, the browser goes after variantLimitMs.
  const watchdog = setTimeout(() => {
    log(`FAIL: still running after ${seconds(variantLimitMs)}; killing Firefox`);
    browser?.process()?.kill('SIGKILL');
  }, variantLimitMs);
  try {
    let t = Date.now();
    browser = await within(
      'launch',
      45_000,
      puppeteer.launch({
        browser: 'firefox',
        executablePath: firefoxPath,
        headless,
        args: ['--profile', profile],
        extraPrefsFirefox: quietPrefs,
        timeout: 40_000,
        protocolTimeout: 30_000,
        env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
      }),
    );
    log(`launched ${await browser.version()} (${seconds(Date.now() - t)})`);

    t = Date.now();
    let id: string;
    try {
      id = await within('installExtension', 20_000, browser.installExtension(v.dir));
    } catch (e) {
      log(`FAIL: Firefox refused the temporary add-on ${v.dir}: ${firstLine(e)}`);
      return { variant: v.name, ok: false, lines };
    }
    log(`temporary add-on installed, id ${id} (${seconds(Date.now() - t)})`);

    const page = await within('new page', 15_000, browser.newPage());
    page.on('request', (r) => void requests.push(r.url()));

    t = Date.now();
    await within('open farm page', 20_000, page.goto(`${origin}/farm.html`, { waitUntil: 'load', timeout: 20_000 }));
    let banner: string;
    try {
      banner = await waitForBanner(page, 30_000);
    } catch (e) {
      const diag = await page
        .evaluate(() => {
          document.dispatchEvent(new Event('yuanwen:diagnose'));
          const marks = performance.getEntriesByType('mark').map((m) => m.name).filter((n) => n.startsWith('yuanwen:'));
          return { diag: document.documentElement.dataset.yuanwenDiag ?? null, marks: [...new Set(marks)] };
        })
        .catch(() => null);
      log(`FAIL: no banner on the farm page within 30 s (${(e as Error).message}); content script state: ${JSON.stringify(diag)}`);
      return { variant: v.name, ok: false, lines };
    }
    log(`farm page: banner after ${seconds(Date.now() - t)}: ${banner.replace(/\s+/g, ' ').slice(0, 100)}`);
    const hl = await within(
      'highlights',
      15_000,
      page
        .waitForFunction(() => CSS.highlights.size > 0, { timeout: 10_000, polling: 100 })
        .then(() => highlights(page)),
    ).catch((e: Error) => {
      log(`FAIL: no CSS highlights on the farm page: ${e.message}`);
      return null;
    });
    if (!hl) return { variant: v.name, ok: false, lines };
    const kinds = Object.entries(hl.ranges).filter(([, n]) => n > 0);
    log(`farm page: CSS.highlights.size ${hl.size}; ${kinds.map(([k, n]) => `${k.replace('yuanwen-', '')} ${n}`).join(', ')}`);

    t = Date.now();
    await within('open no-bulletin page', 20_000, page.goto(`${origin}/none.html`, { waitUntil: 'load', timeout: 20_000 }));
    // The content script sends the page's Han text and hears back "no match";
    // its performance marks are visible from the page.
    const answered = await page
      .waitForFunction(() => performance.getEntriesByName('yuanwen:answer').length > 0 && performance.getEntriesByName('yuanwen:run:end').length > 0, {
        timeout: 20_000,
        polling: 100,
      })
      .then(() => true)
      .catch(() => false);
    const noneBanner = await within('read banner', 10_000, bannerNow(page));
    const noneHl = await within('read highlights', 10_000, highlights(page));
    if (!answered) {
      log(`FAIL: the content script did not finish a run on the no-bulletin page within 20 s`);
      return { variant: v.name, ok: false, lines };
    }
    if (noneBanner !== null || noneHl.size > 0) {
      log(`FAIL: no-bulletin page shows ${noneBanner !== null ? `a banner (${noneBanner})` : 'no banner'} and ${noneHl.size} highlights`);
      return { variant: v.name, ok: false, lines };
    }
    log(`no-bulletin page: answered, no banner, no highlights (${seconds(Date.now() - t)})`);

    const outside = requests.filter((u) => {
      const url = new URL(u);
      return !['data:', 'about:', 'blob:', 'moz-extension:'].includes(url.protocol) && url.hostname !== '127.0.0.1';
    });
    if (outside.length > 0) {
      log(`FAIL: the pages requested beyond 127.0.0.1: ${outside.join(' ')}`);
      return { variant: v.name, ok: false, lines };
    }
    log(`page requests: ${requests.length}, all to 127.0.0.1`);
    ok = true;
    return { variant: v.name, ok, lines };
  } catch (e) {
    log(`FAIL: ${firstLine(e)}`);
    return { variant: v.name, ok: false, lines };
  } finally {
    if (browser) {
      const t = Date.now();
      const closed = await within('close', 15_000, browser.close()).then(
        () => true,
        () => false,
      );
      if (!closed) browser.process()?.kill('SIGKILL');
      console.log(`  [${v.name}] Firefox ${closed ? 'closed' : 'killed (close did not answer)'} (${seconds(Date.now() - t)})`);
    }
    clearTimeout(watchdog);
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const headless = !argv.includes('--headed');
  const wanted = argv.filter((a) => a === 'mv2' || a === 'mv3');
  const chosen = variants.filter((v) => wanted.length === 0 || wanted.includes(v.name));
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
      const how = ensureFirefoxBuild(v);
      console.log(`  build ${v.dir.slice(repoRoot.length + 1)}: ${how}`);
    } catch (e) {
      builds.set(v.name, `build failed: ${(e as Error).message.split('\n')[0]}`);
      console.log(`  build ${v.dir.slice(repoRoot.length + 1)}: FAILED (${(e as Error).message.split('\n')[0]})`);
    }
  }

  const pages: Record<string, string> = { '/farm.html': buildPage('farm'), '/none.html': buildPage('none') };
  const server: Server = createServer((req, res) => {
    const body = pages[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    res.writeHead(body ? 200 : 404, { 'content-type': body ? 'text/html; charset=utf-8' : 'text/plain', 'cache-control': 'no-store' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  console.log(`  pages at ${origin}/farm.html (seed 002, content farm) and ${origin}/none.html (no bulletin)`);

  const outcomes: Outcome[] = [];
  try {
    for (const v of chosen) {
      const failedBuild = builds.get(v.name);
      if (failedBuild) {
        outcomes.push({ variant: v.name, ok: false, lines: [failedBuild] });
        continue;
      }
      const t = Date.now();
      const o = await runVariant(v, origin, headless);
      o.lines.push(`total ${seconds(Date.now() - t)}`);
      outcomes.push(o);
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
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
