import type { Sensitivity } from '../lib/engine/options';
import { labelKey, whyKey, type DisplayKind } from '../lib/present/kinds';
import { highlightKinds, type HighlightKind, type Settings } from '../lib/settings';
import type { Translate } from './i18n';

export interface SettingsFormProps {
  settings: Settings;
  /** Called with the whole new settings object on every change (they are saved at once; there is no submit). */
  onChange: (next: Settings) => void;
  t: Translate;
}

const sensitivities: Sensitivity[] = ['strict', 'default', 'lenient'];

/** The display kinds each page highlight layer draws (a layer is what the reader can switch off). */
const layerKinds: Readonly<Record<HighlightKind, readonly DisplayKind[]>> = {
  distorting: ['distorting'],
  alteration: ['negation', 'number', 'name', 'wording'],
  omission: ['omission', 'heading'],
  insertion: ['insertion'],
  spin: ['spin'],
  scrambled: [],
};

function LayerLabel({ layer, t }: { layer: HighlightKind; t: Translate }) {
  const kinds = layerKinds[layer];
  if (kinds.length === 0) {
    return (
      <>
        <span className="yw-swatch yw-k-spin" aria-hidden="true" />
        <span>
          {t('popup.unsourcedTab')}
          <span className="yw-muted yw-small yw-block">{t('popup.unmatchedNote')}</span>
        </span>
      </>
    );
  }
  return (
    <>
      <span className="yw-swatches" aria-hidden="true">
        {kinds.map((k) => (
          <span key={k} className={`yw-swatch yw-k-${k}`} />
        ))}
      </span>
      <span>
        {kinds.map((k) => t(labelKey(k))).join(t('options.listSep'))}
        <span className="yw-muted yw-small yw-block">{kinds.map((k) => t(whyKey(k))).join(' ')}</span>
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
        {highlightKinds.map((k) => (
          <label key={k} className="yw-check">
            <input
              type="checkbox"
              name={`kind-${k}`}
              checked={settings.kinds[k]}
              onChange={(e) => onChange({ ...settings, kinds: { ...settings.kinds, [k]: e.currentTarget.checked } })}
            />
            <LayerLabel layer={k} t={t} />
          </label>
        ))}
      </fieldset>
    </form>
  );
}
