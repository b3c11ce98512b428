// Real-Chromium harness: serves pages from 127.0.0.1, launches Debian's
// Chromium with the built extension (.output/chrome-mv3) loaded, records every
// network request of pages and of the extension's service worker, and offers
// small helpers to read Yuanwen's banner, highlights, badge and popup.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { repoRoot } from './pages';

// Inside sw.evaluate() callbacks: the extension API of the service worker.
declare const chrome: typeof import('wxt/browser').browser;

declare global {
  /**
   * In test pages (an init script of the harness): Yuanwen's highlight of a
   * kind by its base name. Each content-script instance suffixes its names
   * with a random string (yuanwen-spin-3fa9…), so a page cannot name them.
   */
  function __ywHighlight(base: string, win?: Window): Highlight | undefined;
  /** The text of a highlight's range (Yuanwen draws with StaticRanges, which have no toString()). */
  function __ywRangeText(r: AbstractRange): string;
  /** The client rects of a highlight's range. */
  function __ywRangeRects(r: AbstractRange): DOMRectList;
}

/** Defines __ywHighlight in every page and frame before the page's own scripts run. */
const highlightLookup = `(function () {
  // Captured before the page's scripts run: a hostile test page breaks these in its world.
  var getData = Object.getOwnPropertyDescriptor(CharacterData.prototype, 'data').get;
  var createRange = Document.prototype.createRange;
  var setStart = Range.prototype.setStart, setEnd = Range.prototype.setEnd, rects = Range.prototype.getClientRects;
  window.__ywRangeText = function (r) {
    return getData.call(r.startContainer).slice(r.startOffset, r.endOffset);
  };
  window.__ywRangeRects = function (r) {
    var live = createRange.call(r.startContainer.ownerDocument);
    setStart.call(live, r.startContainer, r.startOffset);
    setEnd.call(live, r.endContainer, r.endOffset);
    return rects.call(live);
  };
})();
window.__ywHighlight = function (base, win) {
  var reg = (win || window).CSS.highlights;
  var found;
  reg.forEach(function (h, name) { if (!found && name.indexOf(base + '-') === 0) found = h; });
  return found;
};`;

/**
 * The builds the tests load. 'e2e' (`wxt build --mode e2e`) is the product
 * plus diagnostics (yuanwen:* performance marks, a diagnose event); the
 * release build has none of them, so a page cannot tell Yuanwen is there
 * (test/e2e/fingerprint.test.ts loads that one).
 */
export type BuildKind = 'e2e' | 'production';
export const buildDirs: Readonly<Record<BuildKind, string>> = {
  e2e: join(repoRoot, '.output/chrome-mv3-e2e'),
  production: join(repoRoot, '.output/chrome-mv3'),
};
export const extensionDir = buildDirs.e2e;
export const screenshotDir = join(repoRoot, 'test/e2e/screenshots');

/** Newest modification time under the given paths (files and folders, recursively). */
export function newest(paths: string[]): number {
  let t = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else t = Math.max(t, s.mtimeMs);
  };
  paths.forEach(visit);
  return t;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** What a build of the extension depends on (a build older than any of these is stale). */
export const buildSources = ['entrypoints', 'lib', 'components', 'locales', 'seeds', 'wxt.config.ts', 'package.json'].map((p) => join(repoRoot, p));

/**
 * Builds the extension when .output/chrome-mv3 is missing or older than its
 * sources. e2e files may start in parallel: a lock folder makes one of them
 * build while the others wait for it.
 */
