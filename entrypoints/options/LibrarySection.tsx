// Wiring of the library section of the options page: the Library opened in
// this page (same IndexedDB as the worker), and a 'library/changed' message
// to the worker after every change so its index follows without a rebuild.
import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { CapturePanel } from '../../components/library/CapturePanel';
import { LibraryView, type ImportState } from '../../components/library/LibraryView';
import type { MessageKey } from '../../components/i18n';
import { extractArticle } from '../../lib/capture/article';
import { bundledCorpus } from '../../lib/corpus/bundled';
import { bundledSeedIndex } from '../../lib/corpus/seed-index';
import { parseTrustedList, type CaptureSettings } from '../../lib/library/capture-settings';
import { loadCaptureSettings, saveCaptureSettings } from '../../lib/library/capture-store';
import { StorageFullError, openLibraryDb, type ArticleRecord } from '../../lib/library/db';
import { Library, type LibraryChange, type Removal } from '../../lib/library/library';
import type { AddResponse, DraftResponse, LibraryRequest } from '../../lib/library/protocol';
import { readPack, serializePack } from '../../lib/pack';
import { t } from '../../lib/view/translate';

const tell = (change: LibraryChange) => browser.runtime.sendMessage({ type: 'library/changed', change } satisfies LibraryRequest).catch(() => undefined);

export function LibrarySection() {
  const lib = useRef<Promise<Library>>(undefined);
  const getLib = () => (lib.current ??= openLibraryDb().then((db) => Library.open(db, { index: bundledSeedIndex(), corpus: bundledCorpus })));
  const [articles, setArticles] = useState<ArticleRecord[] | undefined>();
  const [storage, setStorage] = useState<{ usage: number; quota: number } | undefined>();
  const [undo, setUndo] = useState<{ count: number; removal: Removal } | undefined>();
  const [importState, setImportState] = useState<ImportState>({ kind: 'idle' });
  const [adding, setAdding] = useState<{ key: number; draft: DraftResponse } | undefined>();
  const [capture, setCapture] = useState<CaptureSettings | undefined>();

  const refresh = useCallback(async () => {
    setArticles(await (await getLib()).list());
    const est = await navigator.storage?.estimate?.().catch(() => undefined);
    if (est?.usage !== undefined && est.quota !== undefined) setStorage({ usage: est.usage, quota: est.quota });
  }, []);

  useEffect(() => {
    void refresh().catch(() => setArticles([]));
    void loadCaptureSettings().then(setCapture);
  }, [refresh]);

  const onDelete = async (ids: string[]) => {
    const { removal, change } = await (await getLib()).remove(ids);
    void tell(change);
    setUndo({ count: removal.articles.length, removal });
    await refresh();
  };
  const onUndo = async () => {
    if (!undo) return;
    setUndo(undefined);
    void tell(await (await getLib()).restore(undo.removal));
    await refresh();
  };

  const onExport = async (ids?: string[]) => {
    const day = new Date().toISOString().slice(0, 10);
    const pack = await (await getLib()).exportPack({ title: t('library.manage.title'), creator: 'Yuanwen', date: day }, ids);
    const url = URL.createObjectURL(new Blob([serializePack(pack)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `yuanwen-pack-${day}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const onImport = async (file: File) => {
    setUndo(undefined);
    setImportState({ kind: 'running', done: 0, total: 0 });
    const read = await readPack(await file.text());
    if (!read.ok) {
      const p = read.problem;
      return setImportState({ kind: 'error', message: t(`library.problem.${p.kind.replace(/-/g, '_')}` as MessageKey, p.kind === 'invalid' ? [p.path] : []) });
    }
    try {
      const { result, change } = await (await getLib()).importPack(read.pack, (done, total) => setImportState({ kind: 'running', done, total }));
      void tell(change);
      setImportState({ kind: 'done', added: result.added, duplicates: result.duplicates - result.withinPack, withinPack: result.withinPack });
    } catch (e) {
      setImportState({ kind: 'error', message: e instanceof StorageFullError ? t('library.capture.storageFull') : String(e) });
    }
    await refresh();
  };

  const searchText = useCallback(async (query: string) => (await getLib()).searchText(query), []);

  const offer = (draft: DraftResponse) => setAdding({ key: Date.now(), draft });
  const onAddFile = async (file: File) => {
    let text: string;
    try {
      text = decode(new Uint8Array(await file.arrayBuffer()));
    } catch (e) {
      return offer({ ok: false, error: 'not-an-article' }), void e;
    }
    if (/\.html?$/i.test(file.name) || /^\s*<(!doctype|html)/i.test(text)) {
      const doc = new DOMParser().parseFromString(text, 'text/html');
      const draft = extractArticle(doc, '');
      return offer(draft ? { ok: true, draft } : { ok: false, error: 'not-an-article' });
    }
    offer({ ok: true, draft: { headline: '', publisher: '', date: '', url: '', text: text.trim(), extractor: 'whole-page' } });
  };
  const onAddText = (text: string) => offer({ ok: true, draft: { headline: '', publisher: '', date: '', url: '', text: text.trim(), extractor: 'whole-page' } });

  const save = async (d: { text: string; headline: string; publisher: string; date: string; url: string }): Promise<AddResponse> => {
    try {
      const { outcome, change } = await (await getLib()).add({
        text: d.text,
        headline: d.headline,
        publisher: d.publisher,
        date: d.date,
        source: { via: 'file', ...(d.url ? { url: d.url } : {}), capturedAt: new Date().toISOString() },
      });
      void tell(change);
      await refresh();
      return { ok: true, outcome };
    } catch (e) {
      return e instanceof StorageFullError ? { ok: false, error: 'storage-full', message: e.message } : { ok: false, error: 'failed', message: String(e) };
    }
  };

  return (
    <LibraryView
      articles={articles}
      initialOpenId={decodeURIComponent(location.hash.slice(1)) || undefined}
      storage={storage}
      onOpen={async (id) => (await (await getLib()).get(id))?.text}
      onSearchText={searchText}
      onDelete={(ids) => void onDelete(ids)}
      undo={undo ? { count: undo.count, onUndo: () => void onUndo() } : undefined}
      onExport={(ids) => void onExport(ids)}
      onImport={(f) => void onImport(f)}
      importState={importState}
      adding={adding ? <CapturePanel key={adding.key} extract={async () => adding.draft} save={save} startOpen t={t} /> : undefined}
      onAddFile={(f) => void onAddFile(f)}
      onAddText={onAddText}
      auto={{
        on: capture?.auto ?? false,
        trusted: capture?.trusted ?? [],
        onChange: (on, trusted) => {
          const next = { auto: on, trusted: parseTrustedList(trusted.join('\n')) };
          setCapture(next);
          void saveCaptureSettings(next);
        },
      }}
      t={t}
    />
  );
}

/** UTF-8 (with or without BOM), else GB18030; binary is refused. */
function decode(bytes: Uint8Array): string {
  if (bytes.length === 0 || bytes.subarray(0, 4096).includes(0)) throw new Error('empty or binary file');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
