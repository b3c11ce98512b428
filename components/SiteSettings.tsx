import type { Settings } from '../lib/settings';
import type { Translate } from './i18n';

export interface SiteSettingsProps {
  settings: Settings;
  onChange: (next: Settings) => void;
  t: Translate;
}

/** The global switch, the sites where Yuanwen is paused and those where its banner is hidden, each with a way back. */
export function SiteSettings({ settings, onChange, t }: SiteSettingsProps) {
  const list = (field: 'disabledSites' | 'bannerHiddenSites', title: string, empty: string, resume: string) => (
    <div className="yw-sitelist">
      <h3>{title}</h3>
      {settings[field].length === 0 ? (
        <p className="yw-muted yw-small">{empty}</p>
      ) : (
        <ul>
          {settings[field].map((host) => (
            <li key={host}>
              <span>{host}</span>
              <button type="button" className="yw-link" onClick={() => onChange({ ...settings, [field]: settings[field].filter((h) => h !== host) })} aria-label={`${resume} ${host}`}>
                {resume}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <fieldset className="yw-sites">
      <legend>{t('options.sitesLabel')}</legend>
      <label className="yw-check">
        <input type="checkbox" name="everywhere" checked={settings.highlightEverywhere} onChange={(e) => onChange({ ...settings, highlightEverywhere: e.currentTarget.checked })} />
        <span>{t('popup.highlightEverywhere')}</span>
      </label>
      {list('disabledSites', t('options.pausedSites'), t('options.noPausedSites'), t('options.resume'))}
      {list('bannerHiddenSites', t('options.bannerHiddenSites'), t('options.noBannerHiddenSites'), t('options.showBannerAgain'))}
    </fieldset>
  );
}
