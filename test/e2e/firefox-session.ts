// What the Firefox scripts (firefox-smoke.ts, firefox-sidebar.ts) share: the
// builds, a Firefox ESR session over WebDriver BiDi (puppeteer-core) with the
// build installed as a temporary add-on, a page served from 127.0.0.1, an
// extension page to call the extension's own APIs from, and a reader of
// Yuanwen's closed shadow root.
//
// How a test sees what the page cannot:
// - The banner lives in a closed shadow root. WebDriver BiDi serializes closed
//   roots when asked (`serializationOptions.includeShadowTree: "all"`), as the
//   DevTools protocol does for the Chromium suite (harness.ts, uiEval): the
//   browser's automation sees it, the page's scripts do not, and the product
//   build is unchanged.
// - BiDi refuses `browsingContext.navigate` to moz-extension:// URLs, but a tab
//   the extension opened itself (the welcome page, opened on install) is an
//   ordinary context to it: scripts evaluated there run as that extension page,
//   with the extension's APIs (tabs, action badge, runtime messages).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { uiHostTag } from '../../lib/dom/banner';
import { buildSources, newest } from './harness';
import { repoRoot } from './pages';
import { quietPrefs } from './firefox-prefs';

export const firefoxPath = '/usr/bin/firefox-esr';

export interface Variant {
  name: 'mv2' | 'mv3';
  dir: string;
  buildArgs: string[];
}

/** The release builds (`npm run build:firefox`): what a reader installs. */
export const variants: readonly Variant[] = [
  { name: 'mv2', dir: join(repoRoot, '.output/firefox-mv2'), buildArgs: ['wxt', 'build', '-b', 'firefox'] },
  { name: 'mv3', dir: join(repoRoot, '.output/firefox-mv3'), buildArgs: ['wxt', 'build', '-b', 'firefox', '--mv3'] },
];

