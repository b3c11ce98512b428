import type { Translate } from './i18n';

export interface PermissionNoticeProps {
  /** The site's host, as the reader knows it. */
  host: string;
  /** Asks the browser for access to the site (must run inside the reader's click: permissions.request needs a user gesture). */
  onRequest: () => void;
  /** The reader (or the browser) refused the last request. */
  denied?: boolean;
  t: Translate;
}

/**
 * Yuanwen's access to this site was withdrawn (Firefox lets the reader take
 * back host permissions; Chrome has "on click" site access): the content
 * script does not run, so there is no report. Said plainly, with the one
 * button that gives access back, instead of "nothing to check".
 */
export function PermissionNotice({ host, onRequest, denied, t }: PermissionNoticeProps) {
  return (
    <section className="yw-empty yw-permission" role="status">
      <div className="yw-empty-icon" aria-hidden="true">
        !
      </div>
      <h2 className="yw-empty-title">{t('permission.title')}</h2>
      <p className="yw-empty-body">{t('permission.body', [host])}</p>
      <p>
        <button type="button" className="yw-button yw-permission-grant" onClick={onRequest}>
          {t('permission.grant', [host])}
        </button>
      </p>
      {denied ? (
        <p className="yw-warning" role="alert">
          {t('permission.denied')}
        </p>
      ) : null}
    </section>
  );
}
