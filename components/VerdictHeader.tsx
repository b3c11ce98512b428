import type { Counts, Verdict } from '../lib/engine/types';
import { verdictDetailKey, verdictKey, type Translate } from './i18n';

export interface VerdictHeaderProps {
  verdict: Verdict;
  counts: Counts;
  t: Translate;
}

/** The verdict in one glance: a coloured badge, one sentence of explanation, the total of differences. */
export function VerdictHeader({ verdict, counts, t }: VerdictHeaderProps) {
  const total = counts.spin + counts.alteration + counts.omission + counts.insertion;
  return (
    <header className={`yw-verdict yw-verdict-${verdict}`} data-verdict={verdict}>
      <div className="yw-verdict-badge">{t(verdictKey(verdict))}</div>
      <div className="yw-verdict-text">
        <p className="yw-verdict-detail">{t(verdictDetailKey(verdict))}</p>
        {total > 0 && (
          <p className="yw-verdict-total">{counts.distorting > 0 ? t('popup.summaryDistorting', [total, counts.distorting]) : t('popup.summary', [total])}</p>
        )}
      </div>
    </header>
  );
}
