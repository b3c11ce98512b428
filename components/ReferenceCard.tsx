import type { MatchedReference } from '../lib/engine/types';
import type { Translate } from './i18n';

export interface ReferenceCardProps {
  reference: Pick<MatchedReference, 'headline' | 'publisher' | 'date'>;
  /** e.g. "Original 1 of 2" when the page reposts several. */
  caption?: string;
  t: Translate;
}

/** Headline, publisher and date of a matched original. */
export function ReferenceCard({ reference, caption, t }: ReferenceCardProps) {
  return (
    <div className="yw-refcard">
      <div className="yw-refcard-caption">{caption ?? t('popup.matchedOriginal')}</div>
      <h2 className="yw-refcard-headline">{reference.headline}</h2>
      <div className="yw-refcard-meta">
        <span className="yw-refcard-publisher">{reference.publisher}</span>
        <time className="yw-refcard-date" dateTime={reference.date}>
          {reference.date}
        </time>
      </div>
    </div>
  );
}
