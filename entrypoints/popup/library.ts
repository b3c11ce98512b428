// The popup's calls about the reader's library: the capture panel's messages,
// where matched references came from, and the texts of library references
// (read straight from IndexedDB, which extension pages share with the worker).
import { browser } from 'wxt/browser';
import { openLibraryDb } from '../../lib/library/db';
import type { AddResponse, DraftResponse, LibraryRequest, OriginsResponse } from '../../lib/library/protocol';

const send = <T>(msg: LibraryRequest): Promise<T> => browser.runtime.sendMessage(msg) as Promise<T>;

export const extractDraft = (tabId: number) => send<DraftResponse>({ type: 'library/draft', tabId });

export const saveDraft = (d: { text: string; headline: string; publisher: string; date: string; url: string }) =>
  send<AddResponse>({
    type: 'library/add',
    draft: { text: d.text, headline: d.headline, publisher: d.publisher, date: d.date, source: { via: 'capture', ...(d.url ? { url: d.url } : {}), capturedAt: new Date().toISOString() } },
  });

export const fetchOrigins = (ids: string[]) => send<OriginsResponse>({ type: 'library/origins', ids });

/** Texts of library references by file name (the names reports give them). */
export async function libraryFiles(files: readonly string[]): Promise<Record<string, string>> {
  if (files.length === 0 || typeof indexedDB === 'undefined') return {};
  const db = await openLibraryDb();
  try {
    const out: Record<string, string> = {};
    for (const f of files) {
      const t = await db.getFromIndex('texts', 'file', f);
      if (t) out[f] = t.content;
    }
    return out;
  } finally {
    db.close();
  }
}

/** Starts loading the bundled seed texts' chunk (loaded once: later calls share it). */
export const preloadReferenceTexts = () => import('../../lib/corpus/bundled');

/**
 * Texts of the matched references by file name: bundled seeds first, then the
 * reader's library. The seed texts are a chunk of their own, loaded only here,
 * after the report arrived, so the first render never waits for them.
 */
export async function referenceTexts(files: readonly string[]): Promise<Record<string, string>> {
  const { bundledCorpus } = await preloadReferenceTexts();
  const out: Record<string, string> = {};
  const missing: string[] = [];
  for (const f of files) {
    const text = bundledCorpus.files[f];
    if (text !== undefined) out[f] = text;
    else missing.push(f);
  }
  // A library that cannot be read leaves its references missing (the view says so), not the bundled ones.
  const lib = await libraryFiles(missing).catch(() => ({}));
  return { ...out, ...lib };
}

export const captureRequested = (search: string) => new URLSearchParams(search).get('capture') === '1';
