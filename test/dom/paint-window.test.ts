import { describe, expect, it } from 'vitest';
import { maxPaintedMarks, paintWindow, windowStale } from '../../lib/dom/paint-window';

const firsts = (n: number) => Int32Array.from({ length: n }, (_, i) => i * 2);

describe('paint window', () => {
  it('registers every mark when they fit (just inside the cap) and only the cap just outside it', () => {
    expect(paintWindow(firsts(maxPaintedMarks), 0)).toEqual({ from: 0, to: maxPaintedMarks });
    const w = paintWindow(firsts(maxPaintedMarks + 1), 0);
    expect(w.to - w.from).toBe(maxPaintedMarks);
    expect(w).toEqual({ from: 0, to: maxPaintedMarks });
  });
  it('takes the marks nearest the reader, and moves only near its edge', () => {
    const f = firsts(100);
    const w = paintWindow(f, 100, 10); // marks at 90..108
    expect(w).toEqual({ from: 45, to: 55 });
    expect(windowStale(f, w, 100)).toBe(false);
    expect(windowStale(f, w, 91)).toBe(true);
    expect(windowStale(f, w, 107)).toBe(true);
    expect(paintWindow(f, 10_000, 10)).toEqual({ from: 90, to: 100 });
  });
});
