// Cold start of the real extension in real Chromium with a large library:
// worker wakes -> first report, measured by the worker itself
// (performance.mark 'yuanwen:first-report' in entrypoints/background/corpus.ts,
// relative to the worker's own time origin: script parse, IndexedDB open,
// stored index read back, the first verification of the seed 002 page).
//
//   npx tsx test/bench/worker-cold.ts [synthetic references, default 10000] [runs, default 3]
//
// The library is filled through the options page (a pack of synthetic
// references, imported like a reader would), then the worker is stopped over
// CDP before each run. The same runs before the import, with an empty library,
// are the baseline of the same run (the machine is shared: compare the ratio).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from '../../lib/corpus/node';
import { corpusPack, serializePack } from '../../lib/pack';
import { Harness, waitForBanner } from '../e2e/harness';
import { buildPage } from '../e2e/pages';
import { isSynthetic, libraryCorpus } from './library-corpus';


const args = process.argv.slice(2);
const profileAt = args.indexOf('--profile');
/** `--profile FILE`: after the runs, one more cold start under the V8 sampling profiler, written to FILE (.cpuprofile). */
const profileFile = profileAt >= 0 ? args.splice(profileAt, 2)[1] : undefined;
const n = Number(args[0] ?? '10000');
const runs = Number(args[1] ?? '3');
const seeds = loadCorpus();
const synth = libraryCorpus(seeds, n);
const pack = await corpusPack({ title: 'bench', creator: 'bench', date: '2026-12-01' }, { entries: synth.entries.filter((e) => isSynthetic(e.id)), files: synth.files }, { via: 'pack' });
const packFile = join(mkdtempSync(join(tmpdir(), 'yw-cold-')), 'pack.json');
writeFileSync(packFile, serializePack(pack));

const h = await new Harness({ '/farm.html': buildPage('farm') }).start();
try {
  const options = await h.context.newPage();
  await options.goto(`chrome-extension://${h.extensionId}/options.html`);
  await options.locator('.yw-library').waitFor();
  const cdp = await h.context.newCDPSession(options);
  await cdp.send('ServiceWorker.enable');
  const coldStarts = async (): Promise<Array<Record<string, number>>> => {
    const figures: Array<Record<string, number>> = [];
    for (let i = 0; i < runs; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await new Promise((r) => setTimeout(r, 1000));
      const page = await h.context.newPage();
      await page.goto(h.url('/farm.html'));
      await waitForBanner(page, 60_000);
      const sw = await h.sw();
      // Marks in order: worker-ready (script evaluated), library-start, library-db-open,
      // warmed, page-text, library-read (stored index read back), library-open (index ready), first-report.
      const ms = await sw.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('yuanwen:')).map((m) => [m.name.slice(8), Math.round(m.startTime)])));
      figures.push(ms);
      await page.close();
    }
    return figures;
  };
  // The baseline of the same run, on the same loaded machine: the same cold start with an empty library.
  const baseline = await coldStarts();
  const t = Date.now();
  await options.getByTestId('import-pack').setInputFiles(packFile);
  await options.getByText(/导入完成/).waitFor({ timeout: 1_200_000 });
  const importS = (Date.now() - t) / 1000;
  const storageMB = ((await options.evaluate(async () => (await navigator.storage.estimate()).usage ?? -1)) as number) / 2 ** 20;
  const figures = await coldStarts();
  const first = (f: Array<Record<string, number>>) => f.map((m) => m['first-report'] ?? NaN).sort((a, b) => a - b);
  const summary = { emptyLibrary: first(baseline), library: first(figures), medianRatio: +(first(figures)[Math.floor(runs / 2)]! / first(baseline)[Math.floor(runs / 2)]!).toFixed(2) };
  const count = await (await h.sw()).evaluate(async () => {
    const req = indexedDB.open('yuanwen-library');
    const db = await new Promise<IDBDatabase>((res, rej) => ((req.onsuccess = () => res(req.result)), (req.onerror = () => rej(req.error))));
    const c = db.transaction('articles').objectStore('articles').count();
    return new Promise<number>((res) => (c.onsuccess = () => res(c.result)));
  });
  process.stdout.write(`${JSON.stringify({ references: count, importS, storageMB, firstReportMs: summary, coldMs: figures, emptyLibraryMs: baseline, outside: h.outsideRequests().length })}\n`);
  if (profileFile) await profileColdStart(h, profileFile);
} finally {
  await h.stop();
}

