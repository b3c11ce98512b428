// Issue 11, fingerprinting: with the release build, a page cannot tell that
// Yuanwen is installed: no yuanwen:* performance marks, no diagnostics event,
// no WXT announcement; on a page without Han text nothing at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, bannerNow, waitForBanner } from './harness';
import { buildPage, englishSnoopPage } from './pages';

let h: Harness;

beforeAll(async () => {
  h = await new Harness({ '/snoop.html': englishSnoopPage(), '/edited.html': buildPage('edited') }).start({ build: 'production' });
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

/** Everything a page script can look at for a sign of Yuanwen. */
async function traces(page: Page): Promise<{ marks: string[]; diag: string | undefined; seen: string[]; hosts: number; highlights: number }> {
  return page.evaluate(() => {
    document.dispatchEvent(new Event('yuanwen:diagnose'));
    return {
      marks: performance.getEntries().map((e) => e.name).filter((n) => n.includes('yuanwen')),
      diag: document.documentElement.dataset.yuanwenDiag,
      seen: (window as unknown as { __seen?: string[] }).__seen ?? [],
      hosts: document.querySelectorAll('yuanwen-ui').length,
      highlights: CSS.highlights.size,
    };
  });
}

describe('release build', () => {
  it('a page without Han text finds no trace of Yuanwen', async () => {
    const page = await h.open(`/snoop.html?id=${h.extensionId}`);
    await page.waitForTimeout(1500);
    expect(await traces(page)).toEqual({ marks: [], diag: undefined, seen: [], hosts: 0, highlights: 0 });
    await page.close();
  });

  it('on a bulletin page it works (banner shown) without diagnostics', async () => {
    const page = await h.open('/edited.html');
    await waitForBanner(page);
    expect(await bannerNow(page)).toContain('意思被扭曲');
    const t = await traces(page);
    expect(t.marks).toEqual([]);
    expect(t.diag).toBeUndefined();
    await page.close();
  });
});
