import { displayKinds, labelKey, whyKey, type DisplayKind } from '../lib/present/kinds';
import type { Translate } from './i18n';

export interface LegendProps {
  /** Kinds to explain, worst first; all of them by default. */
  kinds?: readonly DisplayKind[];
  /** With the one-line reason under each name (welcome page, options). */
  explain?: boolean;
  t: Translate;
}

/** What each colour means: the same names and colours as the page, the banner and the lists. */
export function Legend({ kinds = displayKinds, explain = false, t }: LegendProps) {
  return (
    <ul className={`yw-legend${explain ? ' yw-legend-explained' : ''}`}>
      {kinds.map((k) => (
        <li key={k} className={`yw-k-${k}`} title={explain ? undefined : t(whyKey(k))} data-kind={k}>
          <span className="yw-swatch" aria-hidden="true" />
          <span className="yw-legend-name">{t(labelKey(k))}</span>
          {explain ? <span className="yw-legend-why">{t(whyKey(k))}</span> : null}
        </li>
      ))}
    </ul>
  );
}
