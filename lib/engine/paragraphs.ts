// Which reference each page line belongs to.
//
// A portal page can carry two bulletins paragraph by paragraph. Fingerprint
// chains of one reference then run across the other's paragraphs, and edge
// extension reaches into them, inventing alterations at the seams. So each
// page line (raw text between line breaks) is given to one reference: the one
// whose selected chains weigh most in it; a line with no such weight (a
// headline made of stock phrasing) goes to the one reference whose text holds
// it verbatim, preferring the owner of the lines that follow it (a headline
// opens its bulletin). A candidate is then cut wherever a line of another
// reference stands inside it, and its match may not grow into such a line.
import { summarize, type Candidate } from './candidates';
import type { CorpusIndex } from './corpus-index';
import type { Keyed } from './lexicon';
import type { Folded } from './normalize';
import type { EngineOptions } from './options';

/** A page line in key-text coordinates, end exclusive, with its owner (a reference index) if any. */
export interface Line {
  start: number;
  end: number;
  /** Han characters in the line (digits and Latin glued to it are furniture as often as not). */
  han: number;
  owner: number | null;
}

/** Key-text ranges of the page's lines (lines without key text are left out). */
export function pageLines(raw: string, folded: Folded, key: Keyed): Line[] {
  const lines: Line[] = [];
  let rawPos = 0;
  let line = 0;
  let cur: Line | null = null;
  for (let i = 0; i < key.text.length; i++) {
    const r = folded.rawStart[key.foldStart[i]!]!;
    let l = line;
    for (; rawPos < r; rawPos++) if (raw.charCodeAt(rawPos) === 10) l++;
    if (!cur || l !== line) {
      if (cur) lines.push(cur);
      cur = { start: i, end: i + 1, han: 0, owner: null };
      line = l;
    } else cur.end = i + 1;
    const c = key.text.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) cur.han++;
  }
  if (cur) lines.push(cur);
  return lines;
}

function lineAt(lines: readonly Line[], p: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}


/** Sets each line's owner from the fingerprint chains of the references the selected candidates name. */
export function assignOwners(lines: Line[], selected: readonly Candidate[], chains: readonly Candidate[], index: CorpusIndex, pageKey: string, opts: EngineOptions): void {
  if (lines.length === 0) return;
  const docs = [...new Set(selected.map((c) => c.doc))];
  if (docs.length < 2) {
    // One reference: nothing to arbitrate.
    for (const l of lines) l.owner = docs[0] ?? null;
    return;
  }
  // Every chain of the selected references weighs in, also those too weak to
  // be selected: a dateline paragraph of stock phrasing still holds its own
  // reference's rarer fingerprints.
  const inPlay = new Set(docs);
  const score = new Map<number, Map<number, number>>();
  // Reference positions each line's hits reach, per reference: where in the
  // reference that line stands.
  const reach = new Map<number, Map<number, { min: number; max: number }>>();
  for (const c of chains) {
    if (!inPlay.has(c.doc)) continue;
    for (const h of c.hits) {
      const l = lineAt(lines, h.p);
      // Only a k-gram wholly inside the line says the line holds that reference's text.
      if (h.p + index.k > lines[l]!.end) continue;
      let m = score.get(l);
      if (!m) score.set(l, (m = new Map()));
      m.set(c.doc, (m.get(c.doc) ?? 0) + h.w);
      let rm = reach.get(l);
      if (!rm) reach.set(l, (rm = new Map()));
      // Projected along the hit's diagonal to the line's ends: where the
      // line's first and last characters stand in the reference.
      const line = lines[l]!;
      const from = h.r - (h.p - line.start);
      const to = h.r + (line.end - h.p);
      const cur = rm.get(c.doc);
      if (!cur) rm.set(c.doc, { min: from, max: to });
      else {
        cur.min = Math.min(cur.min, from);
        cur.max = Math.max(cur.max, to);
      }
    }
  }
  for (const [l, m] of score) {
    let best: number | null = null;
    let bestW = 0;
    for (const [doc, w] of m) if (w > bestW) [best, bestW] = [doc, w];
    // A stray shared k-gram or two (习近平主持 in a subheading) does not make a
    // line a reference's: winnowing keeps about 0.4 fingerprints per character
    // of shared text, so a line that holds the reference has far more.
    const line = lines[l]!;
    if (bestW >= opts.lineHitDensity * line.han) line.owner = best;
  }
  // Lines without chain weight: by their text.
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    if (line.owner !== null) continue;
    // Its Han text: digits or Latin glued to either end (a timestamp, a menu) are furniture.
    const text = pageKey.slice(line.start, line.end).replace(/^[^\u3400-\u9fff]+|[^\u3400-\u9fff]+$/g, '');
    if (text.length < opts.lineTextChars) continue;
    let holders = docs.filter((d) => index.docs[d]!.keyText.includes(text));
    // Several references hold the text (a subheading of stock phrasing): keep
    // those that hold it where it stands, between the reference positions of
    // their own neighbouring lines.
    if (holders.length > 1) {
      const fits = holders.filter((d) => {
        let after = -1;
        let before = Infinity;
        for (let x = l - 1; x >= 0; x--) {
          const r = lines[x]!.owner === d ? reach.get(x)?.get(d) : undefined;
          if (r) {
            after = r.max;
            break;
          }
        }
        for (let x = l + 1; x < lines.length; x++) {
          const r = lines[x]!.owner === d ? reach.get(x)?.get(d) : undefined;
          if (r) {
            before = r.min;
            break;
          }
        }
        const key = index.docs[d]!.keyText;
        for (let i = key.indexOf(text); i >= 0; i = key.indexOf(text, i + 1)) if (i >= after && i + text.length <= before) return true;
        return false;
      });
      if (fits.length > 0) holders = fits;
    }
    if (holders.length === 0) continue;
    if (holders.length === 1) {
      line.owner = holders[0]!;
      continue;
    }
    const next = lines.slice(l + 1).find((x) => x.owner !== null && holders.includes(x.owner));
    line.owner = next?.owner ?? null;
  }
}

