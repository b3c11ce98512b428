// From key-text alignment to folded-text segments, and snapping edits onto
// word boundaries.
//
// The alignment runs on de-spun key text, where a spun 服务 already reads 工作.
// Here every aligned stretch is carried back to the folded text of both sides:
// an "equal" stretch whose de-spun units hide different folded words becomes a
// spin edit, with the exact extent of the spun word on each side.
import type { AlignOp } from './align';
import type { Keyed, Lexicon } from './lexicon';

/** A stretch of the alignment in folded coordinates (ref article-relative, page whole-text). */
export interface Segment {
  equal: boolean;
  r0: number;
  r1: number;
  p0: number;
  p1: number;
  /** Edits only: every change inside is a lexicon swap. */
  spin: boolean;
  /** Edits only: some swap inside is marked distorting. */
  distorting: boolean;
}

export function opsToSegments(ops: readonly AlignOp[], ref: Keyed, refFoldLen: number, page: Keyed, pageFoldLen: number, refFold: string, pageFold: string, lexicon: Lexicon): Segment[] {
  const segs: Segment[] = [];
  const emit = (s: Segment) => {
    if (s.r0 === s.r1 && s.p0 === s.p1) return;
    segs.push(s);
  };
  for (const op of ops) {
    if (!op.equal) {
      const [r0, r1] = keySpanToFold(ref, op.aStart, op.aEnd, refFoldLen);
      const [p0, p1] = keySpanToFold(page, op.bStart, op.bEnd, pageFoldLen);
      emit({ equal: false, r0, r1, p0, p1, spin: false, distorting: false });
      continue;
    }
    const len = op.aEnd - op.aStart;
    let t = 0;
    while (t < len) {
      const ai = op.aStart + t;
      const bi = op.bStart + t;
      if (ref.entry[ai] === -1 && page.entry[bi] === -1) {
        // Plain equal run: extend while neither side holds a de-spun unit.
        let t2 = t + 1;
        while (t2 < len && ref.entry[op.aStart + t2] === -1 && page.entry[op.bStart + t2] === -1) t2++;
        emit({ equal: true, r0: ref.foldStart[ai]!, r1: ref.foldEnd[op.aStart + t2 - 1]!, p0: page.foldStart[bi]!, p1: page.foldEnd[op.bStart + t2 - 1]!, spin: false, distorting: false });
        t = t2;
        continue;
      }
      // A de-spun unit on either side: take the smallest stretch that ends on unit boundaries of both sides.
      let t2 = t + 1;
      for (;;) {
        const ea = ref.unitEnd[op.aStart + t2 - 1]! - op.aStart;
        const eb = page.unitEnd[op.bStart + t2 - 1]! - op.bStart;
        const e = Math.min(len, Math.max(ea, eb, t2));
        if (e === t2) break;
        t2 = e;
      }
      const r0 = ref.foldStart[ai]!;
      const r1 = ref.foldEnd[op.aStart + t2 - 1]!;
      const p0 = page.foldStart[bi]!;
      const p1 = page.foldEnd[op.bStart + t2 - 1]!;
      const rt = refFold.slice(r0, r1);
      const pt = pageFold.slice(p0, p1);
      if (rt === pt) emit({ equal: true, r0, r1, p0, p1, spin: false, distorting: false });
      else {
        let distorting = false;
        for (let x = t; x < t2; x++) {
          const e = page.entry[op.bStart + x]!;
          if (e >= 0 && lexicon.entries[e]!.distorting) distorting = true;
        }
        emit({ equal: false, r0, r1, p0, p1, spin: true, distorting });
      }
      t = t2;
    }
  }
  return mergeSegments(segs);
}

function keySpanToFold(k: Keyed, a: number, b: number, foldLen: number): [number, number] {
  if (b > a) return [k.foldStart[a]!, k.foldEnd[b - 1]!];
  if (a > 0) {
    const end = k.foldEnd[a - 1]!;
    return [end, end];
  }
  const at = a < k.text.length ? k.foldStart[a]! : foldLen;
  return [at, at];
}

/**
 * Merges neighbouring segments of one kind and resolves the overlaps that a
 * de-spun unit cut in two by the alignment can leave: overlapping or touching
 * edits become one edit.
 */
export function mergeSegments(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const last = out[out.length - 1];
    if (!last) {
      out.push({ ...s });
      continue;
    }
    // Clip against what is already emitted (a unit's fold span may repeat).
    const r0 = Math.max(s.r0, last.r1);
    const p0 = Math.max(s.p0, last.p1);
    const overlapped = r0 !== s.r0 || p0 !== s.p0;
    const cur: Segment = { ...s, r0, p0, r1: Math.max(s.r1, r0), p1: Math.max(s.p1, p0) };
    if (cur.r0 === cur.r1 && cur.p0 === cur.p1) continue;
    if (overlapped && cur.equal) cur.equal = false;
    if (last.equal === cur.equal) {
      last.r1 = cur.r1;
      last.p1 = cur.p1;
      last.spin = last.spin && cur.spin;
      last.distorting = last.distorting || cur.distorting;
    } else out.push(cur);
  }
  // An "equal" segment must hold the same number of characters on both sides.
  for (const s of out) if (s.equal && s.r1 - s.r0 !== s.p1 - s.p0) s.equal = false;
  return mergeNeighbouringEdits(out);
}

function mergeNeighbouringEdits(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const last = out[out.length - 1];
    if (last && !last.equal && !s.equal) {
      last.r1 = s.r1;
      last.p1 = s.p1;
      last.spin = last.spin && s.spin;
      last.distorting = last.distorting || s.distorting;
    } else out.push({ ...s });
  }
  return out;
}

/**
 * Moves the ends of replacements onto word boundaries of the reference
 * (Intl.Segmenter over its folded Simplified text), borrowing the characters
 * from the neighbouring equal segments, so 做→作念 is reported as 做好→作念好
 * and a word is never cut in two. Pure insertions and omissions keep their
 * exact extent: junk injected inside a word is reported as itself.
 */
export function snapToWords(segs: Segment[], isWordStart: (refPos: number) => boolean, maxShift: number): Segment[] {
  const out = segs.map((s) => ({ ...s }));
  for (let i = 0; i < out.length; i++) {
    const s = out[i]!;
    if (s.equal || s.r0 === s.r1 || s.p0 === s.p1) continue;
    // Left end.
    let shift = 0;
    while (shift < maxShift && !isWordStart(s.r0)) {
      const prev = out[i - 1];
      if (!prev || !prev.equal || prev.r1 - prev.r0 === 0) break;
      prev.r1--;
      prev.p1--;
      s.r0--;
      s.p0--;
      shift++;
    }
    // Right end.
    shift = 0;
    while (shift < maxShift && !isWordStart(s.r1)) {
      const next = out[i + 1];
      if (!next || !next.equal || next.r1 - next.r0 === 0) break;
      next.r0++;
      next.p0++;
      s.r1++;
      s.p1++;
      shift++;
    }
  }
  // Drop emptied equal segments and merge edits that now touch.
  const kept = out.filter((s) => !(s.equal && s.r1 === s.r0));
  return mergeNeighbouringEdits(kept);
}
