// The corpus as bundled into the extension (and visible to vitest): the seed
// files are inlined as strings at build time by Vite. Node scripts use
// lib/corpus/node.ts instead, which reads the same files from disk.
import manifest from '../../seeds/manifest.json';
import type { ArticleEntry, CorpusSource } from '../engine/types';

const raw = import.meta.glob('../../seeds/*.txt', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const files: Record<string, string> = {};
for (const [path, text] of Object.entries(raw)) files[path.slice(path.lastIndexOf('/') + 1)] = text;

export const bundledCorpus: CorpusSource = { entries: manifest.articles as ArticleEntry[], files };
