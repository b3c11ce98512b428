// The extension's online lookup client (lib/online/lookup.ts) against a real
// service: off by default, answers cached per page, a quiet fallback to the
// bundled corpus when the service cannot be reached; and the setting's parser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../lib/corpus/node';
import { buildIndex, bundledLexicon, verify } from '../../lib/engine';
import { OnlineLookupClient } from '../../lib/online/lookup';
import { freePort } from '../../lib/server/cluster';
import type { RunningService } from '../../lib/server/service';
import { defaultSettings, parseSettings } from '../../lib/settings';
import { startTestService } from './fixture';

const corpus = loadCorpus();
const local = buildIndex(corpus);
const page = corpus.files['002_4ec4b0ae00f95d62.txt']!;
let service: RunningService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => service?.close());

describe('the online lookup setting', () => {
  it('is off by default', () => {
    expect(defaultSettings.online).toEqual({ enabled: false, serverUrl: '', key: '' });
    expect(parseSettings(undefined).online.enabled).toBe(false);
  });

  it('keeps a valid server, refuses other schemes, and is never on without a server', () => {
    expect(parseSettings({ online: { enabled: true, serverUrl: 'https://refs.example.org', key: 'k' } }).online).toEqual({ enabled: true, serverUrl: 'https://refs.example.org', key: 'k' });
    expect(parseSettings({ online: { enabled: true, serverUrl: 'javascript:alert(1)' } }).online).toEqual({ enabled: false, serverUrl: '', key: '' });
    expect(parseSettings({ online: { enabled: true, serverUrl: '' } }).online.enabled).toBe(false);
    expect(parseSettings({ online: 'garbage' }).online).toEqual(defaultSettings.online);
  });
});

describe('OnlineLookupClient', () => {
  it('off: the local corpus, no request', async () => {
    const client = new OnlineLookupClient(bundledLexicon());
    const r = await client.verify(page, { enabled: false, serverUrl: service.url, key: '' }, () => verify(page, local), 'default');
    expect(r.source).toEqual({ kind: 'local' });
    expect(client.requests).toBe(0);
    expect(r.report).toEqual(verify(page, local));
  });

  it('on: the service answers, the same verdict and counts as the local engine; a second check of the page is served from the cache', async () => {
    const client = new OnlineLookupClient(bundledLexicon());
    const online = { enabled: true, serverUrl: service.url, key: '' };
    const a = await client.verify(page, online, () => verify(page, local), 'default');
    expect(a.source).toMatchObject({ kind: 'online', server: service.url });
    expect(a.report.verdict).toBe(verify(page, local).verdict);
    expect(a.report.counts).toEqual(verify(page, local).counts);
    const b = await client.verify(page, online, () => verify(page, local), 'default');
    expect(b.report).toEqual(a.report);
    expect(client.requests).toBe(1);
    const other = corpus.files['003_a7f0dd59911b8b69.txt']!;
    await client.verify(other, online, () => verify(other, local), 'default');
    expect(client.requests).toBe(2);
  });

  it('unreachable: falls back to the local corpus and says why', async () => {
    const client = new OnlineLookupClient(bundledLexicon());
    const dead = `http://127.0.0.1:${await freePort()}`;
    const r = await client.verify(page, { enabled: true, serverUrl: dead, key: '' }, () => verify(page, local), 'default');
    expect(r.source).toMatchObject({ kind: 'fallback', server: dead, reason: expect.stringMatching(/unreachable/) });
    expect(r.report).toEqual(verify(page, local));
  });
});
