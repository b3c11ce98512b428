// Issue 11, no warning at all: junk padding. About 100 junk characters after
// each edited sentence used to split the match, and the date change, the
// distorting swap and the inserted sentence vanished from banner and marks.
// The repost is matched through the junk. The variant whose junk sits in a
// span hidden by layout (font-size 0) is dropped by extraction before
// matching. In real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, highlightTexts, waitForBanner, waitForRuns } from './harness';
import { edits, escapeHtml, faithfulText, farmPage, filler, rng } from './pages';

/** Seed 003's body with each edit of pages.ts `edits` followed by 100 junk characters, wrapped by `wrap`. */
function paddedPage(title: string, wrap: (junk: string) => string): string {
  let text = escapeHtml(faithfulText());
  let n = 0;
  for (const e of Object.values(edits)) text = text.replace(escapeHtml(e.from), escapeHtml(e.to) + wrap(escapeHtml(filler(100, rng(11 + n++)))));
  const body = text
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => `<p>${l}</p>`)
    .join('\n');
  return farmPage({ title, body });
}

let h: Harness;

beforeAll(async () => {
  h = await new Harness({
    '/junk.html': paddedPage('垃圾字符填充的改稿', (junk) => junk),
    '/junk-hidden.html': paddedPage('隐形垃圾字符填充的改稿', (junk) => `<span style="font-size:0">${junk}</span>`),
  }).start();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('no warning at all: junk padding', () => {
  for (const name of ['junk', 'junk-hidden']) {
    it(`${name}: the date change, the distorting swap and the negation after the junk are all marked`, async () => {
      const page = await h.open(`/${name}.html`);
      await waitForRuns(page, 1);
      const text = await waitForBanner(page);
      expect(text).toContain('意思被扭曲');
      const hl = await highlightTexts(page);
      expect(hl['yuanwen-distorting']?.join('')).toContain('玩忽');
      expect(hl['yuanwen-number']?.join('')).toContain('5');
      expect(hl['yuanwen-negation']?.join('')).toContain('不');
      await page.close();
    });
  }
});
