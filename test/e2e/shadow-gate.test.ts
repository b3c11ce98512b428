// Issue 11, silencing through the gate: a page whose only Han text sits inside
// shadow roots (open, closed, or nested), with English in the light DOM and
// the title, no iframe. The cheap gate (documentElement.textContent) does not
// see shadow roots, so the page used to be never looked at. In real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, waitForBanner } from './harness';
import { editedText, paragraphs } from './pages';

let h: Harness;

/** English everywhere a textContent scan looks; the edited bulletin attached by script into shadow roots. */
function shadowOnlyPage(script: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>World news digest</title><link rel="icon" href="data:,"></head>
<body><header>World news digest</header><main><p>Today's reposted article:</p><div id="host"></div></main><footer>About us</footer>
<script>(function () { var html = ${asciiJs(paragraphs(editedText()))}; ${script} })();</script></body></html>`;
}

/** A JavaScript string literal in ASCII only (\\uXXXX escapes): the script's own text holds no Han for textContent to find. */
function asciiJs(s: string): string {
  return JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

beforeAll(async () => {
  h = await new Harness({
    '/closed.html': shadowOnlyPage(`document.getElementById('host').attachShadow({ mode: 'closed' }).innerHTML = html;`),
    '/open.html': shadowOnlyPage(`document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = html;`),
    // A custom element whose closed root holds another element with an open root, which holds the text.
    '/nested.html': shadowOnlyPage(`
      customElements.define('news-card', class extends HTMLElement {});
      var card = document.createElement('news-card');
      document.getElementById('host').appendChild(card);
      var outer = card.attachShadow({ mode: 'closed' });
      var inner = document.createElement('section');
      outer.appendChild(inner);
      inner.attachShadow({ mode: 'open' }).innerHTML = html;`),
  }).start();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('Han text only in shadow roots', () => {
  for (const [path, label] of [
    ['/closed.html', 'a closed root'],
    ['/open.html', 'an open root'],
    ['/nested.html', 'an open root nested in a closed one'],
  ] as const) {
    it(`is verified when it sits in ${label}: banner and badge`, async () => {
      const page = await h.open(path);
      // The light DOM really has no Han text: the cheap gate alone would stop here.
      expect(await page.evaluate(() => /[\u3400-\u9fff]/.test(document.documentElement.textContent ?? ''))).toBe(false);
      const banner = await waitForBanner(page);
      expect(banner).toContain('意思被扭曲');
      const tabId = await h.tabId(page);
      await expect.poll(async () => (await h.badge(tabId)).text, { timeout: 10_000 }).toMatch(/^\d+$/);
      await page.close();
    }, 60_000);
  }
});
