// A pack from a folder of .txt and .html files (Node only: reads the disk).
//
// Each file becomes one text holding one article (the file's text, outer
// whitespace left out of the article's range). An .html file is reduced to its
// article by the same code that captures a page in the browser
// (lib/capture/article.ts: Readability, then the project's extractor), and its
// headline, publisher, date and address come from its meta tags. Whatever a
// file does not say (all of it, for a .txt) comes from metadata.csv in the
// folder: a header row, then one row per file, with the columns
//   file, headline, publisher, date   and optionally   url, id, role, note
// A file that still lacks a headline, publisher or date stops the build with a
// message naming every such file: a pack is made whole or not at all.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseHTML } from 'linkedom';
import { extractArticle, isoDay } from '../capture/article';
import { InputError, readInput } from '../cli/decode';
import type { PackArticle, PackManifest, Pack } from './schema';
import { createPack, type NewText } from './write';

export const METADATA_CSV = 'metadata.csv';

export class FolderError extends Error {}

interface CsvRow {
  file: string;
  headline?: string;
  publisher?: string;
  date?: string;
  url?: string;
  id?: string;
  role?: string;
  note?: string;
}

export function readMetadataCsv(path: string): Map<string, CsvRow> {
  let rows: Record<string, string>[];
  try {
    rows = parse(readFileSync(path, 'utf8'), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    throw new FolderError(`${path}: not a readable CSV (${e instanceof Error ? e.message : String(e)})`);
  }
  const out = new Map<string, CsvRow>();
  for (const [i, row] of rows.entries()) {
    const file = row.file;
    if (!file) throw new FolderError(`${path}: row ${i + 2} has no "file" column value (the header must name a "file" column)`);
    out.set(file, { ...row, file });
  }
  return out;
}

export interface FolderPackOptions {
  manifest: PackManifest;
  /** Metadata CSV; defaults to DIR/metadata.csv when that exists. */
  csv?: string;
  /** Capture time recorded in each article's source (ISO timestamp). */
  now?: string;
}

export async function packFolder(dir: string, options: FolderPackOptions): Promise<Pack> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.(txt|html?)$/i.test(n) && statSync(join(dir, n)).isFile()).sort();
  } catch (e) {
    throw new FolderError(`${dir}: cannot read the folder (${e instanceof Error ? e.message : String(e)})`);
  }
  if (names.length === 0) throw new FolderError(`${dir}: no .txt or .html files to pack`);
  const csvPath = options.csv ?? join(dir, METADATA_CSV);
  const csv = options.csv !== undefined || exists(csvPath) ? readMetadataCsv(csvPath) : new Map<string, CsvRow>();
  const now = options.now ?? new Date().toISOString();

  const texts: NewText[] = [];
  const missing: string[] = [];
  for (const name of names) {
    let content: string;
    let fromHtml: Partial<CsvRow> = {};
    try {
      const input = readInput(join(dir, name));
      if (input.kind === 'html') {
        const { document } = parseHTML(input.text);
        const draft = extractArticle(document as unknown as Document, 'file:///' + name);
        if (!draft) throw new InputError(`${name}: the page has no article text`);
        content = draft.text;
        fromHtml = { headline: draft.headline || undefined, publisher: draft.publisher || undefined, date: draft.date || undefined, url: draft.url.startsWith('http') ? draft.url : undefined };
      } else {
        content = input.text;
      }
    } catch (e) {
      if (e instanceof InputError) throw new FolderError(e.message);
      throw e;
    }
    const row = csv.get(name);
    const headline = fromHtml.headline ?? row?.headline;
    const publisher = fromHtml.publisher ?? row?.publisher;
    const date = isoDay(fromHtml.date ?? row?.date) || undefined;
    const lacks = [!headline && 'headline', !publisher && 'publisher', !date && 'date (YYYY-MM-DD)'].filter(Boolean);
    if (lacks.length > 0 || !headline || !publisher || !date) {
      missing.push(`${name} (${lacks.join(', ')})`);
      continue;
    }
    const start = content.search(/\S/);
    const end = content.trimEnd().length;
    if (start < 0) throw new FolderError(`${name}: the file has no text`);
    const url = fromHtml.url ?? (row?.url || undefined);
    const role = row?.role === 'specimen' ? 'specimen' : 'reference';
    const article: PackArticle = {
      id: row?.id || basename(name, extname(name)),
      start,
      end,
      headline,
      publisher,
      date,
      role,
      sources: [{ via: 'file', capturedAt: now, ...(url ? { url } : {}) }],
    };
    if (row?.note) article.note = row.note;
    texts.push({ id: name, content, articles: [article] });
  }
  if (missing.length > 0) {
    throw new FolderError(`no headline, publisher or date for ${missing.length} file(s), in neither the HTML nor ${csvPath}: ${missing.join('; ')}`);
  }
  return createPack(options.manifest, texts);
}

function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
