// Messages about the reader's library, declared once and validated with
// valibot where they arrive (anything may arrive at a listener).
import * as v from 'valibot';
import type { ArticleDraft } from '../capture/article';
import type { AddOutcome, LibraryChange } from './library';

import { MAX_PAGE_HTML } from './capture-settings';

const SourceSchema = v.object({
  url: v.optional(v.string()),
  publisher: v.optional(v.string()),
  capturedAt: v.optional(v.string()),
  via: v.picklist(['bundled', 'capture', 'auto-capture', 'file', 'pack']),
});

const DraftSchema = v.object({
  text: v.pipe(v.string(), v.nonEmpty()),
  headline: v.pipe(v.string(), v.trim(), v.nonEmpty()),
  publisher: v.pipe(v.string(), v.trim(), v.nonEmpty()),
  date: v.pipe(v.string(), v.isoDate()),
  source: SourceSchema,
});

/** A draft the content script extracted from its page (lib/capture/article.ts ArticleDraft). */
const PageDraftSchema = v.object({
  headline: v.pipe(v.string(), v.maxLength(1000)),
  publisher: v.pipe(v.string(), v.maxLength(1000)),
  date: v.pipe(v.string(), v.maxLength(10)),
  url: v.pipe(v.string(), v.maxLength(4096)),
  text: v.pipe(v.string(), v.nonEmpty(), v.maxLength(MAX_PAGE_HTML)),
  extractor: v.picklist(['readability', 'whole-page']),
});

export const PageDraftResponseSchema = v.variant('kind', [v.object({ kind: v.literal('article'), draft: PageDraftSchema }), v.object({ kind: v.literal('not-an-article') })]);

const ChangeSchema = v.object({
  added: v.array(v.number()),
  removed: v.array(v.object({ doc: v.number(), spun: v.array(v.string()) })),
  compacted: v.boolean(),
});

export const LibraryRequestSchema = v.variant('type', [
  /** Popup -> background: the article of a tab, for the reader to check before saving. */
  v.object({ type: v.literal('library/draft'), tabId: v.number() }),
  /** Popup -> background: save this (corrected) article as an original. */
  v.object({ type: v.literal('library/add'), draft: DraftSchema }),
  /** Content script -> background: an article page on a trusted origin was opened (auto-capture is on). */
  v.object({ type: v.literal('library/auto'), draft: PageDraftSchema }),
  /** Options page -> background: it changed the library; follow it. */
  v.object({ type: v.literal('library/changed'), change: ChangeSchema }),
  /** Popup -> background: where these references came from. */
  v.object({ type: v.literal('library/origins'), ids: v.array(v.string()) }),
]);

export type LibraryRequest = v.InferOutput<typeof LibraryRequestSchema>;

export function parseLibraryRequest(msg: unknown): LibraryRequest | undefined {
  const r = v.safeParse(LibraryRequestSchema, msg);
  return r.success ? r.output : undefined;
}

export type DraftResponse = { ok: true; draft: ArticleDraft } | { ok: false; error: 'no-page' | 'not-an-article' };
export type AddResponse = { ok: true; outcome: AddOutcome } | { ok: false; error: 'storage-full' | 'invalid' | 'failed'; message: string };
export type AutoResponse = { ok: true; outcome: AddOutcome } | { ok: false; error: 'off' | 'untrusted' | 'not-an-article' | 'storage-full' | 'failed' };

/** Where a matched reference came from, for the popup. */
export type ReferenceOrigin =
  | { kind: 'bundled' }
  | { kind: 'library'; sources: Array<{ url?: string; via: string; capturedAt?: string }> }
  | { kind: 'unknown' };
export type OriginsResponse = Record<string, ReferenceOrigin>;

export type { LibraryChange };

/** Background -> content script: the page's live DOM, serialized. */
/** Background -> content script: extract this page's article (Readability over a copy of the live DOM). */
export interface PageDraftRequest {
  type: 'library/pageDraft';
}
export type PageDraftResponse = v.InferOutput<typeof PageDraftResponseSchema>;

export function parsePageDraft(msg: unknown): PageDraftResponse | undefined {
  const r = v.safeParse(PageDraftResponseSchema, msg);
  return r.success ? r.output : undefined;
}
