// The reader's library in the options page: list, search, filter by publisher
// and date, full text, delete with undo, export (all or a selection), import
// with a progress bar, add a file or pasted text, storage used, and the
// automatic-capture settings. Props in, JSX out.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ArticleRecord } from '../../lib/library/db';
import type { MessageKey, Translate } from '../i18n';
import './library.css';

export type ImportState =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number }
  /** duplicates: already in the library; withinPack: repeats of another article of the pack (each became its source). */
  | { kind: 'done'; added: number; duplicates: number; withinPack: number }
  | { kind: 'error'; message: string };

export interface LibraryViewProps {
  articles: readonly ArticleRecord[] | undefined;
  storage?: { usage: number; quota: number };
  onOpen: (id: string) => Promise<string | undefined>;
  onDelete: (ids: string[]) => void;
  /** Offered after a deletion, until the next change. */
  undo?: { count: number; onUndo: () => void };
  onExport: (ids?: string[]) => void;
  onImport: (file: File) => void;
  importState: ImportState;
  /** The add-an-original panel (a CapturePanel for a dropped file or pasted text). */
  adding?: ReactNode;
  onAddFile: (file: File) => void;
  onAddText: (text: string) => void;
  auto: { on: boolean; trusted: string[]; onChange: (on: boolean, trusted: string[]) => void };
  /** Open this article's full text at first (a link from the popup: options.html#<id>). */
  initialOpenId?: string;
  /** Rows rendered at once (the list is filtered first). */
  pageSize?: number;
  /** The ids of articles whose full text holds a query. */
  onSearchText?: (query: string) => Promise<ReadonlySet<string>>;
  t: Translate;
}

/** Pause after the last keystroke before the full-text search runs. */
export const TEXT_SEARCH_DELAY_MS = 250;

