import type { Sensitivity } from '../lib/engine/options';
import { displayKinds, labelKey, whyKey, type DisplayKind } from '../lib/present/kinds';
import type { Settings } from '../lib/settings';
import type { Translate } from './i18n';
import { OnlineLookupForm } from './OnlineLookupForm';

export interface SettingsFormProps {
  settings: Settings;
  /** Called with the whole new settings object on every change (they are saved at once; there is no submit). */
  onChange: (next: Settings) => void;
  t: Translate;
}

const sensitivities: Sensitivity[] = ['strict', 'default', 'lenient'];

/** A switch's label: the kind's swatch, name and why, as in every other view. */
function KindLabel({ kind, t }: { kind: DisplayKind; t: Translate }) {
  return (
    <>
      <span className={`yw-swatch yw-k-${kind}`} aria-hidden="true" />
      <span>
        {t(labelKey(kind))}
        <span className="yw-muted yw-small yw-block">
          {t(whyKey(kind))}
          {/* The spin switch also hides spun forms in text with no original (layersOfKind). */}
          {kind === 'spin' ? t('highlightSwitch.spinUnsourced') : null}
        </span>
      </span>
    </>
  );
}

export function SettingsForm({ settings, onChange, t }: SettingsFormProps) {
  return (
    <form className="yw-settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>{t('options.sensitivityLabel')}</legend>
        <p className="yw-muted yw-small">{t('options.sensitivityHint')}</p>
        {sensitivities.map((s) => (
          <label key={s} className="yw-radio">
            <input
              type="radio"
              name="sensitivity"
              value={s}
              checked={settings.sensitivity === s}
              onChange={() => onChange({ ...settings, sensitivity: s })}
            />
            <span>{t(`options.sensitivity.${s}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('options.kindsLabel')}</legend>
        {displayKinds.map((k) => (
          <label key={k} className="yw-check">
            <input
              type="checkbox"
              name={`kind-${k}`}
              checked={settings.kinds[k]}
              onChange={(e) => onChange({ ...settings, kinds: { ...settings.kinds, [k]: e.currentTarget.checked } })}
            />
            <KindLabel kind={k} t={t} />
          </label>
        ))}
      </fieldset>
      <OnlineLookupForm settings={settings} onChange={onChange} t={t} />
    </form>
  );
}
