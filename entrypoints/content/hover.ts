// The hover card: the difference under the pointer, shown in Yuanwen's UI.
// Pointer moves are batched into one hit test per animation frame; synthetic
// (page-dispatched) moves are ignored.
import type { MarkInfo } from '@/lib/dom/marks';
import type { LayerKind } from '@/lib/dom/highlights';

export interface HoverDeps {
  /** Are there marks at all (no hit test otherwise)? */
  hasMarks: () => boolean;
  /** Kinds shown now, or false when highlighting is off here. */
  shown: () => Partial<Record<LayerKind, boolean>> | false;
  /** The mark under a viewport point among the shown kinds. */
  markAt: (x: number, y: number, shown: (kind: LayerKind) => boolean) => { info: MarkInfo } | null;
  showCard: (info: MarkInfo, x: number, y: number) => void;
  hideCard: () => void;
  requestFrame: (cb: () => void) => void;
}

/** Returns the pointermove handler. */
export function createHover(deps: HoverDeps): (e: { isTrusted: boolean; clientX: number; clientY: number }) => void {
  let pointer: { x: number; y: number } | null = null;
  let queued = false;
  return (e) => {
    if (!e.isTrusted || !deps.hasMarks()) return;
    pointer = { x: e.clientX, y: e.clientY };
    if (queued) return;
    queued = true;
    deps.requestFrame(() => {
      queued = false;
      const p = pointer;
      const s = deps.shown();
      if (!p || s === false) return deps.hideCard();
      const m = deps.markAt(p.x, p.y, (k) => k === 'flash' || s[k] === true);
      if (m) deps.showCard(m.info, p.x, p.y);
      else deps.hideCard();
    });
  };
}
