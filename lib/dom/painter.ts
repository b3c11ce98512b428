// Puts a report's marks on the page and keeps them honest: each drawn mark
// remembers the nodes and text it covers; when that text changes the mark is
// removed (never left on the wrong words), and the next verification run
// draws afresh.
import type { TextSnapshot } from './extract';
import { HighlightLayers, type LayerKind } from './highlights';
import { keyMatches, type MarkInfo } from './marks';
import { domRange, markerSpan, nodesUnchanged, spanToRanges, type RangeFactory } from './ranges';
import type { HighlightSwitches } from '../settings';
import { layerKinds } from './highlights';
import { displayKinds, layersOfKind } from '../present/kinds';
import { maxPaintedMarks, paintWindow, windowStale } from './paint-window';

export interface DrawnMark {
  info: MarkInfo;
  /** StaticRanges: a live Range costs on every DOM change while it lives, and a report can hold 10^5. */
  ranges: AbstractRange[];
  /** Snapshot node indices covered (inclusive). */
  first: number;
  last: number;
}

/** Marks added to the staged drawing per slice at most, whatever the clock says (a slice stays short on a slow machine). */
export const maxMarksPerSlice = 2000;

export class Painter {
  private current = new HighlightLayers();
  /** Text nodes that changed while a drawing was staged (checked once it is shown); true: check every mark. */
  private changedDuringDraw: Node[] | true | null = null;
  private marks: DrawnMark[] = [];
  /** The marks in page order (by first node), and that order's first nodes (for the paint window). */
  private byPos: DrawnMark[] = [];
  private firsts: Int32Array = new Int32Array(0);
  /** The run of byPos registered as highlights now (./paint-window.ts), and each one's remover. */
  private window = { from: 0, to: 0 };
  private painted = new Map<DrawnMark, () => void>();
  /** Text node -> marks that cover it. */
  private byNode = new Map<Node, DrawnMark[]>();
  private snap: TextSnapshot | null = null;
  private removeFlash: (() => void) | undefined;
  /** The difference the reader chose (from the popup, the side panel or a shortcut): outlined until another is chosen. */
  selected: DrawnMark | null = null;
  /** Marks removed because their text changed (for tests and diagnostics). */
  staleRemoved = 0;

  get layers(): HighlightLayers {
    return this.current;
  }

  get drawn(): readonly DrawnMark[] {
    return this.marks;
  }

  /** Is `node` under a drawn mark? (MutationObserver fast path.) */
  covers(node: Node): boolean {
    // While a drawing is staged every text change counts: it is checked at the swap.
    return this.changedDuringDraw !== null || this.byNode.has(node);
  }

