// From key-text alignment to folded-text segments, and snapping edits onto
// word boundaries.
//
// The alignment runs on de-spun key text, where a spun 服务 already reads 工作.
// Here every aligned stretch is carried back to the folded text of both sides:
// an "equal" stretch whose de-spun units hide different folded words becomes a
// spin edit, with the exact extent of the spun word on each side.
import { align, type AlignOp } from './align';
import { pairKey, type Keyed, type Lexicon } from './lexicon';
import type { EngineOptions } from './options';

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
  /** Equal segments only: the two sides are regional variants of one word (信息 / 资讯);
   *  not a difference, but of different lengths, so never borrowed from when snapping. */
  variant?: boolean;
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
      else if (lexicon.variantPairs.has(pairKey(rt, pt))) emit({ equal: true, variant: true, r0, r1, p0, p1, spin: false, distorting: false });
      else {
        // Spin only when the lexicon knows this very swap, or every replaced
        // word on the page side is a spun form. Two plain words of one class
        // (群众 for 公共) are a hand edit: wording.
        const pair = lexicon.byPair.get(pairKey(rt, pt));
        let spunOnly = !pair;
        let distorting = pair?.distorting ?? false;
        for (let x = t; x < t2 && !pair; x++) {
          const e = page.entry[op.bStart + x]!;
          if (e === -2 || ref.entry[op.aStart + x]! >= 0) spunOnly = false;
          if (e >= 0 && lexicon.entries[e]!.distorting) distorting = true;
        }
        emit({ equal: false, r0, r1, p0, p1, spin: Boolean(pair) || spunOnly, distorting });
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
 * Merges neighbouring equal segments, and resolves the overlaps that a
 * de-spun unit cut in two by the alignment can leave: overlapping edits become
 * one edit. Edits that merely touch stay apart when either is a lexicon swap:
 * two swapped words side by side (工作领导 -> 服务率领) are two differences,
 * and so are a swap and the hand edit right beside it (生产生活平稳有序 ->
 * 分娩生计基本停滞: 生产→分娩 and 生活→生计 are spin, 平稳有序→基本停滞 is the
 * editor's), or the lexicon's explanation would hide the meaning change inside
 * one spin. Touching unexplained edits are joined: one changed stretch.
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
    const join = last.variant || cur.variant ? false : last.equal && cur.equal ? true : !last.equal && !cur.equal ? overlapped || (!last.spin && !cur.spin) : false;
    if (join) absorb(last, cur);
    else out.push(cur);
  }
  // An "equal" segment must hold the same number of characters on both sides.
  for (const s of out) if (s.equal && !s.variant && s.r1 - s.r0 !== s.p1 - s.p0) s.equal = false;
  return out;
}

function absorb(into: Segment, s: Segment): void {
  into.r1 = s.r1;
  into.p1 = s.p1;
  if (!into.equal) {
    into.spin = into.spin && s.spin;
    into.distorting = into.distorting || s.distorting;
  }
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
      if (!prev || !prev.equal || prev.variant || prev.r1 - prev.r0 === 0) break;
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
      if (!next || !next.equal || next.variant || next.r1 - next.r0 === 0) break;
      next.r0++;
      next.p0++;
      s.r1++;
      s.p1++;
      shift++;
    }
  }
  // Drop emptied equal segments. Edits that now touch are joined only where
  // the boundary between them cuts a word; two whole words stay two differences.
  const kept: Segment[] = [];
  for (const s of out) {
    if (s.equal && s.r1 === s.r0 && s.p1 === s.p0) continue;
    const last = kept[kept.length - 1];
    if (last && !last.equal && !s.equal && last.r1 === s.r0 && last.p1 === s.p0 && !isWordStart(s.r0)) absorb(last, s);
    else if (last && last.equal && s.equal && !last.variant && !s.variant) absorb(last, s);
    else kept.push(s);
  }
  return kept;
}


/**
 * An edit the key alignment could not explain may still be made of lexicon
 * swaps only: the de-spinning of one side can take an overlapping word
 * (主要领导 holds 要领, a spun form of 措施) and so hide the real swap
 * 领导→率领. Here the folded texts of such an edit are parsed directly, as a
 * sequence of equal characters and lexicon pairs; when that succeeds the edit
 * becomes one spin per swap, each with its exact extent.
 */
