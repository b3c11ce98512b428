// Reading a pack: parse, validate the shape with the schema, then check what a
// schema cannot (each text hashes to its sha256, each article lies inside its
// text, ids are unique). The result is the whole pack or one problem: a caller
// never sees a partly valid pack, so an import is all or nothing.
import * as v from 'valibot';
import { sha256Hex } from './hash';
import type { PackProblem } from './problems';
import { MAX_PACK_CHARS, PACK_FORMAT, PACK_SCHEMA_VERSION, PackSchema, type Pack } from './schema';

export type PackResult = { ok: true; pack: Pack } | { ok: false; problem: PackProblem };

/** Reads a pack from its JSON text (a UTF-8 byte-order mark is ignored). */
export async function readPack(json: string): Promise<PackResult> {
  if (json.length > MAX_PACK_CHARS) return fail({ kind: 'too-large', chars: json.length, max: MAX_PACK_CHARS });
  const text = json.charCodeAt(0) === 0xfeff ? json.slice(1) : json;
  if (text.trim() === '') return fail({ kind: 'empty' });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail({ kind: 'not-json', detail: e instanceof Error ? e.message : String(e) });
  }
  return validatePack(data);
}

/** Validates an already parsed value as a pack. */
export async function validatePack(data: unknown): Promise<PackResult> {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { format?: unknown }).format !== PACK_FORMAT) {
    return fail({ kind: 'not-a-pack' });
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== PACK_SCHEMA_VERSION) return fail({ kind: 'unsupported-version', version: JSON.stringify(version) ?? 'missing' });
  const parsed = v.safeParse(PackSchema, data, { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue) ?? '';
    // valibot words a missing key as "Invalid key: Expected …": say it plainly.
    const detail = issue.input === undefined && issue.kind === 'schema' ? `${path.slice(path.lastIndexOf('.') + 1) || 'a field'} is missing` : issue.message;
    return fail({ kind: 'invalid', path, detail });
  }
  const pack = parsed.output;
  // Hashes first: a truncated or altered text is corruption, whatever else it breaks.
  for (const t of pack.texts) {
    if ((await sha256Hex(t.content)) !== t.sha256) return fail({ kind: 'hash-mismatch', textId: t.id });
  }
  const textIds = new Set<string>();
  const articleIds = new Set<string>();
  for (const t of pack.texts) {
    if (textIds.has(t.id)) return fail({ kind: 'duplicate-id', what: 'text', id: t.id });
    textIds.add(t.id);
    for (const a of t.articles) {
      if (articleIds.has(a.id)) return fail({ kind: 'duplicate-id', what: 'article', id: a.id });
      articleIds.add(a.id);
      if (!(a.start < a.end && a.end <= t.content.length)) {
        return fail({ kind: 'article-range', textId: t.id, articleId: a.id, start: a.start, end: a.end, length: t.content.length });
      }
    }
  }
  return { ok: true, pack };
}

function fail(problem: PackProblem): PackResult {
  return { ok: false, problem };
}
