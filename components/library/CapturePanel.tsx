// "设为原文": the reader saves the page in front of them as an original, after
// checking (and correcting) what was extracted: headline, publisher, date,
// source address. Props in, JSX out: the entrypoint does the messaging.
import { useEffect, useState } from 'react';
import type { ArticleDraft } from '../../lib/capture/article';
import type { AddResponse, DraftResponse } from '../../lib/library/protocol';
import type { Translate } from '../i18n';
import './library.css';

export interface CapturePanelProps {
  extract: () => Promise<DraftResponse>;
  save: (draft: { text: string; headline: string; publisher: string; date: string; url: string }) => Promise<AddResponse>;
  /** Opened from the context menu: go straight to the form. */
  startOpen?: boolean;
  t: Translate;
}

type Step =
  | { step: 'idle' }
  | { step: 'extracting' }
  | { step: 'form'; draft: ArticleDraft; invalid: boolean }
  | { step: 'saving'; draft: ArticleDraft }
  | { step: 'done'; tone: 'ok' | 'error'; message: string };

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export function CapturePanel({ extract, save, startOpen, t }: CapturePanelProps) {
  const [s, setS] = useState<Step>({ step: 'idle' });

  const begin = () => {
    setS({ step: 'extracting' });
    extract().then(
      (r) => setS(r.ok ? { step: 'form', draft: r.draft, invalid: false } : { step: 'done', tone: 'error', message: t(r.error === 'no-page' ? 'library.capture.noPage' : 'library.capture.notArticle') }),
      (e: unknown) => setS({ step: 'done', tone: 'error', message: t('library.capture.failed', [String(e)]) }),
    );
  };
  // Only on first render: startOpen is the page's initial intent.
  useEffect(() => {
    if (startOpen) begin();
  }, []);

  if (s.step === 'idle') {
    return (
      <button type="button" className="yw-link yw-capture-start" onClick={begin} title={t('library.capture.title')}>
        {t('library.capture.button')}
      </button>
    );
  }
  if (s.step === 'extracting') return <section className="yw-capture yw-muted">{t('library.capture.extracting')}</section>;
  if (s.step === 'done') {
    return (
      <section className="yw-capture">
        <p className={s.tone === 'error' ? 'yw-warning' : 'yw-ok'} role="status">
          {s.message}
        </p>
      </section>
    );
  }
  const draft = s.draft;
  const busy = s.step === 'saving';
  const set = (field: keyof ArticleDraft) => (e: { target: { value: string } }) => setS({ step: 'form', draft: { ...draft, [field]: e.target.value }, invalid: false });
  const submit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    const ok = draft.headline.trim() !== '' && draft.publisher.trim() !== '' && isoDay.test(draft.date);
    if (!ok) return setS({ step: 'form', draft, invalid: true });
    setS({ step: 'saving', draft });
    save({ text: draft.text, headline: draft.headline.trim(), publisher: draft.publisher.trim(), date: draft.date, url: draft.url }).then(
      (r) => {
        if (r.ok) {
          const o = r.outcome;
          const name = o.kind === 'added' ? `${o.article.publisher} ${o.article.date}《${o.article.headline}》` : `${o.of.publisher} ${o.of.date}《${o.of.headline}》`;
          const key = o.kind === 'added' ? 'library.capture.saved' : o.of.bundled ? 'library.capture.duplicateBundled' : 'library.capture.duplicate';
          setS({ step: 'done', tone: 'ok', message: t(key, [name]) });
        } else setS({ step: 'done', tone: 'error', message: r.error === 'storage-full' ? t('library.capture.storageFull') : t('library.capture.failed', [r.message]) });
      },
      (e: unknown) => setS({ step: 'done', tone: 'error', message: t('library.capture.failed', [String(e)]) }),
    );
  };
  return (
    <form className="yw-capture yw-capture-form" onSubmit={submit} aria-label={t('library.capture.title')}>
      <h2>{t('library.capture.title')}</h2>
      <label>
        {t('library.capture.headline')}
        <input name="headline" value={draft.headline} onChange={set('headline')} disabled={busy} />
      </label>
      <label>
        {t('library.capture.publisher')}
        <input name="publisher" value={draft.publisher} onChange={set('publisher')} disabled={busy} />
      </label>
      <label>
        {t('library.capture.date')}
        <input name="date" type="date" value={draft.date} onChange={set('date')} disabled={busy} />
      </label>
      <label>
        {t('library.capture.url')}
        <input name="url" value={draft.url} onChange={set('url')} disabled={busy} />
      </label>
      <details>
        <summary>{t('library.capture.preview', [draft.text.length])}</summary>
        <pre className="yw-capture-text">{draft.text.slice(0, 2000)}</pre>
      </details>
      {s.step === 'form' && s.invalid ? <p className="yw-warning">{t('library.capture.required')}</p> : null}
      <div className="yw-lib-actions">
        <button type="submit" className="yw-button" disabled={busy}>
          {t('library.capture.save')}
        </button>
        <button type="button" className="yw-link" onClick={() => setS({ step: 'idle' })} disabled={busy}>
          {t('library.capture.cancel')}
        </button>
      </div>
    </form>
  );
}
