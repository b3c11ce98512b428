import type { ArticleEntry } from '../lib/engine/types';
import { formatDate, formatPublisher, formatNumber } from '../lib/present/text';
import type { Translate } from './i18n';

export interface ReferenceListProps {
  entries: readonly ArticleEntry[];
  selectedId?: string;
  onSelect: (id: string) => void;
  t: Translate;
}

/**
 * The bundled originals as a reader knows them: headline, publisher, date.
 * Specimens (scrambled pages kept to test the engine) are not originals and
 * are not listed.
 */
export function ReferenceList({ entries, selectedId, onSelect, t }: ReferenceListProps) {
  const refs = entries.filter((e) => e.role === 'reference');
  return (
    <nav className="yw-reflist" aria-labelledby="yw-reflist-h">
      <h3 id="yw-reflist-h">{t('options.references', [refs.length])}</h3>
      <ul>
        {refs.map((e) => (
          <li key={e.id}>
            <button type="button" className={`yw-refitem${e.id === selectedId ? ' yw-selected' : ''}`} aria-current={e.id === selectedId} data-id={e.id} onClick={() => onSelect(e.id)}>
              <span className="yw-refitem-headline">{e.headline}</span>
              <span className="yw-refitem-meta">
                {formatPublisher(t, e.publisher)} · <time dateTime={e.date}>{formatDate(t, e.date)}</time> · {t('common.chars', [formatNumber(t, e.end - e.start)])}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
