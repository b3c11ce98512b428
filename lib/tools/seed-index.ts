// The bundled seeds as the first pack, with its index built here, at build
// time, so the service worker loads a finished index instead of fingerprinting
// every reference on each start. Printed as one JSON object on stdout; the
// Vite plugin in lib/tools/seed-index-plugin.ts serves it to the bundle as the
// module 'virtual:yuanwen-seed-index' (see lib/corpus/seed-index.ts).
import { resolve } from 'node:path';
import { loadCorpus } from '../corpus/node';
import { bundledLexicon } from '../engine/lexicon';
import { referencesOf } from '../engine/library-verify';
import { defaultOptions } from '../engine/options';
import { SegmentedIndex, storedSegmentOf } from '../engine/segmented-index';
import { sha256Hex } from '../pack';
import { encodeSeedIndex, type SeedIndexAsset } from '../corpus/seed-asset';

export async function buildSeedIndex(): Promise<SeedIndexAsset> {
  const seeds = loadCorpus();
  const index = new SegmentedIndex(bundledLexicon(), defaultOptions.k, defaultOptions.window);
  const refs = referencesOf(seeds, index);
  const segment = storedSegmentOf(refs.map((r) => r.record));
  const files = Object.keys(seeds.files).sort();
  return encodeSeedIndex({
    k: index.k,
    window: index.window,
    segment,
    // doc number -> article id: the worker pairs them with the bundled manifest.
    articles: refs.map((r) => r.entry.id),
    spun: Object.fromEntries(refs.map((r) => [r.entry.id, r.record.spun])),
    sha256: Object.fromEntries(await Promise.all(files.map(async (f) => [f, await sha256Hex(seeds.files[f]!)] as const))),
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  process.stdout.write(JSON.stringify(await buildSeedIndex()));
}
