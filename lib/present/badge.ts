// The toolbar badge in every state a tab can be in: the background only sets
// what this returns. With a report, the badge is the banner's total in the
// verdict's colour (summary.ts badgeOf); otherwise it is blank (nothing shown,
// or Yuanwen paused on the site) or '?' (a report that was lost).
import type { Report } from '../engine/types';
import { frameHost, worstFrame, type FrameVerdict } from './frames';
import { badgeOf, summarize, type BadgeModel, type Rendering } from './summary';
import type { Translate } from './text';
import { verdictAccent } from './tokens';

export type BadgeState =
  /** A verified page, with where its rendered text differs from the text verified (none: an empty list). */
  | { type: 'report'; report: Report; rendering: Rendering }
  /** Nothing to show: a tab cleared, or Yuanwen paused on its site. */
  | { type: 'blank' }
  /**
   * A tab's frames, each verified on its own (frames.ts): the worst frame's
   * badge, its title saying when that verdict is a frame's, not the top page's.
   * Frames paused by the reader are left out by the caller.
   */
  | { type: 'frames'; frames: readonly FrameVerdict[] }
  /** The tab had a report that can no longer be shown (the page moved on, or the worker restarted without it). */
  | { type: 'lost' };

export function badgeModel(state: BadgeState, t: Translate): BadgeModel {
  switch (state.type) {
    case 'blank':
      return { text: '', colour: verdictAccent.faithful.light, title: t('extName') };
    case 'lost':
      return { text: '?', colour: verdictAccent.edited.light, title: t('content.title.prefix') + t('guard.reportLost') };
    case 'report':
      return badgeOf(summarize(state.report, state.rendering), t);
    case 'frames': {
      const worst = worstFrame(state.frames);
      if (!worst) return state.frames.find((f) => f.frameId === 0)?.badge ?? badgeModel({ type: 'blank' }, t);
      const sep = t('summary.titleSep');
      if (worst.frameId !== 0) return { ...worst.badge, title: worst.badge.title + sep + t('frames.badgeInFrame', [frameHost(worst.url)]) };
      const others = state.frames.filter((f) => f.frameId !== 0 && f.verdict !== 'none').length;
      return others === 0 ? worst.badge : { ...worst.badge, title: worst.badge.title + sep + t('frames.badgeMore', [others]) };
    }
  }
}
