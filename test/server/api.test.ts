// The reference service's HTTP surface against a real PostgreSQL: keys,
// malformed, oversized and unauthenticated requests, idempotent ingest of
// single references, JSON lines and packs, CORS, the rate limit, and a
// request log that holds neither text nor hashes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupHashes } from '../../lib/online/client';
import { corpusPack, serializePack } from '../../lib/pack';
import { buildService } from '../../lib/server/app';
import type { RunningService } from '../../lib/server/service';
import { LISTED_UP_TO, sha256Hex } from '../../lib/server/store';
import { bearer, http, INGEST_KEY, READ_KEY, startTestService, testCorpus } from './fixture';
import { loadCorpus } from '../../lib/corpus/node';

let service: RunningService;
let url: string;
const seed003 = loadCorpus().files['003_a7f0dd59911b8b69.txt']!;

beforeAll(async () => {
  service = await startTestService();
  url = service.url;
});
afterAll(async () => service?.close());

const oneRef = { headline: '测试通报', publisher: '测试社', date: '2021-05-06', text: '中共中央政治局常务委员会召开会议，研究部署测试工作。会议强调，要把测试工作做细做实，确保万无一失。' };

describe('keys', () => {
  it('ingest without a key is 401, with a read-only key 403, with an unknown key 401', async () => {
    expect(await http(`${url}/v1/references`, 'POST', oneRef)).toMatchObject({ status: 401, body: { error: expect.stringMatching(/API key is required/) } });
    expect(await http(`${url}/v1/references`, 'POST', oneRef, bearer(READ_KEY))).toMatchObject({ status: 403, body: { error: expect.stringMatching(/may read but not add/) } });
    expect(await http(`${url}/v1/references`, 'POST', oneRef, bearer('yw_wrong'))).toMatchObject({ status: 401, body: { error: 'unknown API key' } });
    expect(await http(`${url}/v1/candidates`, 'POST', { hashes: [1] }, bearer('yw_wrong'))).toMatchObject({ status: 401 });
  });

  it('keys are stored hashed', async () => {
    const rows = await service.pool.query<{ key_hash: Buffer }>('select key_hash from api_key');
    const stored = rows.rows.map((r) => r.key_hash.toString('hex'));
    expect(stored).not.toContain(Buffer.from(INGEST_KEY).toString('hex'));
    expect(stored).toContain(sha256Hex(INGEST_KEY));
    const all = JSON.stringify((await service.pool.query('select * from api_key')).rows);
    expect(all).not.toContain(INGEST_KEY);
  });
});

describe('bad requests get 400 or 413 with a message', () => {
  it('malformed JSON', async () => {
    const r = await http(`${url}/v1/candidates`, 'POST', '{"hashes": [1, 2', {});
    expect(r.status).toBe(400);
    expect(r.body.error).toBeTruthy();
  });

  it.each([
    [{}, /hashes/],
    [{ hashes: 'abc' }, /must be array/],
    [{ hashes: [1.5] }, /must be integer/],
    [{ hashes: [-1] }, /must be >= 0/],
    [{ hashes: [2 ** 32] }, /must be <= 4294967295/],
    [{ hashes: [1], limit: 1000 }, /limit/],
    [{ hashes: [1], text: '页面文字' }, /additional properties/],
  ])('candidates %j', async (body, message) => {
    const r = await http(`${url}/v1/candidates`, 'POST', body);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(message);
  });

  it('too many hashes is 413', async () => {
    const r = await http(`${url}/v1/candidates`, 'POST', `{"hashes":[${Array.from({ length: 200_001 }, (_, i) => i % 10).join(',')}]}`);
    expect(r.status).toBe(413);
    expect(r.body.error).toMatch(/too many hashes: 200001/);
  });

  it('a body over the limit is 413', async () => {
    const r = await http(`${url}/v1/candidates`, 'POST', `{"hashes":[${'4294967295,'.repeat(420_000)}1]}`);
    expect(r.status).toBe(413);
    expect(r.body.error).toMatch(/too large/);
  });

  it.each([
    [{ headline: '无正文', publisher: '某社', date: '2021-01-01' }, /text: missing/],
    [{ ...oneRef, date: '2021-13-01' }, /date must be YYYY-MM-DD/],
    [{ ...oneRef, text: '' }, /text is empty/],
    [{ ...oneRef, extra: 1 }, /a reference has only/],
    [{ ...oneRef, sha256: '0'.repeat(64) }, /does not match its text/],
    [{ references: [oneRef, { ...oneRef, publisher: 7 }] }, /references\.1\.publisher: publisher must be a string/],
  ])('ingest %#', async (body, message) => {
    const r = await http(`${url}/v1/references`, 'POST', body, bearer(INGEST_KEY));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(message);
  });

  it('a corrupt pack is refused whole', async () => {
    const corpus = testCorpus(3, 5).corpus;
    const pack = await corpusPack({ title: 't', creator: 'c', date: '2021-01-01' }, corpus, { via: 'pack' });
    const json = JSON.parse(serializePack(pack)) as { texts: Array<{ content: string }> };
    json.texts[json.texts.length - 1]!.content += '篡改';
    const before = await service.store.count();
    const r = await http(`${url}/v1/references`, 'POST', json, bearer(INGEST_KEY));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/^pack refused: /);
    expect((await service.pool.query<{ n: number }>('select count(*)::int as n from reference')).rows[0]!.n).toBe(before);
  });

  it('references: a malformed id is 400, an unknown one 404', async () => {
    expect((await http(`${url}/v1/references/xyz`, 'GET')).status).toBe(400);
    expect(await http(`${url}/v1/references/0123456789abcdef`, 'GET')).toMatchObject({ status: 404, body: { error: 'no reference 0123456789abcdef' } });
  });
});