export function ensureBuilt(kind: BuildKind = 'e2e'): void {
  const manifest = join(buildDirs[kind], 'manifest.json');
  const fresh = () => existsSync(manifest) && statSync(manifest).mtimeMs >= newest(buildSources);
  if (fresh()) return;
  const lock = join(repoRoot, '.output/.e2e-build-lock');
  mkdirSync(join(repoRoot, '.output'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // another test file is building; a lock older than 2 minutes is stale
      if (waited > 120_000 || Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 120_000) rmSync(lock, { recursive: true, force: true });
      sleepSync(200);
    }
  }
  try {
    if (!fresh()) execFileSync('npx', ['wxt', 'build', ...(kind === 'e2e' ? ['--mode', 'e2e'] : [])], { cwd: repoRoot, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface Served {
  /** Content (HTML string) or a full handler, by path (e.g. '/farm.html'). */
  [path: string]: string | Route;
}

export class Harness {
  readonly requests: Array<{ url: string; from: string }> = [];
  context!: BrowserContext;
  worker!: Worker;
  extensionId = '';
  origin = '';
  private server!: Server;
  private profile = '';

  /** What the browser was started with, so a restart keeps the language. */
  private launchOptions: { headless?: boolean; slowMo?: number; locale?: 'zh' | 'en' | 'tw'; build?: BuildKind } = {};

  constructor(private readonly routes: Served) {}

  async start(options: { headless?: boolean; slowMo?: number; locale?: 'zh' | 'en' | 'tw'; build?: BuildKind } = {}): Promise<this> {
    ensureBuilt(options.build ?? 'e2e');
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const route = this.routes[path];
      if (typeof route === 'function') return route(req, res);
      if (typeof route === 'string') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(route);
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;

    this.profile = mkdtempSync(join(tmpdir(), 'yuanwen-e2e-'));
    this.launchOptions = options;
    await this.launch(options);
    return this;
  }

  /** Closes the browser and starts it again on the same profile (what a reader's restart keeps, it keeps). */
  async restart(): Promise<void> {
    await this.context.close();
    await this.launch(this.launchOptions);
  }

  private async launch(options: { headless?: boolean; slowMo?: number; locale?: 'zh' | 'en' | 'tw'; build?: BuildKind }): Promise<void> {
    this.launchOptions = options;
    const dir = buildDirs[options.build ?? 'e2e'];
    // Service worker requests are reported on the context only with this flag (Playwright, Chromium).
    process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
    this.context = await chromium.launchPersistentContext(this.profile, {
      executablePath: '/usr/bin/chromium',
      headless: options.headless ?? true,
      slowMo: options.slowMo,
      viewport: { width: 1280, height: 860 },
      locale: { en: 'en-US', tw: 'zh-TW', zh: 'zh-CN' }[options.locale ?? 'zh'],
      // On Linux the UI language (and so the extension's locale) comes from the environment.
      env: { ...process.env, LANGUAGE: { en: 'en_US', tw: 'zh_TW', zh: 'zh_CN' }[options.locale ?? 'zh'], LANG: `${{ en: 'en_US', tw: 'zh_TW', zh: 'zh_CN' }[options.locale ?? 'zh']}.UTF-8` },
      args: [
        `--disable-extensions-except=${dir}`,
        `--load-extension=${dir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
        // The extension's UI language follows the browser's: Simplified Chinese, its default.
        `--lang=${{ en: 'en-US', tw: 'zh-TW', zh: 'zh-CN' }[options.locale ?? 'zh']}`,
        '--disable-features=Translate,OptimizationHints,MediaRouter',
      ],
    });
    await this.context.addInitScript(highlightLookup);
    this.context.on('request', (r) => {
      const w = r.serviceWorker();
      let frame = '?';
      try {
        frame = r.frame()?.url() ?? '?';
      } catch {
        // A navigation issued before its frame exists (a tab the extension opens, such as the welcome page).
      }
      this.requests.push({ url: r.url(), from: w ? `worker ${w.url()}` : frame });
    });
    this.worker = this.context.serviceWorkers()[0] ?? (await this.context.waitForEvent('serviceworker'));
    this.extensionId = new URL(this.worker.url()).host;
  }

  async stop(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    if (this.profile) rmSync(this.profile, { recursive: true, force: true });
  }

  /** The current service worker (it may have restarted). */
  async sw(): Promise<Worker> {
    const alive = this.context.serviceWorkers().find((w) => w.url().includes(this.extensionId));
    return alive ?? (await this.context.waitForEvent('serviceworker'));
  }

  url(path: string): string {
    return this.origin + path;
  }

  async open(path: string): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(this.url(path));
    return page;
  }

  /** Requests that left 127.0.0.1 and the extension. */
  outsideRequests(): Array<{ url: string; from: string }> {
    return this.requests.filter((r) => {
      const u = new URL(r.url);
      if (u.protocol === 'chrome-extension:' || u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return false;
      return u.hostname !== '127.0.0.1';
    });
  }

  /** The tab id of a page: the active tab after bringing it to the front (no `tabs` permission needed). */
  async tabId(page: Page): Promise<number> {
    await page.bringToFront();
    const sw = await this.sw();
    return sw.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab!.id!;
    });
  }

  async badge(tabId: number): Promise<{ text: string; title: string; colour: number[] }> {
    const sw = await this.sw();
    return sw.evaluate(async (id) => ({
      text: await chrome.action.getBadgeText({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
      colour: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
    }), tabId);
  }

  private extPage: Page | null = null;

  /** An extension page (the options page) kept open for the tests' requests. */
  async extensionPage(): Promise<Page> {
    if (!this.extPage || this.extPage.isClosed()) {
      this.extPage = await this.context.newPage();
      await this.extPage.goto(`chrome-extension://${this.extensionId}/options.html`);
    }
    return this.extPage;
  }

  /** Sends a message to the background from an extension page (as the popup does); resolves with the answer. */
  async fromExtensionPage<T>(msg: unknown): Promise<T> {
    return (await this.extensionPage()).evaluate((m) => chrome.runtime.sendMessage(m), msg) as Promise<T>;
  }

  async openPopup(tabId: number): Promise<Page> {
    const popup = await this.context.newPage();
    await popup.goto(`chrome-extension://${this.extensionId}/popup.html?tab=${tabId}`);
    return popup;
  }

  async setSettings(value: unknown): Promise<void> {
    const sw = await this.sw();
    await sw.evaluate(async (v) => chrome.storage.local.set({ settings: v }), value);
  }

  async screenshot(page: Page, name: string): Promise<string> {
    mkdirSync(screenshotDir, { recursive: true });
    const path = join(screenshotDir, `${name}.png`);
    await page.screenshot({ path });
    return path;
  }
}

// --- page-side helpers ---------------------------------------------------

/** One highlight per display kind (lib/present/kinds.ts), and one for spun forms with no original. */
export const highlightNames = [
  'yuanwen-distorting',
  'yuanwen-negation',
  'yuanwen-number',
  'yuanwen-name',
  'yuanwen-omission',
  'yuanwen-insertion',
  'yuanwen-wording',
  'yuanwen-move',
  'yuanwen-spin',
  'yuanwen-heading',
  'yuanwen-scrambled',
] as const;

/**
 * Runs `fn` on Yuanwen's UI shadow root and returns its (serializable)
 * result, or null when there is no UI host. The root is closed, so page
 * scripts cannot reach it: the test goes through the DevTools protocol, which
 * sees closed roots (DOM.describeNode with pierce), and calls `fn` on the root
 * object in the page's world.
 */
export async function uiEval<T, A = undefined>(page: Page, fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: 1 })) as { root: { nodeId: number } };
    const { nodeIds } = (await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'yuanwen-ui' })) as { nodeIds: number[] };
    // The page may add look-alike hosts: ours is the one with a closed shadow root.
    for (const nodeId of nodeIds.reverse()) {
      const { node } = (await cdp.send('DOM.describeNode', { nodeId, depth: 0, pierce: true })) as {
        node: { shadowRoots?: Array<{ backendNodeId: number; shadowRootType?: string }> };
      };
      const shadow = node.shadowRoots?.find((r) => r.shadowRootType === 'closed') ?? node.shadowRoots?.[0];
      if (!shadow) continue;
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId })) as { object: { objectId: string } };
      const { result, exceptionDetails } = (await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: `function (arg) { return (${fn.toString()})(this, arg); }`,
        arguments: [{ value: arg ?? null }],
        returnByValue: true,
      })) as { result: { value: T }; exceptionDetails?: { text: string } };
      if (exceptionDetails) throw new Error(`uiEval: ${exceptionDetails.text}`);
      return result.value;
    }
    return null;
  } catch (e) {
    // The document changed between two protocol calls (node ids went stale): no answer this time.
    if (/Could not find node|No node with given id|Cannot find context/i.test(String(e))) return null;
    throw e;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export interface BannerState {
  text: string;
  tone: string;
  /** Is the banner the element at its own centre (not covered, not moved away, not made invisible)? */
  onTop: boolean;
  opacity: string;
  display: string;
}

/** The banner as the reader sees it, or null when it is hidden or absent. */
export async function bannerState(page: Page): Promise<BannerState | null> {
  return uiEval(page, (root) => {
    const banner = root.querySelector('.banner') as HTMLElement | null;
    if (!banner || banner.hidden) return null;
    const r = banner.getBoundingClientRect();
    const hit = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const host = root.host as HTMLElement;
    // A hostile test page may break getComputedStyle in its own world (where this runs).
    let cs: { opacity: string } = { opacity: '?' };
    let hostStyle: { opacity: string; display: string } = { opacity: '?', display: '?' };
    try {
      cs = getComputedStyle(banner);
      hostStyle = getComputedStyle(host);
    } catch {
      // keep the placeholders
    }
    return {
      // innerText, not textContent: a hostile test page breaks textContent in its own world.
      text: (banner.querySelector('.message') as HTMLElement | null)?.innerText ?? '',
      tone: banner.dataset.tone ?? '',
      onTop: !!hit && banner.contains(hit),
      opacity: String(Number(cs.opacity) * Number(hostStyle.opacity)),
      display: hostStyle.display,
    };
  });
}

/** Waits until the content script finished a run that drew a banner; returns the banner text. */
export async function waitForBanner(page: Page, timeout = 20_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const b = await bannerState(page).catch(() => null);
    if (b && b.text) return b.text;
    if (Date.now() > deadline) throw new Error(`no banner within ${timeout} ms`);
    await page.waitForTimeout(100);
  }
}

