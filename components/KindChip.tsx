import type { DisplayKind } from '../lib/present/kinds';
import { labelKey, whyKey } from '../lib/present/kinds';
import type { Translate } from './i18n';

/** A kind's swatch and name, in its colour. */
export function KindChip({ kind, t, children }: { kind: DisplayKind; t: Translate; children?: React.ReactNode }) {
  return (
    <span className={`yw-chip yw-k-${kind}`} title={t(whyKey(kind))} data-kind={kind}>
      <span className="yw-swatch" aria-hidden="true" />
      {t(labelKey(kind))}
      {children}
    </span>
  );
}
