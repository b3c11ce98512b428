// What POST /v1/references accepts, validated with valibot:
//   - one reference:   { headline, publisher, date, text, sourceUrl?, sha256? }
//   - a batch:         { references: [ reference, ... ] }  (JSON lines arrive as this, see app.ts)
//   - a pack:          the library's pack format (lib/pack, format "yuanwen-pack"):
//                      every article of role "reference" becomes one reference.
// A stored reference is one article; its SHA-256 (of the article text's UTF-8
// bytes) is its identity, so a pack and the same articles sent one by one
// store each article once.
import * as v from 'valibot';
import { PACK_FORMAT, describePackProblem, validatePack } from '../pack';
import { IngestError, type ReferenceInput } from './store';

const text = (what: string, max: number) => v.pipe(v.string(`${what} must be a string`), v.trim(), v.nonEmpty(`${what} is empty`), v.maxLength(max, `${what} is longer than ${max} characters`));

export const ReferenceSchema = v.strictObject(
  {
    headline: text('headline', 500),
    publisher: text('publisher', 200),
    date: v.pipe(v.string('date must be a string'), v.isoDate('date must be YYYY-MM-DD')),
    text: v.pipe(v.string('text must be a string'), v.nonEmpty('text is empty'), v.maxLength(2_000_000, 'text is longer than 2,000,000 characters')),
    sourceUrl: v.optional(v.pipe(v.string(), v.url('sourceUrl is not a URL'))),
    sha256: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits'))),
  },
  'a reference has only headline, publisher, date, text, sourceUrl and sha256',
);

const BatchSchema = v.strictObject({ references: v.pipe(v.array(ReferenceSchema, 'references must be a list'), v.maxLength(100_000, 'at most 100,000 references per request')) });

/** Fastify's own check: a JSON object; the shape is checked by parseIngestBody. */
export const ingestBodySchema = { type: 'object' };

/** The references a request body carries, or an IngestError that says what is wrong. */
export async function parseIngestBody(body: unknown): Promise<ReferenceInput[]> {
  if (typeof body === 'object' && body !== null && (body as { format?: unknown }).format === PACK_FORMAT) {
    const result = await validatePack(body);
    if (!result.ok) throw new IngestError(`pack refused: ${describePackProblem(result.problem)}`);
    const refs: ReferenceInput[] = [];
    for (const t of result.pack.texts) {
      for (const a of t.articles) {
        if (a.role !== 'reference') continue;
        const url = a.sources?.find((s) => s.url)?.url;
        refs.push({ headline: a.headline, publisher: a.publisher, date: a.date, text: t.content.slice(a.start, a.end), ...(url ? { sourceUrl: url } : {}) });
      }
    }
    return refs;
  }
  const isBatch = typeof body === 'object' && body !== null && 'references' in body;
  const parsed = v.safeParse(isBatch ? BatchSchema : ReferenceSchema, body, { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue);
    throw new IngestError(`${path ? `${path}: ` : ''}${issue.input === undefined && issue.kind === 'schema' ? 'missing' : issue.message}`);
  }
  return 'references' in parsed.output ? parsed.output.references : [parsed.output];
}