  /**
   * Replaces everything drawn with `marks` over `snap`. The ranges are made in
   * slices of the given budget (ms), so a report with thousands of marks makes
   * no long task; the old highlights stay until the new ones are swapped in at
   * once (no flicker on a re-run). Resolves with the number drawn; gives up
   * (keeping the old drawing) if `cancelled()`.
   */
  async draw(
    snap: TextSnapshot,
    marks: readonly MarkInfo[],
    options: { budgetMs?: number; yieldFn?: () => Promise<void>; cancelled?: () => boolean } = {},
  ): Promise<number> {
    const budget = options.budgetMs ?? 8;
    const yieldFn = options.yieldFn ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
    const prepared: Array<{ info: MarkInfo; ranges: AbstractRange[]; first: number; last: number }> = [];
    const makeRange = staticRangeFactory(snap);
    let sliceStart = performance.now();
    for (let i = 0; i < marks.length; i++) {
      if ((i & 7) === 7 && performance.now() - sliceStart > budget) {
        await yieldFn();
        if (options.cancelled?.()) return this.marks.length;
        sliceStart = performance.now();
      }
      const info = marks[i]!;
      const span = info.page.end > info.page.start ? info.page : markerSpan(snap, info.page.start);
      if (!span) continue;
      const sr = spanToRanges(snap, span.start, span.end, makeRange);
      if (sr) prepared.push({ info, ...sr });
    }
    // Every mark keeps its ranges (hover, find, next/previous), checked
    // against the text in slices; at most maxPaintedMarks of them, the ones
    // nearest the part of the page in view, are registered as highlights
    // (./paint-window.ts: the browser re-validates every registered range on
    // each registry change). The window is staged in highlights that are not
    // registered yet, then swapped in with one registry call per kind: no
    // flicker and no long task (133k marks made one 494 ms task when the swap
    // was a single loop over all of them).
    const marksNext: DrawnMark[] = [];
    const byNode = new Map<Node, DrawnMark[]>();
    this.changedDuringDraw = [];
    sliceStart = performance.now();
    let inSlice = 0;
    const pause = async (): Promise<boolean> => {
      await yieldFn();
      if (options.cancelled?.()) {
        this.changedDuringDraw = null;
        return false;
      }
      sliceStart = performance.now();
      inSlice = 0;
      return true;
    };
    const due = () => ++inSlice >= maxMarksPerSlice || ((inSlice & 7) === 7 && performance.now() - sliceStart > budget);
    for (const p of prepared) {
      if (due() && !(await pause())) return this.marks.length;
      // The text may have changed while we yielded: draw only over unchanged nodes.
      if (!nodesUnchanged(snap, p.first, p.last)) continue;
      const mark: DrawnMark = p;
      marksNext.push(mark);
      for (let i = p.first; i <= p.last; i++) {
        const node = snap.nodes[i]!;
        const list = byNode.get(node);
        if (list) list.push(mark);
        else byNode.set(node, [mark]);
      }
    }
    if (!(await pause())) return this.marks.length;
    // Marks come in report order (match by match); the window needs page order.
    const byPos = marksNext.slice().sort((a, b) => a.first - b.first);
    const firsts = Int32Array.from(byPos, (m) => m.first);
    const win = paintWindow(firsts, this.viewCenter(snap));
    const next = new HighlightLayers(this.current.suffix, { staged: true, shown: this.current.shownKinds });
    const painted = new Map<DrawnMark, () => void>();
    for (const m of inReportOrder(marksNext, byPos, win)) {
      if (due() && !(await pause())) return this.marks.length;
      painted.set(m, next.draw(m.info.layer, m.ranges));
    }
    this.removeFlash?.();
    this.removeFlash = undefined;
    this.selected = null;
    this.current.detach();
    this.current = next;
    next.commit();
    this.marks = marksNext;
    this.byPos = byPos;
    this.firsts = firsts;
    this.window = win;
    this.painted = painted;
    this.byNode = byNode;
    this.snap = snap;
    // Text that changed during the last slices: drop the marks over it now.
    const changed = this.changedDuringDraw as Node[] | true | null;
    this.changedDuringDraw = null;
    if (changed === true) this.verify();
    else if (changed && changed.length > 0) this.verify(changed);
    return this.marks.length;
  }

  /** Marks registered as highlights now (at most maxPaintedMarks; every mark when they fit). */
  get paintedCount(): number {
    return this.painted.size;
  }

  /**
   * The reader scrolled: when the part in view nears the window's edge and
   * marks lie beyond it, register the marks nearest it instead (one swap of
   * at most maxPaintedMarks ranges). Cheap when nothing needs to move.
   */
  follow(center?: number): boolean {
    const snap = this.snap;
    if (!snap || this.changedDuringDraw !== null) return false;
    const at = center ?? this.viewCenter(snap);
    if (!windowStale(this.firsts, this.window, at)) return false;
    this.repaint(paintWindow(this.firsts, at));
    return true;
  }

  private repaint(win: { from: number; to: number }): void {
    const next = new HighlightLayers(this.current.suffix, { staged: true, shown: this.current.shownKinds });
    const painted = new Map<DrawnMark, () => void>();
    for (const m of inReportOrder(this.marks, this.byPos, win)) painted.set(m, next.draw(m.info.layer, m.ranges));
    const selected = this.selected;
    this.removeFlash = selected ? next.draw('flash', selected.ranges) : undefined;
    this.current.detach();
    this.current = next;
    next.commit();
    this.window = win;
    this.painted = painted;
  }

