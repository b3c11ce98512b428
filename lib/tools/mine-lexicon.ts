// Mines the spinner lexicon: `npm run lexicon` (add `-- --dry-run` to print
// without writing).
//
// Every specimen in seeds/manifest.json (role "specimen") is verified against
// the references, and each replacement inside a matched region becomes a
// candidate pair original -> spun, counted. Pairs are reduced to their core
// (做好 -> 作念好 becomes 做 -> 作念), and the run is repeated with the pairs
// found so far, so that a stretch where two swapped words touch
// (工作领导 -> 服务率领) splits into its two swaps on the next round.
//
// Hand review survives re-runs: the fields `distorting`, `marker` and `status`
// ("accepted", "rejected") of a pair already in the file are kept. New pairs
// come in as "accepted" with distorting false; review them (README, "The
// spinner lexicon").
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../corpus/node';
import { buildIndex } from '../engine/corpus-index';
import { makeLexicon, type LexiconEntry } from '../engine/lexicon';
import { fold } from '../engine/normalize';
import { verify } from '../engine/verify';

const lexiconPath = join(dirname(fileURLToPath(import.meta.url)), '../engine/data/spinner-lexicon.json');
const ROUNDS = 3;
/** Longest side of a pair we believe is one swap, not a rewritten phrase. */
const MAX_PAIR_LEN = 4;

interface StoredEntry {
  original: string;
  spun: string;
  count: number;
  distorting: boolean;
  marker: boolean;
  status: 'accepted' | 'rejected';
  note?: string;
}

function core(original: string, spun: string): [string, string] {
  let a = original;
  let b = spun;
  // Strip shared ends, but never below two characters on the longer side: 政治局 -> 政事局 stays a word pair.
  while (a.length > 1 && b.length > 1 && a[0] === b[0] && Math.max(a.length, b.length) > 2) {
    a = a.slice(1);
    b = b.slice(1);
  }
  while (a.length > 1 && b.length > 1 && a[a.length - 1] === b[b.length - 1] && Math.max(a.length, b.length) > 2) {
    a = a.slice(0, -1);
    b = b.slice(0, -1);
  }
  return [a, b];
}

/**
 * One character for one character (品 -> 物) is too ambiguous to reverse: the
 * spun character is common in genuine text, and such pairs mostly come from
 * cutting a two-word swap at the wrong place.
 */
function oneToOne(o: string, s: string): boolean {
  return o.length === 1 && s.length === 1;
}

type Counted = Map<string, { original: string; spun: string; count: number }>;

/**
 * Two swapped words side by side come out of one round as one pair
 * (工作领导 -> 服务率领). A pair that splits into known pairs and unchanged
 * text (工作 -> 服务 + 领导 -> 率领, or 做 -> 作念 + 好) is dropped and its
 * count goes to its parts.
 */
function dropCompounds(found: Counted, reviewed: Counted): Counted {
  const pairs: Counted = new Map(found);
  for (const [key, e] of reviewed) if (!pairs.has(key)) pairs.set(key, { ...e, count: 0 });
  const memo = new Map<string, Array<[string, string]> | null>();
  const split = (o: string, s: string, top: boolean): Array<[string, string]> | null => {
    const key = `${o}\u0000${s}`;
    if (!top) {
      if (o === s) return [];
      if (pairs.has(key)) return [[o, s]];
    }
    if (memo.has(key)) return memo.get(key)!;
    memo.set(key, null);
    for (let i = 1; i < o.length; i++) {
      for (let j = 1; j < s.length; j++) {
        const left = split(o.slice(0, i), s.slice(0, j), false);
        const right = left && split(o.slice(i), s.slice(j), false);
        if (left && right && left.length + right.length > 0) {
          memo.set(key, [...left, ...right]);
          return memo.get(key)!;
        }
      }
    }
    return null;
  };
  const out: Counted = new Map(found);
  const bySize = [...found.values()].sort((a, b) => a.original.length + a.spun.length - (b.original.length + b.spun.length));
  for (const p of bySize) {
    if (p.original.length + p.spun.length < 4) continue;
    let parts = split(p.original, p.spun, true);
    // Otherwise: a known pair (or unchanged text) at one end, and a new, shorter pair for the rest
    // (应对新型 -> 玩忽新式 is 应对 -> 玩忽 and 新型 -> 新式).
    for (let i = 1; !parts && i < p.original.length; i++) {
      for (let j = 1; !parts && j < p.spun.length; j++) {
        const [lo, ls, ro, rs] = [p.original.slice(0, i), p.spun.slice(0, j), p.original.slice(i), p.spun.slice(j)];
        const left = split(lo, ls, false);
        const right = split(ro, rs, false);
        if (left && left.length > 0 && !right && ro !== rs && !oneToOne(ro, rs)) parts = [...left, [ro, rs]];
        else if (right && right.length > 0 && !left && lo !== ls && !oneToOne(lo, ls)) parts = [[lo, ls], ...right];
      }
    }
    if (!parts) continue;
    out.delete(`${p.original}\u0000${p.spun}`);
    for (const [o, s] of parts) {
      const key = `${o}\u0000${s}`;
      const e = out.get(key) ?? { original: o, spun: s, count: 0 };
      e.count += p.count;
      out.set(key, e);
      pairs.set(key, e);
    }
  }
  return out;
}