/** Banner text now, or null when no banner is shown. */
export async function bannerNow(page: Page): Promise<string | null> {
  return (await bannerState(page))?.text ?? null;
}

/** The hover card's text when it is shown, else null. */
export async function cardText(page: Page): Promise<string | null> {
  return uiEval(page, (root) => {
    const c = root.querySelector('.card') as HTMLElement | null;
    return c && !c.hidden ? c.textContent : null;
  });
}

/** Clicks a button of Yuanwen's UI with the real mouse (the buttons ignore synthetic clicks). */
export async function clickUi(page: Page, selector: string): Promise<void> {
  const box = await uiEval(
    page,
    (root, sel) => {
      const el = root.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    selector,
  );
  if (!box) throw new Error(`no ${selector} in Yuanwen's UI`);
  await page.mouse.click(box.x, box.y);
}

/** Texts of the ranges of each Yuanwen highlight registered in the page's (top) document. */
export async function highlightTexts(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate((names) => {
    const out: Record<string, string[]> = {};
    for (const name of names) {
      const h = __ywHighlight(name);
      out[name] = h ? [...h].map((r) => __ywRangeText(r)) : [];
    }
    return out;
  }, [...highlightNames, 'yuanwen-flash']);
}

export async function highlightCount(page: Page): Promise<number> {
  const t = await highlightTexts(page);
  return highlightNames.reduce((n, name) => n + (t[name]?.length ?? 0), 0);
}

/** Waits until the content script has finished `n` runs (performance marks are shared with the page world). */
export async function waitForRuns(page: Page, n = 1, timeout = 20_000): Promise<void> {
  await page.waitForFunction((k) => performance.getEntriesByName('yuanwen:run:end').length >= k, n, { timeout, polling: 100 });
}

/** The content script's diagnostics (runs, busy ms, drawn, stale removals). */
export async function diagnostics(
  page: Page,
): Promise<{ runs: number; busyMs: number; maxSliceMs: number; drawn: number; staleRemoved: number; reattached: number; restyled: number; raised: number; highlightsRepaired: number }> {
  return page.evaluate(() => {
    document.dispatchEvent(new Event('yuanwen:diagnose'));
    return JSON.parse(document.documentElement.dataset.yuanwenDiag ?? '{}');
  });
}

/** Installs a page-side heartbeat (setInterval 10 ms) and returns a reader of its longest gap. */
export async function startHeartbeat(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { __hb: { last: number; max: number } };
    w.__hb = { last: performance.now(), max: 0 };
    setInterval(() => {
      const now = performance.now();
      w.__hb.max = Math.max(w.__hb.max, now - w.__hb.last);
      w.__hb.last = now;
    }, 10);
  });
  return () => page.evaluate(() => (window as unknown as { __hb: { max: number } }).__hb.max);
}