/**
 * Cuts every candidate where a line owned by another reference stands inside
 * it; pieces that no longer pass the thresholds are dropped.
 */
export function cutAtForeignLines(cands: readonly Candidate[], lines: readonly Line[], k: number, opts: EngineOptions): Candidate[] {
  const out: Candidate[] = [];
  for (const c of cands) {
    let piece: Candidate['hits'] = [];
    const flush = () => {
      if (piece.length === 0) return;
      const s = summarize({ doc: c.doc, hits: piece }, k);
      if (s === c || (s.weight >= opts.minMatchWeight && s.coverage >= opts.minMatchDensity)) out.push(s);
      piece = [];
    };
    let lastLine = -1;
    for (const h of c.hits) {
      const l = lineAt(lines, h.p);
      const owner = lines[l]!.owner;
      if (owner !== null && owner !== c.doc) {
        flush();
        continue;
      }
      // A foreign line between the previous hit and this one also cuts.
      if (lastLine >= 0) for (let x = lastLine + 1; x < l; x++) if (lines[x]!.owner !== null && lines[x]!.owner !== c.doc) flush();
      piece.push(h);
      lastLine = l;
    }
    flush();
  }
  return out;
}

/**
 * Key-text bounds a match of `doc` starting at `start` (a hit in a line of its
 * own) may grow into: from the end of the nearest other reference's line
 * before it to the start of the nearest one after it.
 */
export function fenceFor(doc: number, start: number, lines: readonly Line[], keyLength: number): { lo: number; hi: number } {
  let lo = 0;
  let hi = keyLength;
  if (lines.length === 0) return { lo, hi };
  const at = lineAt(lines, start);
  const foreign = (l: Line) => l.owner !== null && l.owner !== doc;
  for (let l = at - 1; l >= 0; l--) {
    if (foreign(lines[l]!)) {
      lo = lines[l]!.end;
      break;
    }
  }
  for (let l = at + 1; l < lines.length; l++) {
    if (foreign(lines[l]!)) {
      hi = lines[l]!.start;
      break;
    }
  }
  return { lo, hi };
}
