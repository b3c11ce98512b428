// The content script's part in saving originals: extract the article from the
// live DOM (Readability over a copy of it, lib/capture) when the reader asks
// for this page to become an original (popup, context menu), and, with
// auto-capture on and the page on a trusted origin, offer it once on its own
// and say so in a quiet note. Extracting here, where the DOM is, keeps an HTML
// parser out of the service worker.
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { MAX_PAGE_HTML, isTrusted } from '@/lib/library/capture-settings';
import { loadCaptureSettings } from '@/lib/library/capture-store';
import { draftOfDocument } from '@/lib/capture/draft';
import type { AutoResponse, PageDraftResponse } from '@/lib/library/protocol';

export function listenForCapture(): () => void {
  const listener = (msg: unknown, _sender: unknown, sendResponse: (r: PageDraftResponse) => void): boolean => {
    if ((msg as { type?: unknown } | null)?.type !== 'library/pageDraft') return false;
    sendResponse(draftOfDocument(document, location.href));
    return false;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Auto-capture: at most once per page load, only when switched on and only on a trusted origin. */
export async function autoCapture(): Promise<void> {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  const settings = await loadCaptureSettings();
  if (!settings.auto || !isTrusted(settings, location.host)) return;
  const got = draftOfDocument(document, location.href, { requireArticle: true });
  if (got.kind !== 'article' || got.draft.text.length > MAX_PAGE_HTML) return;
  const answer = (await browser.runtime.sendMessage({ type: 'library/auto', draft: got.draft })) as AutoResponse | undefined;
  if (answer?.ok) showNote(answer.outcome.kind === 'added' ? i18n.t('library.note.added') : i18n.t('library.note.known'));
}

/** A small note in the page corner, in its own shadow root, gone after a few seconds. */
function showNote(text: string): void {
  const host = document.createElement('yuanwen-note');
  const root = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.textContent = text;
  box.style.cssText =
    'position:fixed;right:16px;bottom:16px;z-index:2147483647;max-width:320px;padding:8px 12px;border-radius:6px;' +
    'background:#1f2937;color:#fff;font:13px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.25);opacity:.92';
  root.append(box);
  document.documentElement.append(host);
  setTimeout(() => host.remove(), 5000);
}
