import type { FrameNotice } from '../lib/present/frames';
import type { Translate } from './i18n';

export interface FrameNoticesProps {
  /** Child frames with a bulletin, worst first (lib/present/frames.ts frameNotices). */
  notices: readonly FrameNotice[];
  /** The frame whose report the view shows now, when it is not the top frame's. */
  shown?: { frameId: number; host: string };
  /** Show a frame's report (0: back to the top frame's). */
  onShow: (frameId: number) => void;
  t: Translate;
}

/**
 * A bulletin in a frame of the page (a cross-origin iframe the top page
 * cannot read) is said here, with its verdict and a way to view its report,
 * so a top page without a bulletin does not read as "nothing to check".
 */
export function FrameNotices({ notices, shown, onShow, t }: FrameNoticesProps) {
  const others = notices.filter((n) => n.frameId !== shown?.frameId);
  if (others.length === 0 && !shown) return null;
  return (
    <section className="yw-frame-notices">
      {shown ? (
        <p className="yw-frame-showing" role="status">
          {t('frames.showing', [shown.host])}{' '}
          <button type="button" className="yw-link" onClick={() => onShow(0)}>
            {t('frames.back')}
          </button>
        </p>
      ) : null}
      {others.map((n) => (
        <p key={n.frameId} className={`yw-frame-notice yw-v-${n.tone}`} role="note">
          {n.badgeText ? (
            <span className="yw-frame-badge" aria-hidden="true">
              {n.badgeText}
            </span>
          ) : null}
          <span className="yw-frame-text">{n.text}</span>{' '}
          <button type="button" className="yw-link" onClick={() => onShow(n.frameId)}>
            {t('frames.view')}
          </button>
        </p>
      ))}
    </section>
  );
}
