// Which drawn marks are registered as highlights at once. The browser
// re-validates every registered range on each change of the highlight
// registry (98k ranges stalled a page's main thread for 1.5-4.9 s after one
// swap), so at most `maxPaintedMarks` are registered: the ones nearest the
// part of the page being read. The rest keep their ranges (hover, find,
// next/previous) and are registered when the reader scrolls to them. Counts
// (banner, badge, popup) are the report's, never the window's.

/** Marks registered as highlights at once (the rest wait for the reader to scroll near them). */
export const maxPaintedMarks = 6000;

/**
 * Indices (into `firsts`, sorted ascending by position) of the `cap` marks
 * nearest `center`, as one contiguous run [from, to). Whole when they all fit.
 */
export function paintWindow(firsts: ArrayLike<number>, center: number, cap: number = maxPaintedMarks): { from: number; to: number } {
  const n = firsts.length;
  if (n <= cap) return { from: 0, to: n };
  // First index at or after center.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (firsts[mid]! < center) lo = mid + 1;
    else hi = mid;
  }
  let from = lo;
  let to = lo;
  while (to - from < cap) {
    if (from === 0) to++;
    else if (to === n) from--;
    else if (center - firsts[from - 1]! <= firsts[to]! - center) from--;
    else to++;
  }
  return { from, to };
}

/** Should the window move for a reader now at `center`? When it is in the outer quarters and marks lie beyond. */
export function windowStale(firsts: ArrayLike<number>, win: { from: number; to: number }, center: number): boolean {
  const n = firsts.length;
  if (win.from === 0 && win.to === n) return false;
  if (win.to <= win.from) return true;
  const lo = firsts[win.from]!;
  const hi = firsts[win.to - 1]!;
  const quarter = (hi - lo) / 4;
  return (win.from > 0 && center < lo + quarter) || (win.to < n && center > hi - quarter);
}
