// Issue 11, silencing by framing: a bulletin inside a cross-origin iframe is
// verified by the frame's own content script, with marks and banner inside the
// frame (the top frame cannot read that document). In real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './harness';
import { buildPage, crossOriginFramePage } from './pages';

let h: Harness;

beforeAll(async () => {
  h = await new Harness({ '/outer.html': crossOriginFramePage(), '/inner.html': buildPage('edited') }).start();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('cross-origin iframe', () => {
  it('the framed bulletin is verified and marked inside the frame', async () => {
    const page = await h.open('/outer.html');
    await expect.poll(() => page.frames().find((f) => f.url().startsWith('http://localhost:')) !== undefined, { timeout: 10_000 }).toBe(true);
    const frame = page.frames().find((f) => f.url().startsWith('http://localhost:'))!;
    await frame.waitForFunction(() => (__ywHighlight('yuanwen-distorting')?.size ?? 0) > 0, undefined, { timeout: 20_000 });
    const marked = await frame.evaluate(() => [...(__ywHighlight('yuanwen-distorting') ?? [])].map((r) => __ywRangeText(r)));
    expect(marked).toEqual(['玩忽']);
    expect(await frame.evaluate(() => document.querySelectorAll('yuanwen-ui').length)).toBe(1);
    await h.screenshot(page, 'attack-cross-origin-frame');
    await page.close();
  });
});
