// Loads the corpus from seeds/ on disk, for the CLI, scripts and benchmark.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleEntry, CorpusSource } from '../engine/types';

export const seedsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../seeds');

export function loadCorpus(dir: string = seedsDir): CorpusSource {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { articles: ArticleEntry[] };
  const files: Record<string, string> = {};
  for (const entry of manifest.articles) files[entry.file] ??= readFileSync(join(dir, entry.file), 'utf8');
  return { entries: manifest.articles, files };
}