/**
 * One cold start under the profiler: the browser is started again on the same
 * profile with a DevTools port, every new target waits for the debugger, and
 * the extension's service worker is profiled from its first instruction.
 */
async function profileColdStart(harness: Harness, file: string): Promise<void> {
  await harness.context.close();
  const profileDir = (harness as unknown as { profile: string }).profile;
  const dir = join(process.cwd(), '.output/chrome-mv3-e2e');
  const child = spawn('/usr/bin/chromium', ['--headless', `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', `--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=zh-CN', 'about:blank'], { stdio: 'ignore' });
  try {
    const portFile = join(profileDir, 'DevToolsActivePort');
    for (let i = 0; i < 100 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500)); // the extension's worker runs once at start-up; let it stop being new
    const [port, path] = readFileSync(portFile, 'utf8').trim().split('\n');
    // ws (a dependency of the toolchain) has no type declarations here: the little of it used, typed.
    const { default: WebSocket } = (await import('ws' as string)) as unknown as { default: new (url: string) => { once(e: 'open', f: () => void): void; on(e: 'message', f: (raw: unknown) => void): void; send(s: string): void; close(): void } };
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    await new Promise<void>((r) => ws.once('open', r));
    let id = 0;
    const waiting = new Map<number, (v: unknown) => void>();
    const send = (method: string, params: object = {}, sessionId?: string) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- CDP answers, read by field
      new Promise<Record<string, any>>((resolve) => {
        waiting.set(++id, resolve as (v: unknown) => void);
        ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      });
    let swSession: string | undefined;
    let profiled: (() => void) | undefined;
    const started = new Promise<void>((r) => (profiled = r));
    ws.on('message', (raw) => {
      const m = JSON.parse(String(raw));
      if (m.id !== undefined) waiting.get(m.id)?.(m.result ?? m.error);
      else if (m.method === 'Target.attachedToTarget') {
        const { sessionId, targetInfo } = m.params;
        void (async () => {
          if (targetInfo.type === 'service_worker' && targetInfo.url.startsWith('chrome-extension://') && !swSession) {
            swSession = sessionId;
            await send('Profiler.enable', {}, sessionId);
            await send('Profiler.setSamplingInterval', { interval: 200 }, sessionId);
            await send('Profiler.start', {}, sessionId);
            profiled?.();
          }
          await send('Runtime.runIfWaitingForDebugger', {}, sessionId);
        })();
      }
    });
    // Stop the worker of the start-up, then wake it with the page.
    const { targetInfos } = await send('Target.getTargets');
    for (const t of targetInfos as Array<{ type: string; targetId: string }>) if (t.type === 'service_worker') await send('Target.closeTarget', { targetId: t.targetId });
    await new Promise((r) => setTimeout(r, 1000));
    await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
    await send('Target.createTarget', { url: harness.url('/farm.html') });
    await started;
    await new Promise((r) => setTimeout(r, 5000));
    const marks = await send('Runtime.evaluate', { expression: "JSON.stringify(Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('yuanwen:')).map((m) => [m.name.slice(8), Math.round(m.startTime)])))", returnByValue: true }, swSession);
    const { profile } = await send('Profiler.stop', {}, swSession);
    writeFileSync(file, JSON.stringify(profile));
    process.stdout.write(`profiled cold start (marks under the profiler: ${marks.result.value}) -> ${file}\n`);
    ws.close();
  } finally {
    child.kill();
  }
}
