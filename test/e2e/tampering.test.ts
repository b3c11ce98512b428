// Issue 11, tampering: the page rewrites or hides what Yuanwen shows, and
// presses its buttons. The banner's root is closed, the banner sits in the top
// layer, the host and the highlights are checked and put back, the buttons act
// on real clicks only, and the background rate-limits comparison tabs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, bannerState, clickUi, diagnostics, waitForBanner } from './harness';
import { uiTamperPage } from './pages';

let h: Harness;

beforeAll(async () => {
  h = await new Harness({ '/tamper.html': uiTamperPage() }).start();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

const popups = () => h.context.pages().filter((p) => p.url().includes('/popup.html')).length;

describe('a page that tampers with the banner and the highlights', () => {
  it('cannot read, rewrite, hide or cover the banner, nor clear or hide the highlights, nor press the button', async () => {
    const page = await h.open('/tamper.html');
    await waitForBanner(page);
    // Let the page's attack run all its rounds, then the guard's next check.
    await page.waitForFunction(() => (window as unknown as { __attack: { rounds: number } }).__attack.rounds > 8, undefined, { timeout: 10_000 });
    await page.waitForTimeout(1500);
    const attack = await page.evaluate(() => (window as unknown as { __attack: Record<string, unknown> }).__attack);
    expect(attack).toMatchObject({ shadowSeen: false, rewrote: false, clicked: 0 });
    const b = (await bannerState(page))!;
    expect(b).not.toBeNull();
    expect(b.tone).toBe('scrambled');
    expect(b.text).toContain('意思被扭曲');
    expect(b.text).not.toContain('文字一致');
    expect(b.display).toBe('block');
    expect(b.onTop).toBe(true);
    // highlights back in the registry, under names the page's CSS does not know
    const hl = await page.evaluate(() => {
      const h = __ywHighlight('yuanwen-distorting');
      return { texts: h ? [...h].map((r) => __ywRangeText(r)) : [], pageRuleName: CSS.highlights.has('yuanwen-distorting') };
    });
    expect(hl.texts).toEqual(['玩忽']);
    expect(hl.pageRuleName).toBe(false);
    const d = await diagnostics(page);
    expect(d.highlightsRepaired).toBeGreaterThan(0);
    expect(popups()).toBe(0);
    await h.screenshot(page, 'attack-tamper');
    // A reader's real clicks, five in a row: one comparison tab.
    for (let i = 0; i < 5; i++) await clickUi(page, 'button.open');
    await expect.poll(popups, { timeout: 10_000 }).toBe(1);
    await page.waitForTimeout(500);
    expect(popups()).toBe(1);
    await page.close();
  });
});
