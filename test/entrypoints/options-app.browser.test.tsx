// The options page's App in a real document (Chromium, Vitest browser mode) against WXT's fake browser: it shows the stored
// settings, repaired, and stores every change at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/options/App';
import { bundledCorpus } from '../../lib/corpus/bundled';
import { defaultSettings } from '../../lib/settings';
import { renderLive, type Live } from '../components/live-dom';
import { chromeMessages, fakeGetMessage } from '../components/t-browser';

const messages = chromeMessages('zh_CN');
const testUrl = location.href;
let live: Live | undefined;

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = fakeGetMessage('zh_CN') as typeof fakeBrowser.i18n.getMessage;
  // The test page's own URL carries the fragment the page reads (assigning location would navigate away).
  history.replaceState(null, '', '#xinhua-2022-03-17-psc');
});

afterEach(() => {
  live?.unmount();
  live = undefined;
  history.replaceState(null, '', testUrl);
});

describe('options App', () => {
  it('shows the stored settings, repaired, and stores a change without touching the other fields', async () => {
    await fakeBrowser.storage.local.set({ settings: { sensitivity: 'lenient', kinds: { spin: false, alteration: 7 }, disabledSites: ['a.cn'] } });
    live = renderLive(<App />);
    await live.flush();
    const checked = (sel: string) => (live!.container.querySelector(sel) as HTMLInputElement).checked;
    expect(checked('input[value="lenient"]')).toBe(true);
    expect(checked('input[name="kind-spin"]')).toBe(false);
    // The old `alteration` group held no boolean: the kinds it covered stay on.
    expect(checked('input[name="kind-number"]')).toBe(true);
    live.click(live.container.querySelector('input[name="kind-distorting"]'));
    await live.flush();
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({
      ...defaultSettings,
      sensitivity: 'lenient',
      disabledSites: ['a.cn'],
      kinds: { ...defaultSettings.kinds, spin: false, distorting: false },
    });
    expect(live.container.textContent).toContain(messages.options_saved!.message);
  });

  it('opens the reference named in the URL hash', async () => {
    live = renderLive(<App />);
    await live.flush();
    const entry = bundledCorpus.entries.find((e) => e.id === 'xinhua-2022-03-17-psc')!;
    expect(live.container.querySelector('.yw-viewer h2')!.textContent).toBe(entry.headline);
  });
});
