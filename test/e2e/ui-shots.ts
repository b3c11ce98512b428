// Screenshots of every screen of the reader's interface, in Chinese and
// English: `npx tsx test/e2e/ui-shots.ts [zh|en|tw]`. Writes
// test/e2e/screenshots/ui-*.png (git-ignored) and prints each path.
import { Harness, waitForBanner } from './harness';
import { buildPage, falseGreenPages, type PageName } from './pages';

const lang = process.argv[2] === 'en' ? 'en' : process.argv[2] === 'tw' ? 'tw' : 'zh';
const pages: PageName[] = ['farm', 'edited', 'traditional', 'dark', 'faithful'];

async function main(): Promise<void> {
  const routes: Record<string, string> = {};
  for (const p of pages) routes[`/${p}.html`] = buildPage(p);
  // A faithful text whose page adds a digit by CSS: the rendering finding (渲染文字与源文字不一致), never green.
  routes['/generatedDigit.html'] = falseGreenPages.generatedDigit!();
  const h = await new Harness(routes).start({ locale: lang });
  const shot = async (page: import('playwright-core').Page, name: string) => console.log(await h.screenshot(page, `ui-${lang}-${name}`));
  for (const p of [...pages, 'generatedDigit'] as const) {
    const page = await h.open(`/${p}.html`);
    await waitForBanner(page).catch(() => undefined);
    await page.waitForTimeout(300);
    await shot(page, `page-${p}`);
    const tabId = await h.tabId(page);
    for (const width of p === 'farm' ? [360, 400, 600, 800] : [600]) {
      const popup = await h.context.newPage();
      await popup.setViewportSize({ width, height: 600 });
      await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tab=${tabId}&as=popup`);
      await popup.waitForSelector('.yw-verdict, .yw-empty', { timeout: 15_000 }).catch(() => undefined);
      // The side-by-side renders after the verdict and the list (a deferred render): shoot once it is on screen.
      await popup
        .waitForFunction(() => performance.getEntriesByName('yuanwen:view:complete').length > 0 || !document.querySelector('.yw-panes'), undefined, { timeout: 15_000 })
        .catch(() => undefined);
      await popup.waitForTimeout(200);
      await shot(popup, `popup-${p}-${width}`);
      if (p === 'farm' && width === 600) {
        await popup.keyboard.press('n');
        await popup.waitForTimeout(150);
        await shot(popup, `popup-${p}-next`);
        await popup.click('.yw-filter button[data-kind="spin"]');
        await popup.waitForTimeout(150);
        await shot(popup, `popup-${p}-filter-spin`);
      }
      await popup.close();
    }
    await page.close();
  }
  await h.stop();
}

await main();
