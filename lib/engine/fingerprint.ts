// Character k-gram hashes and winnowing (Schleimer, Wilkerson, Aiken,
// "Winnowing: local algorithms for document fingerprinting", SIGMOD 2003),
// the scheme dodona-edu/dolos also uses. Hashes live in typed arrays.

const BASE = 0x01000193; // FNV prime: odd, spreads UTF-16 units well under 32-bit wrap-around

/** hashes[i] = hash of text[i, i + k); length max(0, n - k + 1). */
export function kgramHashes(text: string, k: number): Uint32Array {
  const n = text.length - k + 1;
  if (n <= 0) return new Uint32Array(0);
  const out = new Uint32Array(n);
  // BASE^(k-1), to remove the outgoing unit.
  let top = 1;
  for (let i = 0; i < k - 1; i++) top = Math.imul(top, BASE);
  let h = 0;
  for (let i = 0; i < k; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  out[0] = h >>> 0;
  for (let i = 1; i < n; i++) {
    h = (h - Math.imul(text.charCodeAt(i - 1), top)) | 0;
    h = (Math.imul(h, BASE) + text.charCodeAt(i + k - 1)) | 0;
    out[i] = h >>> 0;
  }
  return out;
}

/**
 * Winnowing: in every window of `w` consecutive hashes keep the minimum
 * (the rightmost on ties), each selected position once. Any substring of
 * length >= k + w - 1 shared by two texts shares at least one selected hash.
 * Returns the selected positions in increasing order.
 */
export function winnow(hashes: Uint32Array, w: number): Int32Array {
  const n = hashes.length;
  if (n === 0) return new Int32Array(0);
  if (n <= w) {
    let m = 0;
    for (let i = 1; i < n; i++) if (hashes[i]! <= hashes[m]!) m = i;
    return Int32Array.of(m);
  }
  const picked: number[] = [];
  let last = -1;
  // Monotone deque of candidate positions, hashes increasing from front to back.
  const dq = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    while (tail > head && hashes[dq[tail - 1]!]! >= hashes[i]!) tail--;
    dq[tail++] = i;
    if (dq[head]! <= i - w) head++;
    if (i >= w - 1) {
      const m = dq[head]!;
      if (m !== last) {
        picked.push(m);
        last = m;
      }
    }
  }
  return Int32Array.from(picked);
}
