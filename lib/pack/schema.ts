// The pack format, version 1: how a newsroom (or a reader) shares originals.
//
// A pack is one JSON document:
//
//   { "format": "yuanwen-pack", "schemaVersion": 1,
//     "manifest": { "title", "creator", "date", "description"? },
//     "texts": [ { "id", "sha256", "content",
//                  "articles": [ { "id", "start", "end", "headline", "publisher", "date", "role",
//                                  "note"?, "sources"? } ] } ] }
//
// A text is one source file exactly as captured (a seed file, a saved page's
// article text); its SHA-256 (hex, of the UTF-8 bytes) proves it arrived
// intact and identifies it across packs, so importing a pack twice adds
// nothing. An article is a range of a text (UTF-16 offsets, end exclusive),
// like an entry of seeds/manifest.json: one file may carry several articles,
// and reference offsets in reports index the text, not the article.
//
// The shape is declared once here with valibot; lib/pack/read.ts adds the
// checks a schema cannot express (hashes, ranges inside their text, unique ids).
import * as v from 'valibot';

export const PACK_FORMAT = 'yuanwen-pack';
export const PACK_SCHEMA_VERSION = 1;

/** A pack larger than this (UTF-16 units of its JSON) is refused before parsing:
 *  100,000 bulletins of ~3,000 characters with their JSON fit in about half. */
export const MAX_PACK_CHARS = 400_000_000;

const nonEmpty = (what: string, max: number) =>
  v.pipe(v.string(`${what} must be a string`), v.trim(), v.nonEmpty(`${what} is empty`), v.maxLength(max, `${what} is longer than ${max} characters`));

/** YYYY-MM-DD, a real calendar day. */
const isoDay = (what: string) => v.pipe(v.string(`${what} must be a string`), v.isoDate(`${what} must be a date YYYY-MM-DD`));

const sha256Hex = v.pipe(v.string('sha256 must be a string'), v.regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits'));

const offset = (what: string) => v.pipe(v.number(`${what} must be a number`), v.integer(`${what} must be an integer`), v.minValue(0, `${what} is negative`));

/** How a text came to be in the library: where it was found, when, and how. */
export const SourceSchema = v.object({
  /** The page it was taken from, when it came from a page. */
  url: v.optional(v.pipe(v.string(), v.url('source url is not a URL'))),
  /** Who published the copy at that address (may differ from the article's publisher). */
  publisher: v.optional(v.pipe(v.string(), v.maxLength(200))),
  /** When it was captured or added (ISO timestamp, UTC). */
  capturedAt: v.optional(v.pipe(v.string(), v.isoTimestamp('capturedAt must be an ISO timestamp'))),
  via: v.picklist(['bundled', 'capture', 'auto-capture', 'file', 'pack'], 'source via must be bundled, capture, auto-capture, file or pack'),
});

export const ArticleSchema = v.object({
  id: nonEmpty('article id', 200),
  start: offset('article start'),
  end: offset('article end'),
  headline: nonEmpty('headline', 500),
  publisher: nonEmpty('publisher', 200),
  date: isoDay('article date'),
  role: v.picklist(['reference', 'specimen'], 'article role must be reference or specimen'),
  note: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  /** Every place this article was found; the first is where it came from first. */
  sources: v.optional(v.array(SourceSchema)),
});

export const TextSchema = v.object({
  id: nonEmpty('text id', 200),
  sha256: sha256Hex,
  content: v.pipe(v.string('content must be a string'), v.nonEmpty('content is empty')),
  articles: v.pipe(v.array(ArticleSchema, 'articles must be a list'), v.nonEmpty('a text has no articles')),
});

export const ManifestSchema = v.object({
  title: nonEmpty('title', 200),
  creator: nonEmpty('creator', 200),
  /** When the pack was made: a day or a timestamp. */
  date: v.union(
    [v.pipe(v.string(), v.isoDate()), v.pipe(v.string(), v.isoTimestamp())],
    'manifest date must be YYYY-MM-DD or an ISO timestamp',
  ),
  description: v.optional(v.pipe(v.string(), v.maxLength(2000))),
});

export const PackSchema = v.object({
  format: v.literal(PACK_FORMAT, `format must be "${PACK_FORMAT}"`),
  schemaVersion: v.literal(PACK_SCHEMA_VERSION, `schemaVersion must be ${PACK_SCHEMA_VERSION}`),
  manifest: ManifestSchema,
  texts: v.array(TextSchema, 'texts must be a list'),
});

export type PackSource = v.InferOutput<typeof SourceSchema>;
export type PackArticle = v.InferOutput<typeof ArticleSchema>;
export type PackText = v.InferOutput<typeof TextSchema>;
export type PackManifest = v.InferOutput<typeof ManifestSchema>;
export type Pack = v.InferOutput<typeof PackSchema>;
export type SourceVia = PackSource['via'];