describe('ingest is idempotent by SHA-256', () => {
  it('a single reference, again, and inside a batch of JSON lines: stored once', async () => {
    const first = await http(`${url}/v1/references`, 'POST', oneRef, bearer(INGEST_KEY));
    expect(first.status).toBe(200);
    const id = (first.body.added as string[])[0]!;
    expect(id).toBe(sha256Hex(oneRef.text).slice(0, 16));
    const again = await http(`${url}/v1/references`, 'POST', oneRef, bearer(INGEST_KEY));
    expect(again.body).toEqual({ added: [], existing: [id] });
    const other = { ...oneRef, headline: '另一篇', text: `${oneRef.text}另加一句。` };
    const lines = `${JSON.stringify(oneRef)}\n${JSON.stringify(other)}\n`;
    const batch = await http(`${url}/v1/references`, 'POST', lines, { ...bearer(INGEST_KEY), 'content-type': 'application/x-ndjson' });
    expect(batch.body).toEqual({ added: [sha256Hex(other.text).slice(0, 16)], existing: [id] });
    const got = await http(`${url}/v1/references/${id}`, 'GET');
    expect(got.body).toMatchObject({ id, headline: oneRef.headline, publisher: oneRef.publisher, date: oneRef.date, text: oneRef.text, sha256: sha256Hex(oneRef.text) });
  });

  it('a pack in the library format: its references once, whatever is sent again; document frequencies counted once', async () => {
    const { corpus, references } = testCorpus(20, 9);
    const pack = await corpusPack({ title: '测试包', creator: '测试', date: '2021-01-01' }, corpus, { via: 'pack' });
    const before = await service.store.count();
    const r1 = await http(`${url}/v1/references`, 'POST', serializePack(pack), bearer(INGEST_KEY));
    expect(r1.status).toBe(200);
    // The seeds' references were loaded at start: only the 20 synthetic ones are new.
    expect((r1.body.added as string[]).length).toBe(20);
    expect((r1.body.existing as string[]).length).toBe(references.length - 20);
    // Each reference's fingerprints counted once (migration 004), and listed with it while they can still rank.
    const dfSum = async () =>
      (
        await service.pool.query<{ s: string; p: string; wrong: string }>(
          `select (select sum(df) from fingerprint) as s, (select sum(cardinality(hashes)) from reference) as p,
             (select count(*) from fingerprint where cardinality(refs) <> case when df <= $1 then df else 0 end) as wrong`,
          [LISTED_UP_TO],
        )
      ).rows[0]!;
    const sums = await dfSum();
    const r2 = await http(`${url}/v1/references`, 'POST', serializePack(pack), bearer(INGEST_KEY));
    expect((r2.body.added as string[]).length).toBe(0);
    expect(await service.store.count()).toBe(before + 20);
    expect(await dfSum()).toEqual(sums);
    expect(sums.s).toBe(sums.p);
    expect(sums.wrong).toBe('0');
  });
});

