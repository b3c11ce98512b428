import type { Translate } from './i18n';

export interface HighlightSwitchesProps {
  /** Hostname of the tab; without one (a browser page, a local file) only the global switch is shown. */
  hostname?: string;
  siteOn: boolean;
  everywhereOn: boolean;
  onSiteChange: (on: boolean) => void;
  onEverywhereChange: (on: boolean) => void;
  t: Translate;
}

/** Two switches: highlighting on this site, and on every site. The site switch only matters while the global one is on. */
export function HighlightSwitches({ hostname, siteOn, everywhereOn, onSiteChange, onEverywhereChange, t }: HighlightSwitchesProps) {
  return (
    <fieldset className="yw-switches">
      <legend>{t('popup.highlightTitle')}</legend>
      {hostname ? (
        <label className={`yw-switch${everywhereOn ? '' : ' yw-disabled'}`}>
          <input type="checkbox" role="switch" name="site" checked={siteOn} disabled={!everywhereOn} onChange={(e) => onSiteChange(e.currentTarget.checked)} />
          <span className="yw-switch-track" aria-hidden="true" />
          <span>{t('popup.highlightSite', [hostname])}</span>
        </label>
      ) : null}
      <label className="yw-switch">
        <input type="checkbox" role="switch" name="everywhere" checked={everywhereOn} onChange={(e) => onEverywhereChange(e.currentTarget.checked)} />
        <span className="yw-switch-track" aria-hidden="true" />
        <span>{t('popup.highlightEverywhere')}</span>
      </label>
      {!everywhereOn && hostname ? <p className="yw-muted yw-small">{t('popup.highlightOffEverywhere')}</p> : null}
    </fieldset>
  );
}
