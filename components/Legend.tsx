import type { HighlightKind } from '../lib/settings';
import { kindLabelKey, kindWhyKey, type Translate } from './i18n';

export interface LegendProps {
  kinds?: HighlightKind[];
  t: Translate;
}

const defaultKinds: HighlightKind[] = ['distorting', 'spin', 'alteration', 'omission', 'insertion'];

export function Legend({ kinds = defaultKinds, t }: LegendProps) {
  return (
    <ul className="yw-legend">
      {kinds.map((k) => (
        <li key={k} title={t(kindWhyKey(k))}>
          <span className={`yw-swatch yw-k-${k}`} aria-hidden="true" />
          {t(kindLabelKey(k))}
        </li>
      ))}
    </ul>
  );
}
