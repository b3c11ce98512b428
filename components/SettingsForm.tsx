import type { Sensitivity } from '../lib/engine/options';
import { highlightKinds, type Settings } from '../lib/settings';
import { kindLabelKey, kindWhyKey, type Translate } from './i18n';

export interface SettingsFormProps {
  settings: Settings;
  /** Called with the whole new settings object on every change (they are saved at once; there is no submit). */
  onChange: (next: Settings) => void;
  t: Translate;
}

const sensitivities: Sensitivity[] = ['strict', 'default', 'lenient'];

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
        {highlightKinds.map((k) => (
          <label key={k} className="yw-check" title={t(kindWhyKey(k))}>
            <input
              type="checkbox"
              name={`kind-${k}`}
              checked={settings.kinds[k]}
              onChange={(e) => onChange({ ...settings, kinds: { ...settings.kinds, [k]: e.currentTarget.checked } })}
            />
            <span className={`yw-swatch yw-k-${k}`} aria-hidden="true" />
            <span>
              {t(kindLabelKey(k))}
              <span className="yw-muted yw-small yw-block">{t(kindWhyKey(k))}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </form>
  );
}
