import type { ArticleEntry } from '../lib/engine/types';
import type { Translate } from './i18n';

export interface ReferenceListProps {
  entries: readonly ArticleEntry[];
  selectedId?: string;
  onSelect: (id: string) => void;
  t: Translate;
}

/** The bundled originals, and apart from them, the specimens (scrambled pages kept for testing, never originals). */
export function ReferenceList({ entries, selectedId, onSelect, t }: ReferenceListProps) {
  const refs = entries.filter((e) => e.role === 'reference');
  const specimens = entries.filter((e) => e.role === 'specimen');
  const item = (e: ArticleEntry) => (
    <li key={e.id}>
      <button type="button" className={`yw-refitem${e.id === selectedId ? ' yw-selected' : ''}`} aria-current={e.id === selectedId} data-id={e.id} onClick={() => onSelect(e.id)}>
        <span className="yw-refitem-headline">
          {e.role === 'specimen' ? <span className="yw-chip yw-specimen">{t('options.specimenBadge')}</span> : null}
          {e.headline}
        </span>
        <span className="yw-refitem-meta">
          {e.publisher} · <time dateTime={e.date}>{e.date}</time> · {t('common.chars', [e.end - e.start])}
        </span>
      </button>
    </li>
  );
  return (
    <nav className="yw-reflist">
      <h3>{t('options.references', [refs.length])}</h3>
      <ul>{refs.map(item)}</ul>
      {specimens.length > 0 && (
        <>
          <h3>{t('options.specimens')}</h3>
          <ul>{specimens.map(item)}</ul>
        </>
      )}
    </nav>
  );
}
