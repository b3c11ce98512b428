import type { AlterationSubkind, Counts } from '../lib/engine/types';
import type { HighlightKind } from '../lib/settings';
import { kindLabelKey, kindWhyKey, subkindKey, type Translate } from './i18n';

export interface CountsBarProps {
  counts: Counts;
  t: Translate;
}

const subkinds: AlterationSubkind[] = ['number', 'negation', 'name', 'wording'];

/**
 * Counts per kind. Distorting spin is shown first and apart from ordinary spin
 * (the engine counts it in both), because it is the spin that changes meaning.
 */
export function CountsBar({ counts, t }: CountsBarProps) {
  const items: { kind: HighlightKind; n: number; detail?: string }[] = [
    { kind: 'distorting', n: counts.distorting },
    { kind: 'spin', n: counts.spin - counts.distorting },
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
        </li>
      ))}
    </ul>
  );
}