  /**
   * Where the reader is, as a snapshot node index: the scroll position's
   * share of the page applied to the nodes (document order follows the page
   * downwards closely enough to choose which marks to register; no layout query).
   */
  private viewCenter(snap: TextSnapshot): number {
    const doc = snap.nodes[0]?.ownerDocument;
    const root = doc?.documentElement;
    const view = doc?.defaultView;
    if (!root || !view) return 0;
    const height = Math.max(root.scrollHeight, 1);
    const share = Math.min(1, Math.max(0, (view.scrollY + view.innerHeight / 2) / height));
    return Math.round(share * snap.nodes.length);
  }

  /** Removes the marks whose text changed. Returns how many were removed. */
  verify(onlyNodes?: Iterable<Node>): number {
    // A drawing being staged is checked when it is swapped in.
    if (this.changedDuringDraw !== null) {
      if (!onlyNodes) this.changedDuringDraw = true;
      else if (this.changedDuringDraw !== true) for (const n of onlyNodes) this.changedDuringDraw.push(n);
    }
    const snap = this.snap;
    if (!snap) return 0;
    let candidates: Iterable<DrawnMark> = this.marks;
    if (onlyNodes) {
      const set = new Set<DrawnMark>();
      for (const n of onlyNodes) for (const m of this.byNode.get(n) ?? []) set.add(m);
      candidates = set;
    }
    const stale: DrawnMark[] = [];
    for (const m of candidates) if (!nodesUnchanged(snap, m.first, m.last)) stale.push(m);
    if (stale.length === 0) return 0;
    const staleSet = new Set(stale);
    for (const m of stale) {
      this.painted.get(m)?.();
      this.painted.delete(m);
      for (let i = m.first; i <= m.last; i++) {
        const node = snap.nodes[i]!;
        const list = this.byNode.get(node)?.filter((x) => !staleSet.has(x));
        if (list && list.length > 0) this.byNode.set(node, list);
        else this.byNode.delete(node);
      }
    }
    this.marks = this.marks.filter((m) => !staleSet.has(m));
    this.byPos = this.byPos.filter((m) => !staleSet.has(m));
    this.firsts = Int32Array.from(this.byPos, (m) => m.first);
    this.window = paintWindowAround(this.byPos, this.painted);
    this.staleRemoved += stale.length;
    return stale.length;
  }

  /** Which kinds are painted; hidden kinds keep their ranges (reveal and hover still work). */
  setShown(shown: HighlightSwitches | false): void {
    this.layers.setShown(shownLayers(shown));
  }

  clear(): void {
    // One clear per highlight, not one removal per mark (a report can hold 10^5 marks).
    this.marks = [];
    this.byPos = [];
    this.firsts = new Int32Array(0);
    this.window = { from: 0, to: 0 };
    this.painted.clear();
    this.byNode.clear();
    this.snap = null;
    this.layers.clear();
  }

  /** The drawn mark under a viewport point, if any. */
  markAt(doc: Document, x: number, y: number, shown: (kind: LayerKind) => boolean): DrawnMark | null {
    const shadowRoots = (this.snap?.roots ?? []).filter((r): r is ShadowRoot => r.nodeType === 11 && 'host' in r);
    const hit = caretAt(doc, x, y, shadowRoots);
    if (!hit) return null;
    const list = this.byNode.get(hit);
    if (!list) return null;
    for (const m of list) {
      if (!shown(m.info.layer)) continue;
      for (const r of m.ranges) {
        if (r.startContainer !== hit) continue;
        for (const rect of Array.from(liveRange(r).getClientRects())) {
          if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return m;
        }
      }
    }
    return null;
  }

