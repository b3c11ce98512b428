import type { AlterationSubkind, Counts } from '../lib/engine/types';
import type { HighlightKind } from '../lib/settings';
import { kindLabelKey, kindWhyKey, subkindKey, type Translate } from './i18n';

export interface CountsBarProps {
  counts: Counts;
  t: Translate;
}

const subkinds: AlterationSubkind[] = ['number', 'negation', 'name', 'wording'];

/**
 * Counts per kind, summing to the total in the verdict. Distorting spin is
 * spin (the engine counts it in both, and the banner says "N spin swaps, M of
 * them distorting"), so it is shown inside the spin count, in its own colour.
 */
export function CountsBar({ counts, t }: CountsBarProps) {
  const items: { kind: HighlightKind; n: number; detail?: string }[] = [
    { kind: 'spin', n: counts.spin },
    {
      kind: 'alteration',
      n: counts.alteration,
      detail: subkinds
        .filter((s) => counts.bySubkind[s] > 0)
        .map((s) => `${t(subkindKey(s))} ${counts.bySubkind[s]}`)
        .join(' · '),
    },
    { kind: 'omission', n: counts.omission },
    { kind: 'insertion', n: counts.insertion },
  ];
  // A faithful repost has nothing to count: a row of zeros would only be noise.
  if (items.every((i) => i.n === 0)) return null;
  return (
    <ul className="yw-counts">
      {items.map(({ kind, n, detail }) => (
        <li key={kind} className={`yw-count yw-k-${kind}${n === 0 ? ' yw-zero' : ''}`} title={t(kindWhyKey(kind))} data-kind={kind} data-count={n}>
          <span className="yw-count-n">{n}</span>
          <span className="yw-count-label">{t(kindLabelKey(kind))}</span>
          {detail ? <span className="yw-count-detail">{detail}</span> : null}
          {kind === 'spin' && counts.distorting > 0 ? (
            <span className="yw-count-distorting yw-chip yw-k-distorting" title={t(kindWhyKey('distorting'))} data-count={counts.distorting}>
              {t('popup.ofWhichDistorting', [counts.distorting])}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