export function LibraryView(p: LibraryViewProps) {
  const { t } = p;
  const [query, setQuery] = useState('');
  const [publisher, setPublisher] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [openId, setOpenId] = useState<string | undefined>();
  const [openText, setOpenText] = useState<string | undefined>();
  const wanted = p.initialOpenId !== undefined && p.articles?.some((a) => a.id === p.initialOpenId) ? p.initialOpenId : undefined;
  useEffect(() => {
    if (wanted === undefined) return;
    setOpenId(wanted);
    void p.onOpen(wanted).then(setOpenText);
    document.querySelector(`[data-id="${CSS.escape(wanted)}"]`)?.scrollIntoView({ block: 'start' });
    // Once, when the list that holds it has loaded.
  }, [wanted]);
  const [shown, setShown] = useState(p.pageSize ?? 200);

  const articles = p.articles ?? [];
  const publishers = useMemo(() => [...new Set(articles.map((a) => a.publisher))].sort(), [articles]);
  // The full-text search runs a moment after typing stops (it reads every stored text).
  const [textHits, setTextHits] = useState<{ query: string; hits: ReadonlySet<string> } | undefined>();
  const searchText = p.onSearchText;
  useEffect(() => {
    if (!searchText || !query.trim()) return;
    let live = true;
    const timer = setTimeout(() => void searchText(query).then((hits) => live && setTextHits({ query, hits })), TEXT_SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, searchText]);
  const hits = textHits?.query === query ? textHits.hits : undefined;
  const filtered = useMemo(() => filterArticles(articles, { query, publisher, from, to, textHits: hits }), [articles, query, publisher, from, to, hits]);
  const chosen = [...selected].filter((id) => articles.some((a) => a.id === id));

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const open = (id: string) => {
    if (openId === id) return setOpenId(undefined);
    setOpenId(id);
    setOpenText(undefined);
    void p.onOpen(id).then(setOpenText);
  };

  return (
    <section className="yw-library" aria-labelledby="yw-library-title">
      <h2 id="yw-library-title">{t('library.manage.title')}</h2>
      <p className="yw-muted">
        {t('library.manage.count', [articles.length])} ·{' '}
        {p.storage ? t('library.manage.storage', [formatBytes(p.storage.usage), formatBytes(p.storage.quota)]) : t('library.manage.storageUnknown')}
      </p>

      <div className="yw-library-tools">
        <button type="button" className="yw-button" onClick={() => p.onExport()} disabled={articles.length === 0}>
          {t('library.manage.exportAll')}
        </button>
        <button type="button" className="yw-button" onClick={() => p.onExport(chosen)} disabled={chosen.length === 0}>
          {t('library.manage.exportSelected', [chosen.length])}
        </button>
        <button type="button" className="yw-button yw-danger" onClick={() => (p.onDelete(chosen), setSelected(new Set()))} disabled={chosen.length === 0}>
          {t('library.manage.deleteSelected', [chosen.length])}
        </button>
        <label className="yw-button yw-file">
          {t('library.manage.importPack')}
          <input type="file" accept=".json,application/json" data-testid="import-pack" onChange={(e) => e.target.files?.[0] && (p.onImport(e.target.files[0]), (e.target.value = ''))} />
        </label>
      </div>
      <ImportStatus state={p.importState} t={t} />
      {p.undo ? (
        <p className="yw-undo" role="status">
          {t('library.manage.deleted', [p.undo.count])}{' '}
          <button type="button" className="yw-link" onClick={p.undo.onUndo}>
            {t('library.manage.undo')}
          </button>
        </p>
      ) : null}

      <div className="yw-library-filters">
        <input type="search" placeholder={t('library.manage.search')} aria-label={t('library.manage.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <select aria-label={t('library.manage.publisher')} value={publisher} onChange={(e) => setPublisher(e.target.value)}>
          <option value="">{t('library.manage.allPublishers')}</option>
          {publishers.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
        <label>
          {t('library.manage.dateFrom')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('library.manage.dateTo')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <span className="yw-muted">{t('library.manage.shown', [filtered.length])}</span>
      </div>

      {p.articles && articles.length === 0 ? <p className="yw-muted">{t('library.manage.empty')}</p> : null}
      <ul className="yw-library-list">
        {filtered.slice(0, shown).map((a) => (
          <li key={a.id} data-id={a.id}>
            <div className="yw-library-row">
              <input type="checkbox" aria-label={t('library.manage.select')} checked={selected.has(a.id)} onChange={() => toggle(a.id)} />
              <span className="yw-library-headline">{a.headline}</span>
              <span className="yw-muted">
                {a.publisher} · <time dateTime={a.date}>{a.date}</time> · {t('common.chars', [a.end - a.start])}
              </span>
              <button type="button" className="yw-link" onClick={() => open(a.id)} aria-expanded={openId === a.id}>
                {openId === a.id ? t('library.manage.close') : t('library.manage.open')}
              </button>
              <button type="button" className="yw-link yw-danger" onClick={() => p.onDelete([a.id])}>
                {t('library.manage.delete')}
              </button>
            </div>
            <p className="yw-muted yw-small">
              {t('library.manage.sources')}:{' '}
              {a.sources.map((s, i) => (
                <span key={i}>
                  {i > 0 ? ' · ' : ''}
                  {t(`library.origin.via.${s.via.replace(/-/g, '_')}` as MessageKey)}
                  {s.url ? ` ${s.url}` : ''}
                  {s.capturedAt ? ` (${s.capturedAt.slice(0, 10)})` : ''}
                </span>
              ))}
            </p>
            {openId === a.id ? <pre className="yw-library-text">{openText === undefined ? '…' : openText.slice(a.start, a.end)}</pre> : null}
          </li>
        ))}
      </ul>
      {filtered.length > shown ? (
        <button type="button" className="yw-link" onClick={() => setShown(shown + (p.pageSize ?? 200))}>
          {t('library.manage.shown', [`${shown} / ${filtered.length}`])} …
        </button>
      ) : null}

      <AddOriginal onAddFile={p.onAddFile} onAddText={p.onAddText} t={t}>
        {p.adding}
      </AddOriginal>

      <AutoCapture key={p.auto.trusted.join(',')} {...p.auto} t={t} />
    </section>
  );
}

function ImportStatus({ state, t }: { state: ImportState; t: Translate }) {
  if (state.kind === 'idle') return null;
  if (state.kind === 'running') {
    return (
      <div className="yw-import" role="status">
        <progress max={Math.max(1, state.total)} value={state.done} aria-label={t('library.manage.importing', [state.done, state.total])} />{' '}
        {t('library.manage.importing', [state.done, state.total])}
      </div>
    );
  }
  if (state.kind === 'done')
    return <p className="yw-ok" role="status">{state.withinPack > 0 ? t('library.manage.importedRepeats', [state.added, state.duplicates, state.withinPack]) : t('library.manage.imported', [state.added, state.duplicates])}</p>;
  return (
    <p className="yw-warning" role="alert">
      {t('library.manage.importError', [state.message])}
    </p>
  );
}

function AddOriginal({ onAddFile, onAddText, children, t }: { onAddFile: (f: File) => void; onAddText: (text: string) => void; children?: ReactNode; t: Translate }) {
  const [text, setText] = useState('');
  const [over, setOver] = useState(false);
  return (
    <section className="yw-library-add" aria-label={t('library.manage.addTitle')}>
      <h3>{t('library.manage.addTitle')}</h3>
      <div
        className={over ? 'yw-drop yw-over' : 'yw-drop'}
        onDragOver={(e) => (e.preventDefault(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const f = e.dataTransfer.files[0];
          if (f) onAddFile(f);
        }}
      >
        <p className="yw-muted">{t('library.manage.dropHint')}</p>
        <label className="yw-button yw-file">
          {t('library.manage.chooseFile')}
          <input type="file" accept=".txt,.html,.htm,text/plain,text/html" data-testid="add-file" onChange={(e) => e.target.files?.[0] && (onAddFile(e.target.files[0]), (e.target.value = ''))} />
        </label>
        <label className="yw-paste">
          {t('library.manage.pasteLabel')}
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} />
        </label>
        <button type="button" className="yw-button" disabled={text.trim() === ''} onClick={() => (onAddText(text), setText(''))}>
          {t('library.manage.addButton')}
        </button>
      </div>
      {children}
    </section>
  );
}

function AutoCapture({ on, trusted, onChange, t }: LibraryViewProps['auto'] & { t: Translate }) {
  const [list, setList] = useState(trusted.join('\n'));
  return (
    <section className="yw-library-auto" aria-label={t('library.manage.autoTitle')}>
      <h3>{t('library.manage.autoTitle')}</h3>
      <label className="yw-switch-row">
        <input type="checkbox" checked={on} onChange={(e) => onChange(e.target.checked, trusted)} /> {t('library.manage.autoLabel')}
      </label>
      <label className="yw-paste">
        {t('library.manage.trustedLabel')}
        <textarea value={list} onChange={(e) => setList(e.target.value)} rows={6} data-testid="trusted" />
      </label>
      <button type="button" className="yw-button" onClick={() => onChange(on, list.split('\n'))}>
        {t('library.manage.saveTrusted')}
      </button>
    </section>
  );
}

export interface LibraryFilter {
  /** Matched against headline, publisher and source addresses, and through textHits against the full text. */
  query: string;
  /** Articles whose full text holds the query (Library.searchText), when known. */
  textHits?: ReadonlySet<string>;
  /** '' for every publisher. */
  publisher: string;
  /** YYYY-MM-DD bounds, inclusive; '' for none. */
  from: string;
  to: string;
}

export function filterArticles(articles: readonly ArticleRecord[], f: LibraryFilter): ArticleRecord[] {
  const q = f.query.trim().toLowerCase();
  return articles.filter(
    (a) =>
      (!f.publisher || a.publisher === f.publisher) &&
      (!f.from || a.date >= f.from) &&
      (!f.to || a.date <= f.to) &&
      (!q || a.headline.toLowerCase().includes(q) || a.publisher.toLowerCase().includes(q) || a.sources.some((s) => s.url?.toLowerCase().includes(q)) || f.textHits?.has(a.id) === true),
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}
