// Making packs: from texts and their articles (hashes computed here), and
// between a pack and the engine's CorpusSource.
import type { ArticleEntry, CorpusSource } from '../engine/types';
import { sha256Hex } from './hash';
import { PackError } from './problems';
import { validatePack } from './read';
import { PACK_FORMAT, PACK_SCHEMA_VERSION, type Pack, type PackArticle, type PackManifest, type PackSource } from './schema';

export interface NewText {
  id: string;
  content: string;
  articles: PackArticle[];
}

/** Builds and validates a pack; throws PackError when the result would not read back. */
export async function createPack(manifest: PackManifest, texts: readonly NewText[]): Promise<Pack> {
  const draft = {
    format: PACK_FORMAT,
    schemaVersion: PACK_SCHEMA_VERSION,
    manifest,
    texts: await Promise.all(texts.map(async (t) => ({ id: t.id, sha256: await sha256Hex(t.content), content: t.content, articles: t.articles }))),
  };
  const result = await validatePack(draft);
  if (!result.ok) throw new PackError(result.problem);
  return result.pack;
}

/** The pack's JSON text: one line per text, so a pack diffs and greps readably. */
export function serializePack(pack: Pack): string {
  const head = JSON.stringify({ format: pack.format, schemaVersion: pack.schemaVersion, manifest: pack.manifest });
  const texts = pack.texts.map((t) => JSON.stringify(t)).join(',\n');
  return `${head.slice(0, -1)},"texts":[\n${texts}\n]}\n`;
}

/** What the engine indexes: each text becomes a file named by its id. */
export function packCorpus(pack: Pack): CorpusSource {
  const entries: ArticleEntry[] = [];
  const files: Record<string, string> = {};
  for (const t of pack.texts) {
    files[t.id] = t.content;
    for (const a of t.articles) entries.push(articleEntry(t.id, a));
  }
  return { entries, files };
}

export function articleEntry(file: string, a: PackArticle): ArticleEntry {
  const entry: ArticleEntry = { id: a.id, file, start: a.start, end: a.end, headline: a.headline, publisher: a.publisher, date: a.date, role: a.role };
  if (a.note !== undefined) entry.note = a.note;
  return entry;
}

/** A corpus (seeds/ and its manifest) as a pack, every article with the same source. */
export async function corpusPack(manifest: PackManifest, source: CorpusSource, origin: PackSource): Promise<Pack> {
  const byFile = new Map<string, PackArticle[]>();
  for (const e of source.entries) {
    const article: PackArticle = { id: e.id, start: e.start, end: e.end, headline: e.headline, publisher: e.publisher, date: e.date, role: e.role, sources: [origin] };
    if (e.note !== undefined) article.note = e.note;
    byFile.set(e.file, [...(byFile.get(e.file) ?? []), article]);
  }
  const texts: NewText[] = [...byFile].map(([file, articles]) => {
    const content = source.files[file];
    if (content === undefined) throw new Error(`corpus: file ${file} is missing`);
    return { id: file, content, articles };
  });
  return createPack(manifest, texts);
}
