import type { ArticleEntry } from '../lib/engine/types';
import { splitParagraphs } from '../lib/present/side-by-side';
import { formatDate, formatPublisher } from '../lib/present/text';
import type { Translate } from './i18n';

export interface ReferenceViewerProps {
  entry?: ArticleEntry;
  /** The whole seed file the entry's offsets index. */
  fileText?: string;
  t: Translate;
}

/** One original in full, paragraph by paragraph, exactly as it was published: headline, publisher, date, text. */
export function ReferenceViewer({ entry, fileText, t }: ReferenceViewerProps) {
  if (!entry) return <p className="yw-muted yw-viewer-hint">{t('options.selectHint')}</p>;
  const paras = fileText === undefined ? [] : splitParagraphs(fileText, Math.min(entry.start, fileText.length), Math.min(entry.end, fileText.length));
  const url = (entry as ArticleEntry & { url?: string }).url;
  return (
    <article className="yw-viewer" data-id={entry.id} aria-labelledby="yw-viewer-h" tabIndex={0}>
      <header>
        <h2 id="yw-viewer-h">{entry.headline}</h2>
        <div className="yw-refcard-meta">
          <span>{formatPublisher(t, entry.publisher)}</span>
          <time dateTime={entry.date}>{formatDate(t, entry.date)}</time>
          {url ? (
            <a href={url} target="_blank" rel="noreferrer noopener">
              {t('popup.sourceLink')}
            </a>
          ) : null}
        </div>
      </header>
      {fileText === undefined ? (
        <p className="yw-warning">{t('options.textMissing')}</p>
      ) : (
        <div className="yw-viewer-text" lang="zh-CN">
          {paras.map((p) => (
            <p key={p.start} className="yw-para">
              {fileText.slice(p.start, p.end)}
            </p>
          ))}
        </div>
      )}
    </article>
  );
}
