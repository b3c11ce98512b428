// Character alignment of a region pair, with bounded cost.
//
// As in patience diff: unique shared k-grams are anchors, the longest chain of
// anchors consistent in both texts (longest increasing subsequence) fixes the
// big picture, and only the gaps between anchors are aligned in detail by a
// small edit-distance DP. Gaps too large for the DP's budget are split again
// with shorter anchors; a gap that still has none is one replacement. No pass
// is ever O(n·m) over whole pages.

export interface AlignOp {
  equal: boolean;
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

const ANCHOR_SIZES = [16, 8, 4, 2];

export function align(a: string, a0: number, a1: number, b: string, b0: number, b1: number, dpCellBudget: number): AlignOp[] {
  const out: AlignOp[] = [];
  alignRange(a, a0, a1, b, b0, b1, dpCellBudget, out, 0);
  return coalesce(out);
}

function push(out: AlignOp[], equal: boolean, aStart: number, aEnd: number, bStart: number, bEnd: number): void {
  if (aEnd === aStart && bEnd === bStart) return;
  out.push({ equal, aStart, aEnd, bStart, bEnd });
}

function alignRange(a: string, a0: number, a1: number, b: string, b0: number, b1: number, budget: number, out: AlignOp[], sizeIdx: number): void {
  // Common prefix and suffix are free.
  let p = 0;
  while (a0 + p < a1 && b0 + p < b1 && a.charCodeAt(a0 + p) === b.charCodeAt(b0 + p)) p++;
  let s = 0;
  while (a1 - s > a0 + p && b1 - s > b0 + p && a.charCodeAt(a1 - 1 - s) === b.charCodeAt(b1 - 1 - s)) s++;
  push(out, true, a0, a0 + p, b0, b0 + p);
  const ia0 = a0 + p;
  const ia1 = a1 - s;
  const ib0 = b0 + p;
  const ib1 = b1 - s;
  if (ia0 === ia1 || ib0 === ib1) {
    push(out, false, ia0, ia1, ib0, ib1);
  } else if ((ia1 - ia0) * (ib1 - ib0) <= budget) {
    dp(a, ia0, ia1, b, ib0, ib1, out);
  } else {
    anchored(a, ia0, ia1, b, ib0, ib1, budget, out, sizeIdx);
  }
  push(out, true, a1 - s, a1, b1 - s, b1);
}

function anchored(a: string, a0: number, a1: number, b: string, b0: number, b1: number, budget: number, out: AlignOp[], sizeIdx: number): void {
  for (let si = sizeIdx; si < ANCHOR_SIZES.length; si++) {
    const k = ANCHOR_SIZES[si]!;
    const anchors = uniqueAnchors(a, a0, a1, b, b0, b1, k);
    if (anchors.length === 0) continue;
    const chain = longestIncreasing(anchors);
    let ca = a0;
    let cb = b0;
    for (const [ap, bp] of chain) {
      if (ap < ca || bp < cb) continue; // overlaps the previous anchor's extension
      alignRange(a, ca, ap, b, cb, bp, budget, out, si + 1 < ANCHOR_SIZES.length ? si : si);
      // Extend the anchor forward as far as the texts agree.
      let e = k;
      while (ap + e < a1 && bp + e < b1 && a.charCodeAt(ap + e) === b.charCodeAt(bp + e)) e++;
      push(out, true, ap, ap + e, bp, bp + e);
      ca = ap + e;
      cb = bp + e;
    }
    alignRange(a, ca, a1, b, cb, b1, budget, out, si);
    return;
  }
  // No shared k-gram at all: the two stretches have nothing in common.
  push(out, false, a0, a1, b0, b1);
}

/** k-grams occurring exactly once in each range, as [aPos, bPos] sorted by aPos. */
function uniqueAnchors(a: string, a0: number, a1: number, b: string, b0: number, b1: number, k: number): Array<[number, number]> {
  const inA = new Map<string, number>(); // gram -> position, or -1 when repeated
  for (let i = a0; i + k <= a1; i++) {
    const g = a.slice(i, i + k);
    inA.set(g, inA.has(g) ? -1 : i);
  }
  const inB = new Map<string, number>();
  for (let i = b0; i + k <= b1; i++) {
    const g = b.slice(i, i + k);
    if (!inA.has(g)) continue;
    inB.set(g, inB.has(g) ? -1 : i);
  }
  const anchors: Array<[number, number]> = [];
  for (const [g, bp] of inB) {
    const ap = inA.get(g)!;
    if (ap >= 0 && bp >= 0) anchors.push([ap, bp]);
  }
  return anchors.sort((x, y) => x[0] - y[0]);
}

/** Longest subsequence increasing in both coordinates (patience sorting, O(n log n)). */
function longestIncreasing(pairs: Array<[number, number]>): Array<[number, number]> {
  const tails: number[] = []; // index into pairs of the smallest tail of each length
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let i = 0; i < pairs.length; i++) {
    const bp = pairs[i]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < bp) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const chain: Array<[number, number]> = [];
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) chain.push(pairs[i]!);
  return chain.reverse();
}

/**
 * Edit-distance DP with traceback (unit costs). Ties prefer a substitution,
 * then a deletion, so a replaced word comes out as one replacement rather than
 * a deletion plus an insertion.
 */
function dp(a: string, a0: number, a1: number, b: string, b0: number, b1: number, out: AlignOp[]): void {
  const n = a1 - a0;
  const m = b1 - b0;
  const w = m + 1;
  const cost = new Uint16Array((n + 1) * w);
  for (let j = 0; j <= m; j++) cost[j] = j;
  for (let i = 1; i <= n; i++) {
    cost[i * w] = i;
    const ac = a.charCodeAt(a0 + i - 1);
    for (let j = 1; j <= m; j++) {
      const sub = cost[(i - 1) * w + j - 1]! + (ac === b.charCodeAt(b0 + j - 1) ? 0 : 1);
      const del = cost[(i - 1) * w + j]! + 1;
      const ins = cost[i * w + j - 1]! + 1;
      cost[i * w + j] = sub <= del ? (sub <= ins ? sub : ins) : del <= ins ? del : ins;
    }
  }
  // Traceback from the end, collecting unit steps in reverse.
  const steps: Array<0 | 1 | 2 | 3> = []; // 0 equal, 1 substitute, 2 delete (a only), 3 insert (b only)
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const c = cost[i * w + j]!;
    if (i > 0 && j > 0) {
      const same = a.charCodeAt(a0 + i - 1) === b.charCodeAt(b0 + j - 1);
      if (c === cost[(i - 1) * w + j - 1]! + (same ? 0 : 1)) {
        steps.push(same ? 0 : 1);
        i--;
        j--;
        continue;
      }
    }
    if (i > 0 && c === cost[(i - 1) * w + j]! + 1) {
      steps.push(2);
      i--;
    } else {
      steps.push(3);
      j--;
    }
  }
  steps.reverse();
  let ai = a0;
  let bi = b0;
  for (const st of steps) {
    const eq = st === 0;
    const na = st === 3 ? ai : ai + 1;
    const nb = st === 2 ? bi : bi + 1;
    out.push({ equal: eq, aStart: ai, aEnd: na, bStart: bi, bEnd: nb });
    ai = na;
    bi = nb;
  }
}

/** Merges neighbouring ops of the same kind. */
function coalesce(ops: AlignOp[]): AlignOp[] {
  const out: AlignOp[] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    if (last && last.equal === op.equal && last.aEnd === op.aStart && last.bEnd === op.bStart) {
      last.aEnd = op.aEnd;
      last.bEnd = op.bEnd;
    } else out.push({ ...op });
  }
  return out;
}
