// The option "online lookup" in real Chromium with a real reference service
// (PostgreSQL, npm run serve's code): requests go only to the configured
// server and carry fingerprints, never page text; an unreachable server means
// a quiet fallback to the bundled corpus. With the option off (the default)
// extension.test.ts proves that no request leaves at all.
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../lib/server/cluster';
import type { RunningService } from '../../lib/server/service';
import { defaultSettings } from '../../lib/settings';
import { startTestService } from '../server/fixture';
import { Harness, waitForBanner } from './harness';
import { buildPage } from './pages';

let h: Harness;
let service: RunningService;
const sent: Array<{ url: string; method: string; body: string; fromWorker: boolean }> = [];
const farm = buildPage('farm');

beforeAll(async () => {
  service = await startTestService();
  h = await new Harness({ '/farm.html': farm, '/farm2.html': farm }).start();
  h.context.on('request', (r: Request) => sent.push({ url: r.url(), method: r.method(), body: r.postData() ?? '', fromWorker: r.serviceWorker() !== null }));
}, 120_000);
afterAll(async () => {
  await h?.stop();
  await service?.close();
});

const toService = () => sent.filter((r) => r.url.startsWith(service.url));

describe('online lookup on', () => {
  it('the page is checked through the configured server: only fingerprints go out, and only to it', async () => {
    await h.setSettings({ ...defaultSettings, online: { enabled: true, serverUrl: service.url, key: '' } });
    const page = await h.open('/farm.html');
    expect(await waitForBanner(page)).toMatch(/被机器改写过/);
    const lookups = toService().filter((r) => r.method === 'POST');
    expect(lookups.length).toBeGreaterThanOrEqual(1);
    for (const r of lookups) {
      expect(r.fromWorker).toBe(true);
      expect(new URL(r.url).pathname).toBe('/v1/candidates');
      const body = JSON.parse(r.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['hashes', 'limit']);
      expect((body.hashes as unknown[]).every((x) => Number.isInteger(x))).toBe(true);
      // No Han character, no piece of the page in any form.
      expect(r.body).not.toMatch(/[\u3400-\u9fff]/);
    }
    // Everything else stays on the test pages' origin and inside the extension.
    const elsewhere = sent.filter((r) => !r.url.startsWith(service.url) && !r.url.startsWith(h.origin) && !/^(chrome-extension|data|blob|about):/.test(r.url));
    expect(elsewhere).toEqual([]);
    await h.screenshot(page, 'online-lookup-farm');
    await page.close();
  });

  it('the same page again is answered from the cache', async () => {
    const before = toService().filter((r) => r.method === 'POST').length;
    const page = await h.open('/farm2.html');
    expect(await waitForBanner(page)).toMatch(/被机器改写过/);
    expect(toService().filter((r) => r.method === 'POST').length).toBe(before);
    await page.close();
  });

  it('the options page shows the option with the server filled in', async () => {
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    const server = options.locator('input[name="online-server"]');
    await expect.poll(() => server.inputValue()).toBe(service.url);
    expect(await options.locator('input[name="online-enabled"]').isChecked()).toBe(true);
    await options.locator('input[name="online-server"]').scrollIntoViewIfNeeded();
    await h.screenshot(options, 'online-lookup-options');
    await options.close();
  });
});

describe('online lookup on, server unreachable', () => {
  it('falls back to the bundled corpus: the same banner, and a quiet note in the button title', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    await h.setSettings({ ...defaultSettings, online: { enabled: true, serverUrl: dead, key: '' } });
    const page = await h.open('/farm.html');
    expect(await waitForBanner(page)).toMatch(/被机器改写过/);
    const tabId = await h.tabId(page);
    await expect.poll(async () => (await h.badge(tabId)).title, { timeout: 10_000 }).toMatch(/参考库服务器无法连接/);
    await page.close();
  });
});
