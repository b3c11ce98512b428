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
// CDP before each run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from '../../lib/corpus/node';
import { corpusPack, serializePack } from '../../lib/pack';
import { Harness, waitForBanner } from '../e2e/harness';
import { buildPage } from '../e2e/pages';
import { isSynthetic, libraryCorpus } from './library-corpus';


const n = Number(process.argv[2] ?? '10000');
const runs = Number(process.argv[3] ?? '3');
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
  const t = Date.now();
  await options.getByTestId('import-pack').setInputFiles(packFile);
  await options.getByText(/导入完成/).waitFor({ timeout: 1_200_000 });
  const importS = (Date.now() - t) / 1000;
  const storageMB = ((await options.evaluate(async () => (await navigator.storage.estimate()).usage ?? -1)) as number) / 2 ** 20;
  const cdp = await h.context.newCDPSession(options);
  await cdp.send('ServiceWorker.enable');
  const figures: Array<Record<string, number>> = [];
  for (let i = 0; i < runs; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await new Promise((r) => setTimeout(r, 1000));
    const page = await h.context.newPage();
    await page.goto(h.url('/farm.html'));
    await waitForBanner(page, 60_000);
    const sw = await h.sw();
    // Marks in order: library-start (script evaluated, first page text arrived), library-db-open,
    // library-read (stored index read back), library-open (index ready), first-report.
    const ms = await sw.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('yuanwen:')).map((m) => [m.name.slice(8), Math.round(m.startTime)])));
    figures.push(ms);
    await page.close();
  }
  const count = await (await h.sw()).evaluate(async () => {
    const req = indexedDB.open('yuanwen-library');
    const db = await new Promise<IDBDatabase>((res, rej) => ((req.onsuccess = () => res(req.result)), (req.onerror = () => rej(req.error))));
    const c = db.transaction('articles').objectStore('articles').count();
    return new Promise<number>((res) => (c.onsuccess = () => res(c.result)));
  });
  process.stdout.write(`${JSON.stringify({ references: count, importS, storageMB, coldMs: figures, outside: h.outsideRequests().length })}\n`);
} finally {
  await h.stop();
}