export function explainEdits(segs: Segment[], refFold: string, pageFold: string, lexicon: Lexicon, opts: Pick<EngineOptions, 'swapParseChars' | 'swapParseCells'>): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    if (s.equal || s.spin || s.r0 === s.r1 || s.p0 === s.p1) {
      out.push(s);
      continue;
    }
    const r = refFold.slice(s.r0, s.r1);
    const p = pageFold.slice(s.p0, s.p1);
    const parts = parseSwaps(r, p, lexicon, opts) ?? pureInsertionOrOmission(r, p, opts.swapParseCells);
    if (!parts) {
      out.push(s);
      continue;
    }
    for (const p of parts) out.push({ ...p, r0: s.r0 + p.r0, r1: s.r0 + p.r1, p0: s.p0 + p.p0, p1: s.p0 + p.p1 });
  }
  return mergeSegments(out);
}

/**
 * One side is the other with text added (junk injected inside a word:
 * 失职 -> 失x9z职, where de-spinning hid the shared characters from the key
 * alignment): split into equal stretches and pure insertions (or omissions).
 */
function pureInsertionOrOmission(r: string, p: string, cells: number): Segment[] | null {
  if (r.length === p.length || r.length * p.length > cells) return null;
  const ops = align(r, 0, r.length, p, 0, p.length, cells);
  const grows = p.length > r.length;
  for (const op of ops) if (!op.equal && (grows ? op.aEnd > op.aStart : op.bEnd > op.bStart)) return null;
  return ops.map((op) => ({ equal: op.equal, r0: op.aStart, r1: op.aEnd, p0: op.bStart, p1: op.bEnd, spin: false, distorting: false }));
}

function parseSwaps(r: string, p: string, lexicon: Lexicon, opts: Pick<EngineOptions, 'swapParseChars' | 'swapParseCells'>): Segment[] | null {
  if (r.length * p.length > opts.swapParseCells) return null;
  const MAX_SWAP_LEN = opts.swapParseChars;
  // Breadth-first over (i, j); the first path found to the end uses the fewest steps.
  const w = p.length + 1;
  const from = new Int32Array((r.length + 1) * w).fill(-1);
  const how = new Uint8Array((r.length + 1) * w); // 0 equal character, 1 lexicon swap, 2 regional variant
  from[0] = 0;
  let frontier = [0];
  while (frontier.length > 0 && from[r.length * w + p.length] === -1) {
    const next: number[] = [];
    for (const cell of frontier) {
      const i = Math.floor(cell / w);
      const j = cell % w;
      const visit = (ni: number, nj: number, kind: number) => {
        const c = ni * w + nj;
        if (from[c] !== -1) return;
        from[c] = cell;
        how[c] = kind;
        next.push(c);
      };
      if (i < r.length && j < p.length && r.charCodeAt(i) === p.charCodeAt(j)) visit(i + 1, j + 1, 0);
      for (let a = 1; a <= MAX_SWAP_LEN && i + a <= r.length; a++) {
        for (let b = 1; b <= MAX_SWAP_LEN && j + b <= p.length; b++) {
          const key = pairKey(r.slice(i, i + a), p.slice(j, j + b));
          if (lexicon.byPair.has(key)) visit(i + a, j + b, 1);
          else if (lexicon.variantPairs.has(key)) visit(i + a, j + b, 2);
        }
      }
    }
    frontier = next;
  }
  const end = r.length * w + p.length;
  if (from[end] === -1) return null;
  const steps: Segment[] = [];
  for (let c = end; c !== 0; c = from[c]!) {
    const prev = from[c]!;
    const i1 = Math.floor(c / w);
    const j1 = c % w;
    const i0 = Math.floor(prev / w);
    const j0 = prev % w;
    if (how[c] === 0) steps.push({ equal: true, r0: i0, r1: i1, p0: j0, p1: j1, spin: false, distorting: false });
    else if (how[c] === 2) steps.push({ equal: true, variant: true, r0: i0, r1: i1, p0: j0, p1: j1, spin: false, distorting: false });
    else {
      const e = lexicon.byPair.get(pairKey(r.slice(i0, i1), p.slice(j0, j1)))!;
      steps.push({ equal: false, r0: i0, r1: i1, p0: j0, p1: j1, spin: true, distorting: e.distorting });
    }
  }
  return steps.reverse();
}