  /** Finds a mark by its RevealRequest key. */
  find(req: { match: number; difference: number; region?: number }): DrawnMark | null {
    return this.marks.find((m) => keyMatches(m.info.key, req)) ?? null;
  }

  /** Every drawn mark, in drawing order (page order within each match). */
  get all(): readonly DrawnMark[] {
    return this.marks;
  }

  /** Scrolls the mark into view and selects it. False when it is not on the page any more. */
  reveal(mark: DrawnMark): boolean {
    if (this.verify(nodesOf(mark)) > 0 || !this.marks.includes(mark)) return false;
    const range = mark.ranges[0];
    if (!range) return false;
    // Chosen from the popup far from where the reader is: register the marks around it first.
    if (!this.painted.has(mark)) this.repaint(paintWindow(this.firsts, mark.first, maxPaintedMarks));
    const el = range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
    this.removeFlash?.();
    this.layers.repair();
    // The chosen difference stays marked until another is chosen (no timer).
    this.removeFlash = this.layers.draw('flash', mark.ranges);
    this.selected = mark;
    return true;
  }
}

/** Makes StaticRanges in the snapshot's document (live Ranges where StaticRange is missing). */
function staticRangeFactory(snap: TextSnapshot): RangeFactory {
  const view = snap.nodes[0]?.ownerDocument.defaultView as (Window & typeof globalThis) | null | undefined;
  const Static = view?.StaticRange ?? (typeof StaticRange === 'function' ? StaticRange : undefined);
  if (!Static) return domRange;
  return (node, from, to) => new Static({ startContainer: node, startOffset: from, endContainer: node, endOffset: to });
}

/** A live Range over a static one, for layout queries (only for the few marks under the pointer). */
export function liveRange(r: AbstractRange): Range {
  const live = r.startContainer.ownerDocument!.createRange();
  live.setStart(r.startContainer, r.startOffset);
  live.setEnd(r.endContainer, r.endOffset);
  return live;
}

/** The settings' switches (one per display kind) as one switch per layer; false hides every kind. */
export function shownLayers(shown: HighlightSwitches | false): Record<LayerKind, boolean> {
  const out = Object.fromEntries(layerKinds.map((k) => [k, k === 'flash'])) as Record<LayerKind, boolean>;
  if (shown === false) return out;
  for (const kind of displayKinds) for (const layer of layersOfKind(kind)) out[layer] = shown[kind];
  return out;
}

/** The window's marks in report order (each highlight's ranges then run as the popup lists them). */
function inReportOrder(marks: readonly DrawnMark[], byPos: readonly DrawnMark[], win: { from: number; to: number }): readonly DrawnMark[] {
  if (win.from === 0 && win.to === byPos.length) return marks;
  const inWin = new Set(byPos.slice(win.from, win.to));
  return marks.filter((m) => inWin.has(m));
}

/** The window after removals: the run of byPos still registered. */
function paintWindowAround(byPos: readonly DrawnMark[], painted: ReadonlyMap<DrawnMark, unknown>): { from: number; to: number } {
  let from = -1;
  let to = -1;
  for (let i = 0; i < byPos.length; i++) {
    if (!painted.has(byPos[i]!)) continue;
    if (from < 0) from = i;
    to = i + 1;
  }
  return from < 0 ? { from: 0, to: 0 } : { from, to };
}

function nodesOf(mark: DrawnMark): Node[] {
  return mark.ranges.map((r) => r.startContainer);
}

/** The Text node under a viewport point (caretPositionFromPoint where available, which also sees into the given shadow roots). */
function caretAt(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[]): Node | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }) => { offsetNode: Node } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  try {
    if (typeof d.caretPositionFromPoint === 'function') {
      // Shadow roots must be named to get a position inside them.
      const pos = d.caretPositionFromPoint(x, y, { shadowRoots });
      if (pos) return pos.offsetNode;
    }
    if (typeof d.caretRangeFromPoint === 'function') return d.caretRangeFromPoint(x, y)?.startContainer ?? null;
  } catch {
    return null;
  }
  return null;
}
