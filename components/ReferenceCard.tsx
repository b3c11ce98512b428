import type { ReactNode } from 'react';
import type { MatchedReference } from '../lib/engine/types';
import { formatDate, formatPublisher } from '../lib/present/text';
import type { Translate } from './i18n';

export interface ReferenceCardProps {
  reference: Pick<MatchedReference, 'headline' | 'publisher' | 'date'>;
  /** e.g. "2 passages of this page quote it". */
  caption?: string;
  /** Opens the whole original (the options page's library, at this article). */
  onOpenFull?: () => void;
  /** Where the original was published, when known. */
  sourceUrl?: string;
  /** Where the reader's copy came from (bundled, or their library and how): shown with the publisher and date. */
  origin?: ReactNode;
  t: Translate;
}

/** Headline, publisher and date of a matched original, with the full text one click away. */
export function ReferenceCard({ reference, caption, onOpenFull, sourceUrl, origin, t }: ReferenceCardProps) {
  return (
    <div className="yw-refcard">
      <h3 className="yw-refcard-headline" title={reference.headline}>
        <span className="yw-refcard-caption">{caption ?? t('popup.matchedOriginal')}</span>
        {reference.headline}
      </h3>
      <div className="yw-refcard-meta">
        <span className="yw-refcard-publisher">{formatPublisher(t, reference.publisher)}</span>
        <time className="yw-refcard-date" dateTime={reference.date}>
          {formatDate(t, reference.date)}
        </time>
        {origin}
        {sourceUrl ? (
          <a href={sourceUrl} target="_blank" rel="noreferrer noopener">
            {t('popup.sourceLink')}
          </a>
        ) : null}
        {onOpenFull ? (
          <button type="button" className="yw-link" onClick={onOpenFull}>
            {t('popup.openFull')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
