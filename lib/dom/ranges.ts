// Snapshot offsets -> DOM Ranges, and the check that the text under a range is
// still the text the engine saw. A span of the snapshot may cross several
// Text nodes (and shadow roots, and iframes): it becomes one Range per node,
// so a range never spans content the extraction skipped (buttons, scripts,
// hidden elements) and never crosses a tree boundary.
import type { TextSnapshot } from './extract';

/** The DOM pieces of one snapshot span. */
export interface SpanRanges {
  ranges: AbstractRange[];
  /** Snapshot node indices covered, inclusive. */
  first: number;
  last: number;
}

/** Index of the last node whose start is <= offset (-1 if none). */
export function nodeAt(snap: TextSnapshot, offset: number): number {
  const starts = snap.starts;
  let lo = 0;
  let hi = starts.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) {
      ans = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return ans;
}

function nodeEnd(snap: TextSnapshot, i: number): number {
  return snap.starts[i]! + snap.data[i]!.length;
}

/**
 * The node pieces covering [start, end): for each node, the local [from, to).
 * Synthetic characters (block-boundary newlines) map to nothing.
 */
export function spanPieces(snap: TextSnapshot, start: number, end: number): Array<{ index: number; from: number; to: number }> {
  const out: Array<{ index: number; from: number; to: number }> = [];
  if (end <= start || snap.nodes.length === 0) return out;
  let i = nodeAt(snap, start);
  if (i < 0) i = 0;
  else if (nodeEnd(snap, i) <= start) i++;
  for (; i < snap.nodes.length; i++) {
    const s = snap.starts[i]!;
    if (s >= end) break;
    const from = Math.max(start, s) - s;
    const to = Math.min(end, nodeEnd(snap, i)) - s;
    if (to > from) out.push({ index: i, from, to });
  }
  return out;
}

/**
 * A visible one-character span for a point where text was omitted: the
 * character just before the point, or if there is none in a node, the one after.
 */
export function markerSpan(snap: TextSnapshot, pos: number): { start: number; end: number } | null {
  if (snap.nodes.length === 0) return null;
  const i = nodeAt(snap, pos - 1);
  if (i >= 0 && pos - 1 < nodeEnd(snap, i) && pos - 1 >= snap.starts[i]!) return { start: pos - 1, end: pos };
  // pos - 1 is synthetic or before the first node: take the next node character.
  let j = nodeAt(snap, pos);
  if (j < 0 || pos >= nodeEnd(snap, j)) j++;
  if (j >= snap.nodes.length) {
    // at the very end: the last character of the last node
    const last = snap.nodes.length - 1;
    const e = nodeEnd(snap, last);
    return { start: e - 1, end: e };
  }
  const p = Math.max(pos, snap.starts[j]!);
  return { start: p, end: p + 1 };
}

/** Is every node in [first, last] still attached and holding the text it had at extraction? */
export function nodesUnchanged(snap: TextSnapshot, first: number, last: number): boolean {
  for (let i = first; i <= last; i++) {
    const node = snap.nodes[i];
    if (!node || !node.isConnected || node.data !== snap.data[i]) return false;
  }
  return true;
}

/**
 * Ranges for the snapshot span [start, end), or null when the span covers no
 * node text or a covered node changed since extraction (never draw on words
 * that are not the ones the engine judged).
 */
export type RangeFactory = (node: Text, from: number, to: number) => AbstractRange;

export const domRange: RangeFactory = (node, from, to) => {
  const range = node.ownerDocument.createRange();
  range.setStart(node, from);
  range.setEnd(node, to);
  return range;
};

export function spanToRanges(snap: TextSnapshot, start: number, end: number, makeRange: RangeFactory = domRange): SpanRanges | null {
  const pieces = spanPieces(snap, start, end);
  if (pieces.length === 0) return null;
  const first = pieces[0]!.index;
  const last = pieces[pieces.length - 1]!.index;
  if (!nodesUnchanged(snap, first, last)) return null;
  const ranges: AbstractRange[] = [];
  for (const p of pieces) ranges.push(makeRange(snap.nodes[p.index]!, p.from, p.to));
  return { ranges, first, last };
}

/** The text a piece list stands for, read from the live nodes (for staleness checks). */
export function liveText(snap: TextSnapshot, start: number, end: number): string {
  let s = '';
  for (const p of spanPieces(snap, start, end)) s += snap.nodes[p.index]!.data.slice(p.from, p.to);
  return s;
}
