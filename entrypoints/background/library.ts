// The worker's library messages: extract a tab's article for the reader to
// check (the content script extracts it), save it, auto-capture from trusted origins, follow changes made by
// the options page, tell the popup where references came from; and the
// "设为原文" item of the page's context menu.
import { browser, type Browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { isTrusted } from '@/lib/library/capture-settings';
import { loadCaptureSettings } from '@/lib/library/capture-store';
import { StorageFullError } from '@/lib/library/db';
import { parsePageDraft, type AddResponse, type AutoResponse, type DraftResponse, type LibraryRequest, type OriginsResponse, type PageDraftResponse } from '@/lib/library/protocol';
import type { Corpus } from './corpus';
import { fromExtensionPage } from './handlers';

export const CONTEXT_MENU_ID = 'yuanwen-capture';

export function createLibraryHandlers(corpus: Corpus) {
  /** The tab's article, extracted by its content script from the live DOM (entrypoints/content/capture.ts). */
  async function pageDraft(tabId: number): Promise<PageDraftResponse | undefined> {
    try {
      return parsePageDraft(await browser.tabs.sendMessage(tabId, { type: 'library/pageDraft' }));
    } catch {
      return undefined; // no content script there (a browser page, a PDF)
    }
  }

  async function draft(tabId: number): Promise<DraftResponse> {
    const got = await pageDraft(tabId);
    if (!got) return { ok: false, error: 'no-page' };
    return got.kind === 'article' ? { ok: true, draft: got.draft } : { ok: false, error: 'not-an-article' };
  }

  async function add(msg: Extract<LibraryRequest, { type: 'library/add' }>): Promise<AddResponse> {
    try {
      const lib = await corpus.library();
      const { outcome } = await lib.add(msg.draft);
      return { ok: true, outcome };
    } catch (e) {
      if (e instanceof StorageFullError) return { ok: false, error: 'storage-full', message: e.message };
      return { ok: false, error: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
  }

  async function auto(msg: Extract<LibraryRequest, { type: 'library/auto' }>, sender: Browser.runtime.MessageSender): Promise<AutoResponse> {
    const settings = await loadCaptureSettings();
    if (!settings.auto) return { ok: false, error: 'off' };
    let host: string;
    try {
      // The browser's word for where the message comes from, not the message's own.
      // The page's own address, not the canonical one the draft may name.
      if (sender.url === undefined) return { ok: false, error: 'untrusted' };
      host = new URL(sender.url).host;
    } catch {
      return { ok: false, error: 'untrusted' };
    }
    // Checked here too: the sender's claim alone is not trusted.
    if (!isTrusted(settings, host)) return { ok: false, error: 'untrusted' };
    // The content script offers only pages Readability takes for articles (isProbablyReaderable); these fields it must have found.
    const got = { draft: msg.draft };
    if (!got.draft.date || !got.draft.headline.trim() || !got.draft.publisher.trim()) return { ok: false, error: 'not-an-article' };
    try {
      const lib = await corpus.library();
      const { outcome } = await lib.add({
        text: got.draft.text,
        headline: got.draft.headline,
        publisher: got.draft.publisher,
        date: got.draft.date,
        source: { via: 'auto-capture', url: got.draft.url, capturedAt: new Date().toISOString() },
      });
      return { ok: true, outcome };
    } catch (e) {
      return { ok: false, error: e instanceof StorageFullError ? 'storage-full' : 'failed' };
    }
  }

  async function origins(ids: readonly string[]): Promise<OriginsResponse> {
    const out: OriginsResponse = {};
    let lib;
    try {
      lib = await corpus.library();
    } catch {
      lib = undefined;
    }
    for (const id of ids) {
      if (lib?.describe(id)?.bundled) out[id] = { kind: 'bundled' };
      else {
        const got = lib && (await lib.get(id));
        out[id] = got ? { kind: 'library', sources: got.article.sources } : { kind: 'unknown' };
      }
    }
    return out;
  }

  return {
    async handle(msg: LibraryRequest, sender: Browser.runtime.MessageSender): Promise<unknown> {
      // Only a page's content script offers its page for auto-capture; everything else comes from our own pages.
      if (msg.type === 'library/auto' ? sender.tab === undefined : !fromExtensionPage(sender)) return { ok: false, error: 'failed', message: 'not allowed from this sender' };
      switch (msg.type) {
        case 'library/draft':
          return draft(msg.tabId);
        case 'library/add':
          return add(msg);
        case 'library/auto':
          return auto(msg, sender);
        case 'library/changed':
          await (await corpus.library()).follow(msg.change);
          return { ok: true };
        case 'library/origins':
          return origins(msg.ids);
      }
    },
  };
}

/** The context-menu item; created on install (menus persist across worker restarts). */
export function registerContextMenu(): void {
  const menus = (browser as unknown as { contextMenus?: typeof browser.contextMenus }).contextMenus;
  if (!menus) return;
  browser.runtime.onInstalled.addListener(() => {
    menus.create({ id: CONTEXT_MENU_ID, title: i18n.t('library.contextMenu'), contexts: ['page', 'selection'] }, () => void browser.runtime.lastError);
  });
  menus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined) return;
    // The reader checks headline, publisher and date before saving: the capture form, in a tab beside the page.
    void browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?tab=${tab.id}&capture=1`), index: tab.index + 1, openerTabId: tab.id });
  });
}
