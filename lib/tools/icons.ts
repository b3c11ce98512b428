// Renders public/icon/icon.svg to the PNG sizes the manifest names
// (public/icon/<size>.png) with the same Chromium the e2e tests use:
// `npm run icons`. The PNGs are committed; re-run after editing the SVG.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/icon');
const sizes = [16, 32, 48, 96, 128];

const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu', '--no-sandbox'] });
try {
  for (const size of sizes) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(join(dir, `${size}.png`), png);
    console.log(`${join(dir, `${size}.png`)} (${png.length} bytes)`);
    await page.close();
  }
} finally {
  await browser.close();
}
