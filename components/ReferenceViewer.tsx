import type { ArticleEntry } from '../lib/engine/types';
import type { Translate } from './i18n';
import { splitParagraphs } from '../lib/present/side-by-side';

export interface ReferenceViewerProps {
  entry?: ArticleEntry;
  /** The whole seed file the entry's offsets index. */
  fileText?: string;
  t: Translate;
}

/** One article in full, paragraph by paragraph, exactly as the seed file has it. */
export function ReferenceViewer({ entry, fileText, t }: ReferenceViewerProps) {
  if (!entry) return <p className="yw-muted yw-viewer-hint">{t('options.selectHint')}</p>;
  const paras = fileText === undefined ? [] : splitParagraphs(fileText, Math.min(entry.start, fileText.length), Math.min(entry.end, fileText.length));
  return (
    <article className="yw-viewer" data-id={entry.id}>
      <header>
        {entry.role === 'specimen' ? <span className="yw-chip yw-specimen">{t('options.specimenBadge')}</span> : null}
        <h2>{entry.headline}</h2>
        <div className="yw-refcard-meta">
          <span>{entry.publisher}</span>
          <time dateTime={entry.date}>{entry.date}</time>
          <span>{t('common.chars', [entry.end - entry.start])}</span>
        </div>
        <div className="yw-muted yw-small">{t('options.location', [entry.file, entry.start, entry.end])}</div>
      </header>
      {fileText === undefined ? (
        <p className="yw-warning">{t('popup.refMissing', [entry.file])}</p>
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
