// The README's picture: the banner on the seed-002 farm page, the popup and
// the side panel, side by side, scaled down into one small PNG:
//   npx tsx test/e2e/readme-picture.ts   (writes test/e2e/pictures/ui.png)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Harness, screenshotDir, waitForBanner } from './harness';
import { buildPage, repoRoot } from './pages';

const h = await new Harness({ '/farm.html': buildPage('farm') }).start();
try {
  const page = await h.open('/farm.html');
  await waitForBanner(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(screenshotDir, 'readme-page.png'), clip: { x: 640, y: 380, width: 640, height: 480 } });
  const tabId = await h.tabId(page);
  for (const [name, url, width] of [['popup', `popup.html?tab=${tabId}&as=popup`, 600], ['sidepanel', `sidepanel.html?tab=${tabId}`, 400]] as const) {
    const p = await h.context.newPage();
    await p.setViewportSize({ width, height: 600 });
    await p.goto(`chrome-extension://${h.extensionId}/${url}`);
    await p.waitForSelector('.yw-sbs mark[data-finding]', { timeout: 15_000 });
    if (name === 'sidepanel') await p.keyboard.press('n');
    await p.waitForTimeout(300);
    await p.screenshot({ path: join(screenshotDir, `readme-${name}.png`) });
    await p.close();
  }
} finally {
  await h.stop();
}

const img = (n: string) => `data:image/png;base64,${readFileSync(join(screenshotDir, `readme-${n}.png`)).toString('base64')}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu', '--no-sandbox'] });
try {
  const p = await browser.newPage({ viewport: { width: 1100, height: 330 }, deviceScaleFactor: 1 });
  await p.setContent(`<body style="margin:0;background:#e5e7eb;display:flex;gap:10px;padding:10px;align-items:flex-start">
    <img src="${img('page')}" style="width:400px;border:1px solid #9ca3af">
    <img src="${img('popup')}" style="width:310px;border:1px solid #9ca3af">
    <img src="${img('sidepanel')}" style="width:206px;border:1px solid #9ca3af"></body>`);
  const out = join(repoRoot, 'test/e2e/pictures/ui.png');
  writeFileSync(out, await p.screenshot({ fullPage: true }));
  console.log(`${out} (${readFileSync(out).length} bytes)`);
} finally {
  await browser.close();
}
