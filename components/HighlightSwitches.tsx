import type { Translate } from './i18n';

export interface HighlightSwitchesProps {
  /** Hostname of the tab; without one (a browser page, a local file) only the global switch is shown. */
  hostname?: string;
  /** Yuanwen runs on this site (off: paused here, no marks, no banner, no badge). */
  siteOn: boolean;
  /** The banner is shown on this site (marks and badge stay either way). */
  bannerOn?: boolean;
  everywhereOn: boolean;
  onSiteChange: (on: boolean) => void;
  onBannerChange?: (on: boolean) => void;
  onEverywhereChange: (on: boolean) => void;
  t: Translate;
}

/** What a reader means: pause Yuanwen on this site; keep it but without the banner here; or switch it off everywhere. */
export function HighlightSwitches({ hostname, siteOn, bannerOn = true, everywhereOn, onSiteChange, onBannerChange, onEverywhereChange, t }: HighlightSwitchesProps) {
  return (
    <fieldset className="yw-switches">
      <legend>{t('popup.highlightTitle')}</legend>
      {hostname ? (
        <label className={`yw-switch${everywhereOn ? '' : ' yw-disabled'}`} title={t('popup.siteHint')}>
          <input type="checkbox" role="switch" name="site" checked={siteOn} disabled={!everywhereOn} onChange={(e) => onSiteChange(e.currentTarget.checked)} />
          <span className="yw-switch-track" aria-hidden="true" />
          <span>{t('popup.highlightSite', [hostname])}</span>
        </label>
      ) : null}
      {hostname && onBannerChange ? (
        <label className={`yw-switch${everywhereOn && siteOn ? '' : ' yw-disabled'}`}>
          <input type="checkbox" role="switch" name="banner" checked={bannerOn} disabled={!everywhereOn || !siteOn} onChange={(e) => onBannerChange(e.currentTarget.checked)} />
          <span className="yw-switch-track" aria-hidden="true" />
          <span>{t('popup.bannerSite')}</span>
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
