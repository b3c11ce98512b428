import type { ReactNode } from 'react';
import type { DisplayKind } from '../lib/present/kinds';
import { labelKey, whyKey } from '../lib/present/kinds';
import { formatNumber } from '../lib/present/text';
import type { Translate } from './i18n';

export interface FindingToolbarProps {
  /** Kinds present in this view, worst first, with their counts. */
  kinds: readonly { kind: DisplayKind; n: number }[];
  total: number;
  filter: DisplayKind | 'all';
  onFilter: (f: DisplayKind | 'all') => void;
  /** 1-based position of the selection in the current order, or 0. */
  position: number;
  count: number;
  onStep: (delta: 1 | -1) => void;
  changedOnly: boolean;
  onChangedOnly: (on: boolean) => void;
  /** The selected finding, described (between the step buttons and the switch). */
  detail?: ReactNode;
  t: Translate;
}

/** The kind filter (it dims the text too), next and previous, and "changed paragraphs only". */
export function FindingToolbar({ kinds, total, filter, onFilter, position, count, onStep, changedOnly, onChangedOnly, detail, t }: FindingToolbarProps) {
  return (
    <div className="yw-toolbar">
      <div className="yw-filter" role="group" aria-label={t('popup.filterLabel')}>
        <button type="button" className={filter === 'all' ? 'yw-on' : ''} aria-pressed={filter === 'all'} onClick={() => onFilter('all')}>
          {t('popup.filterAll')} {formatNumber(t, total)}
        </button>
        {kinds.map(({ kind, n }) => (
          <button key={kind} type="button" className={`yw-k-${kind}${filter === kind ? ' yw-on' : ''}`} aria-pressed={filter === kind} title={t(whyKey(kind))} data-kind={kind} onClick={() => onFilter(filter === kind ? 'all' : kind)}>
            <span className="yw-swatch" aria-hidden="true" />
            {t(labelKey(kind))} {formatNumber(t, n)}
          </button>
        ))}
      </div>
      <div className="yw-nav">
        <button type="button" className="yw-btn" onClick={() => onStep(-1)} disabled={count === 0} aria-keyshortcuts="p" title={t('popup.prevHint')}>
          ‹ {t('popup.prev')}
        </button>
        <span className="yw-pos" aria-live="polite">
          {position > 0 ? `${formatNumber(t, position)} / ${formatNumber(t, count)}` : t('popup.positionNone', [formatNumber(t, count)])}
        </span>
        <button type="button" className="yw-btn" onClick={() => onStep(1)} disabled={count === 0} aria-keyshortcuts="n" title={t('popup.nextHint')}>
          {t('popup.next')} ›
        </button>
        {detail}
        <label className="yw-check yw-changed-only">
          <input type="checkbox" checked={changedOnly} onChange={(e) => onChangedOnly(e.currentTarget.checked)} />
          {t('popup.changedOnly')}
        </label>
      </div>
    </div>
  );
}
