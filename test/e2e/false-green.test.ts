// Issue 11, false green and false red: Yuanwen verifies what the reader sees,
// not what the DOM holds. Each page shows the reader one text while its DOM
// holds another (or text the renderer changes). In real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, bannerState, highlightTexts, waitForBanner, waitForRuns } from './harness';
import { editedText, falseGreenPages, falseRedPages, invisiblePaddingPage, invisibleStyles } from './pages';

let h: Harness;

beforeAll(async () => {
  const routes: Record<string, string> = { '/padded.html': invisiblePaddingPage() };
  for (const [name, style] of Object.entries(invisibleStyles)) routes[`/padded-${name}.html`] = invisiblePaddingPage(editedText(), style);
  for (const [name, page] of Object.entries({ ...falseGreenPages, ...falseRedPages })) routes[`/${name}.html`] = page();
  h = await new Harness(routes).start();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

const renderedDiffers = '渲染文字与源文字不一致';

describe('false green: the reader sees altered text', () => {
  for (const name of ['closedShadow', 'hiddenOverridden', 'inlineOverridden', 'ownMarker']) {
    it(`${name}: the visible edited text is verified (edits found, not green)`, async () => {
      const page = await h.open(`/${name}.html`);
      await waitForBanner(page);
      const b = (await bannerState(page))!;
      expect(b.tone).not.toBe('faithful');
      expect(b.text).toContain('意思被扭曲');
      const hl = await highlightTexts(page);
      expect(hl['yuanwen-distorting']).toContain('玩忽');
      if (name === 'closedShadow') await h.screenshot(page, 'attack-closed-shadow');
      await page.close();
    });
  }

  for (const name of ['generatedNegation', 'generatedDigit', 'bdo', 'layoutOrder', 'rlo']) {
    it(`${name}: flagged as ${renderedDiffers}, never green`, async () => {
      const page = await h.open(`/${name}.html`);
      await waitForBanner(page);
      const b = (await bannerState(page))!;
      expect(b.tone).not.toBe('faithful');
      expect(b.text).toContain(renderedDiffers);
      const badge = await h.badge(await h.tabId(page));
      expect(badge.text).not.toBe('✓');
      expect(badge.title).toContain(renderedDiffers);
      if (name === 'generatedDigit') await h.screenshot(page, 'attack-generated-digit');
      await page.close();
    });
  }
});

describe('false red: edited text no reader sees', () => {
  for (const name of Object.keys(falseRedPages)) {
    it(`${name}: the faithful article is faithful`, async () => {
      const page = await h.open(`/${name}.html`);
      await waitForBanner(page);
      const b = (await bannerState(page))!;
      expect(b.tone).toBe('faithful');
      expect(b.text).toContain('文字一致');
      await page.close();
    });
  }
});

describe('no warning at all: invisible padding', () => {
  it('an invisible character after every fourth character is dropped before matching: the spun copy is caught', async () => {
    const page = await h.open('/padded.html');
    await waitForRuns(page, 1);
    const text = await waitForBanner(page);
    expect(text).toContain('机器换词');
    expect(text).toContain('意思被扭曲');
    // Matched to its original, not only caught by the spun forms of unmatched text.
    expect(text).toContain('对照人民日报');
    await page.close();
  });

  // A hand-edited bulletin has no spun forms to fall back on: unless the padding is dropped, it is unmatched and silent.
  for (const name of Object.keys(invisibleStyles)) {
    it(`an edited bulletin padded with characters hidden by ${name}: matched, with its edits`, async () => {
      const page = await h.open(`/padded-${name}.html`);
      const text = await waitForBanner(page);
      expect(text).toContain('意思被扭曲');
      expect(text).toContain('对照人民日报');
      const hl = await highlightTexts(page);
      expect(hl['yuanwen-distorting']).toContain('玩忽');
      await page.close();
    });
  }
});
