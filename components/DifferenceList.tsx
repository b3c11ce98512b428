import { useState } from 'react';
import type { Difference } from '../lib/engine/types';
import { kindLabelKey, subkindKey, type Translate } from './i18n';
import { markKind, type MarkKind } from './side-by-side';
import { describeDifference } from './SideBySide';

export interface DifferenceListProps {
  differences: readonly Difference[];
  selected?: number;
  /** Called with the index into `differences` when the reader picks one. */
  onSelect: (differenceIndex: number) => void;
  t: Translate;
}

const order: MarkKind[] = ['distorting', 'alteration', 'omission', 'insertion', 'spin'];

/** Collapses the whitespace of a wording so a line break in the page text does not break the list item. */
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** One side's wording; an empty side (a negation added or dropped) shows as ∅ so the arrow never points at nothing. */
function Wording({ text, className }: { text: string; className: string }) {
  const flat = squash(text);
  return flat ? <span className={className}>{flat}</span> : <span className={`${className} yw-none`}>∅</span>;
}

/** Every difference, in page order, each a button; a filter narrows the list to one kind. */
export function DifferenceList({ differences, selected, onSelect, t }: DifferenceListProps) {
  const [filter, setFilter] = useState<MarkKind | 'all'>('all');
  if (differences.length === 0) return <p className="yw-muted">{t('popup.noDifferences')}</p>;
  const counts = new Map<MarkKind, number>();
  for (const d of differences) counts.set(markKind(d), (counts.get(markKind(d)) ?? 0) + 1);
  const kinds = order.filter((k) => counts.has(k));
  return (
    <section className="yw-difflist">
      {kinds.length > 1 && (
        <div className="yw-filter" role="group">
          <button type="button" className={filter === 'all' ? 'yw-on' : ''} aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
            {t('popup.filterAll')} {differences.length}
          </button>
          {kinds.map((k) => (
            <button key={k} type="button" className={`yw-k-${k}${filter === k ? ' yw-on' : ''}`} aria-pressed={filter === k} onClick={() => setFilter(k)}>
              {t(kindLabelKey(k))} {counts.get(k)}
            </button>
          ))}
        </div>
      )}
      <ol className="yw-diffs">
        {differences.map((d, i) => {
          const kind = markKind(d);
          if (filter !== 'all' && kind !== filter) return null;
          return (
            <li key={i}>
              <button
                type="button"
                className={`yw-diff${i === selected ? ' yw-selected' : ''}`}
                data-diff={i}
                data-kind={kind}
                title={`${describeDifference(d, t)}\n${t('popup.reveal')}`}
                onClick={() => onSelect(i)}
              >
                <span className={`yw-chip yw-k-${kind}`}>
                  {d.kind === 'move' ? t('common.moved') : t(kindLabelKey(kind))}
                  {d.kind === 'alteration' ? ` · ${t(subkindKey(d.subkind))}` : ''}
                </span>
                <span className="yw-diff-words">
                  {d.kind === 'omission' ? (
                    <del className="yw-diff-ref">{squash(d.refText)}</del>
                  ) : d.kind === 'insertion' ? (
                    <ins className="yw-diff-page">{squash(d.pageText)}</ins>
                  ) : (
                    <>
                      <Wording text={d.refText} className="yw-diff-ref" />
                      <span className="yw-arrow" aria-hidden="true">
                        →
                      </span>
                      <Wording text={d.pageText} className="yw-diff-page" />
                    </>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