describe('candidates', () => {
  it('a page verified through its hashes gets its original, with text and metadata, best first', async () => {
    const r = await http(`${url}/v1/candidates`, 'POST', { hashes: lookupHashes(seed003), limit: 3 }, bearer(READ_KEY));
    expect(r.status).toBe(200);
    const refs = r.body.references as Array<{ headline: string; publisher: string; date: string; text: string; shared: number }>;
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.length).toBeLessThanOrEqual(3);
    expect(seed003).toContain(refs[0]!.text.slice(0, 200));
    expect(refs[0]).toMatchObject({ publisher: '人民日报', date: '2020-02-03' });
    for (let i = 1; i < refs.length; i++) expect(refs[i]!.shared).toBeLessThanOrEqual(refs[i - 1]!.shared);
  });

  it('a page with no shared text gets no references', async () => {
    const r = await http(`${url}/v1/candidates`, 'POST', { hashes: lookupHashes('这是一段与任何通报都无关的文字，讲的是天气和花草。') });
    expect(r.body.references).toEqual([]);
  });
});

describe('CORS only for extension origins', () => {
  it.each(['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0b7d5c3a-1111-2222-3333-444455556666'])('%s may read', async (origin) => {
    const pre = await fetch(`${url}/v1/candidates`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
    const r = await http(`${url}/v1/candidates`, 'POST', { hashes: [1] }, { origin });
    expect(r.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it.each(['https://evil.example', 'http://127.0.0.1:8080', 'null'])('%s may not', async (origin) => {
    const pre = await fetch(`${url}/v1/candidates`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const r = await http(`${url}/v1/candidates`, 'POST', { hashes: [1] }, { origin });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('a second service on the same database, with a rate limit of 3 a minute and a request log', () => {
  let log = '';
  let other: Awaited<ReturnType<typeof buildService>>;
  let otherUrl = '';
  beforeAll(async () => {
    other = await buildService({ store: service.store, pool: service.pool, readAccess: 'key', ratePerMinute: 3, extensionOrigins: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop'], log: { write: (line) => void (log += line) } });
    otherUrl = await other.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => other?.close());

  it('reads need a key when so configured', async () => {
    expect(await http(`${otherUrl}/v1/candidates`, 'POST', { hashes: [1] })).toMatchObject({ status: 401, body: { error: expect.stringMatching(/API key is required/) } });
  });

  it('the fourth request of a key in a minute is 429; another key is counted apart', async () => {
    const hashes = lookupHashes(seed003);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await http(`${otherUrl}/v1/candidates`, 'POST', { hashes }, bearer(READ_KEY))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await http(`${otherUrl}/v1/candidates`, 'POST', { hashes }, bearer(READ_KEY));
    expect(limited.body.error).toMatch(/rate limit: at most 3 requests per minute/);
    expect((await http(`${otherUrl}/v1/candidates`, 'POST', { hashes }, bearer(INGEST_KEY))).status).toBe(200);
  });

  it('only an allowed extension id gets CORS when a list is configured', async () => {
    const r = await fetch(`${otherUrl}/v1/candidates`, { method: 'OPTIONS', headers: { origin: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', 'access-control-request-method': 'POST' } });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the request log holds routes and statuses, never text or hashes', async () => {
    await http(`${otherUrl}/v1/references`, 'POST', { ...oneRef, text: '日志里绝不能出现这句话。中共中央召开会议研究部署。' }, bearer(INGEST_KEY));
    const hashes = lookupHashes(seed003);
    expect(log).toMatch(/"route":"\/v1\/candidates"/);
    expect(log).toMatch(/"statusCode":429/);
    expect(log).not.toMatch(/日志里绝不能出现/);
    expect(log).not.toMatch(/[\u4e00-\u9fff]/);
    for (const h of hashes.slice(0, 50)) expect(log).not.toContain(String(h));
  });
});