function mine(existing: StoredEntry[]): StoredEntry[] {
  const corpus = loadCorpus();
  const kept = existing.filter((e) => e.status !== 'rejected');
  const specimens = corpus.entries.filter((e) => e.role === 'specimen');
  // Reviewed pairs (accepted ones) seed the first round and count as known when splitting compounds.
  const reviewed: Counted = new Map(kept.map((e) => [`${e.original}\u0000${e.spun}`, { original: e.original, spun: e.spun, count: 0 }]));
  let counts: Counted = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    const lexicon = makeLexicon(round === 0 ? kept : [...counts.values()].sort((x, y) => y.count - x.count));
    const index = buildIndex(corpus, {}, lexicon);
    const next = new Map<string, { original: string; spun: string; count: number }>();
    for (const s of specimens) {
      const text = corpus.files[s.file]!.slice(s.start, s.end);
      const report = verify(text, index, { sensitivity: 'lenient' });
      for (const m of report.matches) {
        for (const d of m.differences) {
          if (d.refText.length === 0 || d.pageText.length === 0) continue;
          if (d.kind === 'alteration' && d.subkind !== 'wording') continue;
          if (d.kind !== 'spin' && d.kind !== 'alteration') continue;
          const [o, sp] = core(fold(d.refText).text, fold(d.pageText).text);
          if (o.length === 0 || sp.length === 0 || oneToOne(o, sp) || o.length > MAX_PAIR_LEN || sp.length > MAX_PAIR_LEN || /[0-9]/.test(o + sp)) continue;
          const key = `${o}\u0000${sp}`;
          const e = next.get(key) ?? { original: o, spun: sp, count: 0 };
          e.count++;
          next.set(key, e);
        }
      }
    }
    counts = dropCompounds(next, reviewed);
    console.error(`round ${round + 1}: ${counts.size} pairs`);
  }
  // Spun forms that the references never use are markers: a sign of spinning on their own.
  const refText = corpus.entries
    .filter((e) => e.role === 'reference')
    .map((e) => fold(corpus.files[e.file]!.slice(e.start, e.end)).text)
    .join('\n');
  const byKey = new Map(existing.map((e) => [`${e.original}\u0000${e.spun}`, e]));
  const out: StoredEntry[] = [];
  for (const [key, c] of counts) {
    const prev = byKey.get(key);
    out.push({
      original: c.original,
      spun: c.spun,
      count: c.count,
      distorting: prev?.distorting ?? false,
      marker: prev?.marker ?? (c.spun.length >= 2 && !refText.includes(c.spun)),
      status: prev?.status ?? 'accepted',
      ...(prev?.note ? { note: prev.note } : {}),
    });
    byKey.delete(key);
  }
  // Reviewed pairs the specimens no longer show are kept (with count 0): a human put them there.
  for (const e of byKey.values()) if (e.status === 'rejected' || e.distorting || e.note) out.push({ ...e, count: 0 });
  return out.sort((a, b) => b.count - a.count || a.original.localeCompare(b.original, 'zh'));
}

const file = JSON.parse(readFileSync(lexiconPath, 'utf8')) as { $comment?: string; entries: StoredEntry[] };
const entries = mine(file.entries);
const accepted: LexiconEntry[] = entries.filter((e) => e.status === 'accepted');
console.error(`${entries.length} pairs, ${accepted.length} accepted, ${accepted.filter((e) => e.marker).length} markers, ${accepted.filter((e) => e.distorting).length} distorting`);
// One pair per line, so a review shows up in a diff as the lines it touched.
const json = `{\n  "$comment": ${JSON.stringify(file.$comment ?? '')},\n  "entries": [\n${entries.map((e) => '    ' + JSON.stringify(e)).join(',\n')}\n  ]\n}`;
if (process.argv.includes('--dry-run')) console.log(json);
else {
  writeFileSync(lexiconPath, json + '\n');
  console.error(`wrote ${lexiconPath}`);
}
