// Background service worker: owns the one engine index, answers typed
// messages, keeps each tab's report in session storage and shows it on the
// toolbar button. Wiring only; the handlers live in ./handlers.ts.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { parseBackgroundRequest, type StepRequest } from '@/lib/protocol';
import { createHandlers } from './handlers';
import { createCorpus } from './corpus';
import { createLibraryHandlers, registerContextMenu } from './library';
import { parseLibraryRequest } from '@/lib/library/protocol';
import { watchSettings } from '@/lib/storage';

export default defineBackground(() => {
  // Script evaluated: test/bench/worker-cold.ts measures from here too.
  performance.mark('yuanwen:worker-ready');
  const corpus = createCorpus();
  // First: the library's read runs while the rest is set up and the page sends its text.
  corpus.prepare();
  const handlers = createHandlers(corpus);
  const library = createLibraryHandlers(corpus);
  registerContextMenu();

  // The reader's library (./library.ts): its own messages, validated on arrival.
  browser.runtime.onMessage.addListener((msg: unknown, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id) return false;
    const request = parseLibraryRequest(msg);
    if (!request) return false;
    library.handle(request, sender).then(sendResponse, (e: unknown) => sendResponse({ ok: false, error: 'failed', message: String(e) }));
    return true;
  });

  browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse) => {
    // Every message is validated against the one schema (lib/protocol.ts):
    // wrong types, unknown fields or oversized text are not answered at all.
    if (sender.id !== browser.runtime.id) return false;
    const msg = parseBackgroundRequest(raw);
    if (!msg) return false;
    // sendResponse + `return true` keeps the channel open for the async answer
    // (a returned Promise is not honoured everywhere; see TOOLCHAIN.md).
    handlers
      .handle(msg, sender)
      .then(sendResponse, (e: unknown) => sendResponse({ ok: false, generation: -1, error: String(e) }));
    return true;
  });

  // A new top document at another URL (a link, a typed URL): every report and the badge go at once.
  // The tab's loading state also covers its frames: a reload or a child
  // frame's navigation comes without a new URL, and then each frame is asked
  // when loading ends (a navigating iframe must not wipe the top frame's report).
  // changeInfo.url is given for pages the content script may run on (its host permission).
  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    if (changeInfo.status === 'loading' && changeInfo.url !== undefined) void handlers.clearTab(tabId);
    else if (changeInfo.status === 'complete') void handlers.recheckFrames(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => void handlers.clearTab(tabId, { badge: false }));

  // Pausing a site hides its badge too (the content script hides marks and banner).
  watchSettings((settings) => void handlers.refreshBadges(settings));

  // Next / previous difference by keyboard (manifest `commands`): the tab's content script selects it.
  browser.commands?.onCommand.addListener((command, tab) => {
    const delta = command === 'next-difference' ? 1 : command === 'previous-difference' ? -1 : 0;
    if (delta === 0) return;
    const step: StepRequest = { type: 'step', delta };
    // The top frame's marks (a frame's own are stepped through from its popup view).
    const send = (id: number | undefined) => (id === undefined ? undefined : browser.tabs.sendMessage(id, step, { frameId: 0 }).catch(() => undefined));
    if (tab?.id !== undefined) void send(tab.id);
    else void browser.tabs.query({ active: true, currentWindow: true }).then(([t]) => send(t?.id));
  });

  // First run: the welcome page says what the colours mean, with a live example.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
});