/** The variants named on the command line (mv2, mv3), or all of them. */
export function chosenVariants(argv: string[]): Variant[] {
  const wanted = argv.filter((a) => a === 'mv2' || a === 'mv3');
  return variants.filter((v) => wanted.length === 0 || wanted.includes(v.name));
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

export class StepTimeout extends Error {}

/** `p`, or a StepTimeout naming `what` after `ms`. */
export function within<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

const buildLimitMs = 90_000;

/** Builds one variant when its manifest is missing or older than the sources; says which. */
export function ensureFirefoxBuild(v: Variant): string {
  const manifest = join(v.dir, 'manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newest(buildSources)) return 'up to date';
  const t0 = Date.now();
  try {
    // WXT's warnings would drown the summary: shown only on failure.
    execFileSync('npx', v.buildArgs, { cwd: repoRoot, stdio: 'pipe', timeout: buildLimitMs });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    process.stderr.write(`${err.stdout ?? ''}${err.stderr ?? ''}`);
    throw e;
  }
  if (!existsSync(manifest)) throw new Error(`npx ${v.buildArgs.join(' ')} left no ${manifest}`);
  return `built in ${seconds(Date.now() - t0)}`;
}

/** Serves fixed pages from 127.0.0.1 on a free port. */
export async function servePages(pages: Record<string, string>): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const body = pages[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    res.writeHead(body ? 200 : 404, { 'content-type': body ? 'text/html; charset=utf-8' : 'text/plain', 'cache-control': 'no-store' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export interface FirefoxSession {
  browser: Browser;
  /** The add-on's id as Firefox reports it. */
  addonId: string;
  /** Closes Firefox (killing it when close does not answer) and removes the profile. */
  close(): Promise<'closed' | 'killed'>;
}

/**
 * Launches Firefox ESR with a fresh profile and installs `v` as a temporary
 * add-on. `prefs` go on top of the quiet preferences. A watchdog kills the
 * browser after `limitMs` whatever hangs.
 */
export async function startFirefox(v: Variant, options: { headless: boolean; limitMs: number; prefs?: Record<string, unknown>; onKill?: () => void }): Promise<FirefoxSession> {
  const profile = mkdtempSync(join(tmpdir(), 'yuanwen-firefox-'));
  let browser: Browser | undefined;
  const watchdog = setTimeout(() => {
    options.onKill?.();
    browser?.process()?.kill('SIGKILL');
  }, options.limitMs);
  const cleanup = () => {
    clearTimeout(watchdog);
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    browser = await within(
      'launch',
      45_000,
      puppeteer.launch({
        browser: 'firefox',
        executablePath: firefoxPath,
        headless: options.headless,
        args: ['--profile', profile],
        extraPrefsFirefox: { ...quietPrefs, ...options.prefs },
        timeout: 40_000,
        protocolTimeout: 30_000,
        env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
      }),
    );
    const b = browser;
    const addonId = await within('installExtension', 20_000, b.installExtension(v.dir)).catch((e: unknown) => {
      throw new Error(`Firefox refused the temporary add-on ${v.dir}: ${firstLine(e)}`);
    });
    return {
      browser: b,
      addonId,
      close: async () => {
        const closed = await within('close', 15_000, b.close()).then(
          () => true,
          () => false,
        );
        if (!closed) b.process()?.kill('SIGKILL');
        cleanup();
        return closed ? 'closed' : 'killed';
      },
    };
  } catch (e) {
    browser?.process()?.kill('SIGKILL');
    cleanup();
    throw e;
  }
}

/** The page's current address (puppeteer's `page.url()` can lag behind a navigation the page made itself). */
export function hrefOf(page: Page): Promise<string | null> {
  return page.evaluate(() => location.href).catch(() => null);
}

/** Waits for a tab whose address satisfies `test`; returns it. */
export async function waitForTab(browser: Browser, test: (href: string) => boolean, what: string, timeout: number): Promise<Page> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const p of await browser.pages()) {
      const href = await hrefOf(p);
      if (href && test(href)) return p;
    }
    if (Date.now() > deadline) throw new StepTimeout(`${what}: no such tab within ${timeout / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The welcome page the extension opens on install: an extension page the test can run scripts in. */
export function extensionPage(browser: Browser, timeout = 15_000): Promise<Page> {
  return waitForTab(browser, (href) => href.startsWith('moz-extension://') && new URL(href).pathname === '/welcome.html', 'the welcome page opened on install', timeout);
}

/**
 * The extension's id for the tab showing `url` (from an extension page). MV2
 * has no `tabs` permission, so Firefox hides other sites' tab URLs from it:
 * the active tab with a hidden URL is taken then (the page puppeteer opened
 * last); callers check the URL of
 * the report they read for it.
 */
export async function tabIdOf(ext: Page, url: string): Promise<number | null> {
  return ext.evaluate(async (u: string) => {
    const api = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string; active?: boolean }[]> } } }).browser;
    const tabs = await api.tabs.query({});
    const byUrl = tabs.find((t) => t.url === u);
    if (byUrl) return byUrl.id ?? null;
    return tabs.find((t) => t.active && t.url === undefined)?.id ?? null;
  }, url);
}

interface BidiSession {
  send(method: string, params: object): Promise<{ result: BidiEvalResult }>;
}
type BidiEvalResult =
  | { type: 'success'; result: BidiValue }
  | { type: 'exception'; exceptionDetails: { text: string } };
interface BidiValue {
  type: string;
  value?: unknown;
  sharedId?: string;
}

/**
 * The BiDi session and browsing context behind a puppeteer page. Puppeteer
 * has no public call for serialization options, so this reaches its BiDi
 * core objects; a puppeteer upgrade that moves them fails here loudly.
 */
function bidiOf(page: Page): { session: BidiSession; context: string } {
  const bc = (page.mainFrame() as unknown as { browsingContext?: { id: string; userContext: { browser: { session: BidiSession } } } }).browsingContext;
  if (!bc) throw new Error('puppeteer page without a BiDi browsing context (not a BiDi session?)');
  return { session: bc.userContext.browser.session, context: bc.id };
}

function bidiValue(r: BidiEvalResult, what: string): BidiValue {
  if (r.type === 'exception') throw new Error(`${what}: ${r.exceptionDetails.text}`);
  return r.result;
}

/**
 * Runs `fn` on Yuanwen's closed UI shadow root in the page and returns its
 * JSON-serializable result, or null when there is no UI host. The page may add
 * look-alike hosts: ours is the one with a closed root.
 */
export async function uiEval<T, A = null>(page: Page, fn: (root: ShadowRoot, arg: A) => T, arg: A): Promise<T | null> {
  const { session, context } = bidiOf(page);
  const hosts = bidiValue(
    (
      await session.send('script.evaluate', {
        expression: `[...document.querySelectorAll(${JSON.stringify(uiHostTag)})]`,
        target: { context },
        awaitPromise: false,
        resultOwnership: 'none',
        serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
      })
    ).result,
    'find the UI host',
  );
  const list = (hosts.value as { value?: { shadowRoot?: { sharedId?: string; value?: { mode?: string } } | null } }[] | undefined) ?? [];
  const root = list.map((h) => h.value?.shadowRoot).find((r) => r?.value?.mode === 'closed' && r.sharedId);
  if (!root?.sharedId) return null;
  const out = bidiValue(
    (
      await session.send('script.callFunction', {
        // The argument travels as JSON text: one serialization rule both ways.
        functionDeclaration: `(root, arg) => JSON.stringify((${fn.toString()})(root, JSON.parse(arg)) ?? null)`,
        arguments: [{ sharedId: root.sharedId }, { type: 'string', value: JSON.stringify(arg ?? null) }],
        target: { context },
        awaitPromise: false,
        resultOwnership: 'none',
      })
    ).result,
    'read the UI shadow root',
  );
  return JSON.parse(String(out.value)) as T | null;
}

export interface BannerState {
  text: string;
  tone: string;
}

/** The banner's message and tone, or null when it is hidden or absent. */
export function bannerState(page: Page): Promise<BannerState | null> {
  return uiEval(
    page,
    (root) => {
      const banner = root.querySelector('.banner') as HTMLElement | null;
      if (!banner || banner.hidden) return null;
      return { text: (banner.querySelector('.message') as HTMLElement | null)?.innerText ?? '', tone: banner.dataset.tone ?? '' };
    },
    null,
  );
}

/** Waits until a banner with text shows; returns it. */
export async function waitForBanner(page: Page, timeout: number): Promise<BannerState> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const b = await bannerState(page).catch(() => null);
    if (b?.text) return b;
    if (Date.now() > deadline) throw new StepTimeout(`no banner within ${timeout / 1000} s`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
