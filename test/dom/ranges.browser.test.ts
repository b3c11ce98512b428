import { afterEach, describe, expect, it } from 'vitest';
import { extractSnapshot } from '../../lib/dom/extract';
import { liveText, markerSpan, nodesUnchanged, spanPieces, spanToRanges } from '../../lib/dom/ranges';

// Real Ranges over a live document (Chromium, Vitest browser mode): spanToRanges
// makes them with the browser's own document.createRange, as on a page.
let host: HTMLElement | undefined;
afterEach(() => {
  host?.remove();
  host = undefined;
});

function snapOf(html: string) {
  host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  return { snap: extractSnapshot(host) };
}

describe('ranges', () => {
  it('splits a span across nodes and skips synthetic newlines', () => {
    const { snap } = snapOf('<p>甲乙</p><p>丙<i>丁</i>戊</p>');
    // text: 甲乙\n丙丁戊 ; span 乙\n丙丁
    const start = snap.text.indexOf('乙');
    const end = snap.text.indexOf('丁') + 1;
    const pieces = spanPieces(snap, start, end);
    expect(pieces).toEqual([
      { index: 0, from: 1, to: 2 },
      { index: 1, from: 0, to: 1 },
      { index: 2, from: 0, to: 1 },
    ]);
    expect(liveText(snap, start, end)).toBe('乙丙丁');
    // a span that is only a synthetic newline maps to nothing
    expect(spanPieces(snap, 2, 3)).toEqual([]);
  });

  it('gives one range per node, with the right text', () => {
    const { snap } = snapOf('<p>中共中央<b>政治局</b>常务委员会</p>');
    const start = snap.text.indexOf('中央');
    const end = snap.text.indexOf('常务') + 2;
    const sr = spanToRanges(snap, start, end)!;
    expect(sr.first).toBe(0);
    expect(sr.last).toBe(2);
    expect(sr.ranges.map((r) => (r as Range).toString())).toEqual(['中央', '政治局', '常务']);
    // A real Range reports the layout the reader sees: each piece has a box.
    expect(sr.ranges.every((r) => (r as Range).getBoundingClientRect().width > 0)).toBe(true);
  });

  it('refuses to map a span whose text changed since extraction', () => {
    const { snap } = snapOf('<p>应对疫情</p><p>领导小组</p>');
    expect(nodesUnchanged(snap, 0, 1)).toBe(true);
    snap.nodes[1]!.data = '率领小组';
    expect(nodesUnchanged(snap, 0, 1)).toBe(false);
    expect(spanToRanges(snap, 0, 2)).not.toBeNull();
    expect(spanToRanges(snap, 5, 7)).toBeNull();
    snap.nodes[0]!.remove();
    expect(spanToRanges(snap, 0, 2)).toBeNull();
  });

  it('places an omission marker on a real character next to the point', () => {
    const { snap } = snapOf('<p>甲乙</p><p>丙丁</p>');
    // inside a node: the character before
    expect(markerSpan(snap, 1)).toEqual({ start: 0, end: 1 });
    // right after the synthetic newline (start of 丙): the character before is synthetic -> the next one
    expect(markerSpan(snap, 3)).toEqual({ start: 3, end: 4 });
    // at the very start
    expect(markerSpan(snap, 0)).toEqual({ start: 0, end: 1 });
    // at the very end
    expect(markerSpan(snap, snap.text.length)).toEqual({ start: 4, end: 5 });
  });
});
