// Prints the engine's quality figures (issue 2's bar): `npm run quality`.
// The tests in quality.test.ts assert the same points; this shows the numbers.
import DiffMatchPatch from 'diff-match-patch';
import { verify, type Difference } from '../../lib/engine';
import { bundledLexicon } from '../../lib/engine/lexicon';
import { defaultOptions, sensitivities, sensitivityPresets } from '../../lib/engine/options';
import { genreFigures, stockCoverage } from '../bench/genre';
import { GENRE, HELD_OUT_GENRE, templateFamilies } from '../bench/synth';
import { applyEdits, article, moveCases, otherMeetingBulletin, references, seedText, spin, testCorpus, testIndex, toTraditional, wrapInFurniture } from './fixtures';
import { provincialMeetingOtherDate, reportQuotingInstruction } from './lookalikes';
import { THESAURUS } from './thesaurus-spinner';

const index = testIndex();
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

// 1. The specimen 002.
const specimen = seedText('002_4ec4b0ae00f95d62.txt');
const report = verify(specimen, index);
const line = (re: RegExp, from = 0) => {
  re.lastIndex = from;
  return re.exec(specimen)!.index;
};
const feb3 = line(/^[ \t\u3000]*2月3日(?![0-9])/gm);
const feb2 = line(/^[ \t\u3000]*2月2日(?![0-9])/gm, feb3);
const jan25 = line(/^[ \t\u3000]*1月25日(?![0-9])/gm, feb2);
console.log('== 002 (content-farm specimen)');
console.log(`verdict ${report.verdict}; counts ${JSON.stringify(report.counts)}`);
for (const m of report.matches) {
  const where = m.page.end <= feb3 ? "editor's note" : m.page.end <= feb2 ? '2月3日 section' : m.page.start >= jan25 ? '1月25日 section' : '2月2日…1月26日 (should not happen)';
  console.log(`  match ${m.ref.id} page ${m.page.start}-${m.page.end} (${where}) ref ${m.ref.start}-${m.ref.end}: ${m.verdict}, spin ${m.counts.spin} (distorting ${m.counts.distorting}), alteration ${m.counts.alteration}`);
}
const scrambledCover = report.unmatched.filter((u) => u.scrambled).reduce((n, u) => n + Math.max(0, Math.min(u.page.end, jan25) - Math.max(u.page.start, feb2)), 0);
console.log(`  sections 2月2日…1月26日: ${jan25 - feb2} chars, ${pct(scrambledCover / (jan25 - feb2))} inside unmatched regions reported as scrambled; matches there: ${report.matches.filter((m) => m.page.end > feb2 && m.page.start < jan25).length}`);

// 2. 002 against 003, unit by unit; and what diff-match-patch makes of the same passages.
const m003 = report.matches.find((m) => m.ref.id === 'peoples-daily-2020-02-03-psc')!;
const units = m003.differences;
const spins = units.filter((d) => d.kind === 'spin');
console.log('\n== 002 against 003');
console.log(`  ${units.length} differences: ${spins.length} spin (${spins.filter((d) => d.kind === 'spin' && d.distorting).length} distorting), ${units.length - spins.length} other (${units.filter((d) => d.kind !== 'spin').map((d) => `${d.refText}→${d.pageText}`).join(' ')})`);
const refPassage = seedText(m003.ref.file).slice(m003.ref.start, m003.ref.end);
const pagePassage = specimen.slice(m003.page.start, m003.page.end);
const dmp = new DiffMatchPatch();
dmp.Diff_Timeout = 0;
let t = performance.now();
const diffs = dmp.diff_main(refPassage, pagePassage);
dmp.diff_cleanupSemantic(diffs);
const dmpMs = performance.now() - t;
// A unit is found by diff-match-patch when one of its edit blocks has exactly the unit's two texts.
const blocks = new Set<string>();
for (let i = 0; i < diffs.length; i++) {
  if (diffs[i]![0] === 0) continue;
  let del = '';
  let ins = '';
  while (i < diffs.length && diffs[i]![0] !== 0) {
    if (diffs[i]![0] === -1) del += diffs[i]![1];
    else ins += diffs[i]![1];
    i++;
  }
  blocks.add(`${del}\u0000${ins}`);
}
const dmpExact = units.filter((d) => blocks.has(`${d.refText}\u0000${d.pageText}`)).length;
t = performance.now();
for (let i = 0; i < 10; i++) verify(specimen, index);
const ourMs = (performance.now() - t) / 10;
console.log(`  diff-match-patch (semantic cleanup) on the two passages: ${dmpMs.toFixed(1)} ms, ${blocks.size} edit blocks, ${pct(dmpExact / units.length)} of Yuanwen's units with the same exact boundaries, none classified`);
console.log(`  Yuanwen on all of 002 against the whole corpus: ${ourMs.toFixed(1)} ms (warm)`);

// 3. A synthetic spinner with known swaps: exact precision and recall.
console.log('\n== synthetic spinner (the lexicon applied to references; every swap known)');
const lexicon = bundledLexicon();
const pairs = lexicon.entries.filter((e) => e.count >= 2 && e.original.length >= 2).map((e) => [e.original, e.spun] as const);
let allSwaps = 0;
let allHit = 0;
let allFound = 0;
let allRight = 0;
for (const e of references()) {
  const { text, entry } = article(e.id);
  const spun = spin(text, pairs);
  if (spun.swaps.length === 0) continue;
  const r = verify(spun.text, index);
  const found = r.matches.filter((m) => m.ref.id === e.id).flatMap((m) => m.differences);
  const hit = spun.swaps.filter((s) => found.some((d) => d.kind === 'spin' && d.ref.start <= entry.start + s.inStart && d.ref.end >= entry.start + s.inEnd && d.page.start <= s.outStart && d.page.end >= s.outEnd)).length;
  const right = found.filter((d: Difference) => d.kind === 'spin' && spun.swaps.filter((s) => d.page.start <= s.outStart && d.page.end >= s.outEnd).length === 1).length;
  allSwaps += spun.swaps.length;
  allHit += hit;
  allFound += found.length;
  allRight += right;
  console.log(`  ${e.id}: ${spun.swaps.length} swaps, recall ${pct(hit / spun.swaps.length)}, precision ${pct(right / Math.max(1, found.length))}`);
}
console.log(`  all: recall ${pct(allHit / allSwaps)}, precision ${pct(allRight / allFound)}`);

// 4. Faithful reposts, Traditional script, another meeting.
console.log('\n== faithful copies');
for (const e of references()) {
  const { text } = article(e.id);
  const variants = { furniture: wrapInFurniture(text).text, tw: toTraditional(text, 'tw'), hk: toTraditional(text, 'hk') };
  const out = Object.entries(variants).map(([k, v]) => {
    const r = verify(v, index);
    return `${k}: ${r.verdict}/${r.matches.reduce((n, m) => n + m.differences.length, 0)} diffs`;
  });
  console.log(`  ${e.id}: ${out.join(', ')}`);
}
const other = verify(otherMeetingBulletin, index);
console.log(`  bulletin of another meeting in the same stock phrases: ${other.verdict}, ${other.matches.length} matches`);

// 5. Hand edits.
console.log('\n== alterations (hand edits of references, also spun afterwards)');
const edits = applyEdits('xinhua-2020-01-25-psc', [
  { context: '1月25日农历正月初一', from: '1月25日', to: '1月28日', kind: 'alteration', subkind: 'number' },
  { context: '湖北省武汉市等地近期陆续发生', from: '武汉', to: '长沙', kind: 'alteration', subkind: 'name' },
  { context: '坚决防止疫情扩散', from: '坚决防止', to: '不必防止', kind: 'alteration', subkind: 'negation' },
]);
for (const [label, text] of [
  ['edited', edits.text],
  ['edited + spun', spin(edits.text, [['工作', '服务'], ['领导', '率领'], ['人民', '东谈主民']]).text],
] as const) {
  const r = verify(text, index);
  const found = edits.expected.filter((e) => r.matches.some((m) => m.differences.some((d) => d.kind === e.kind && (d.kind !== 'alteration' || d.subkind === e.subkind) && d.ref.start <= e.refEnd && d.ref.end >= e.refStart)));
  console.log(`  ${label}: ${found.length}/${edits.expected.length} edits found and classified; verdict ${r.verdict}; counts ${JSON.stringify(r.counts)}`);
}
console.log('  (the full alteration set, every numeral, negation, name and sentence of every reference: npx vitest run test/engine)');

// 6. Issue 7: pages the engine was never tuned for.
console.log('\n== another spinner (test/engine/thesaurus-spinner.ts; the lexicon knows none of its pairs)');
{
  let swaps = 0;
  let hit = 0;
  let spins = 0;
  let right = 0;
  let unlisted = 0;
  for (const e of references()) {
    const { text, entry } = article(e.id);
    const spun = spin(text, THESAURUS);
    const r = verify(spun.text, index);
    const ds = r.matches.filter((m) => m.ref.id === e.id).flatMap((m) => m.differences.filter((d) => d.kind === 'spin'));
    const over = (d: Difference, s: (typeof spun.swaps)[number]) => d.ref.start < entry.start + s.inEnd && d.ref.end > entry.start + s.inStart && d.page.start < s.outEnd && d.page.end > s.outStart;
    const h = spun.swaps.filter((s) => ds.some((d) => over(d, s))).length;
    const ok = ds.filter((d) => spun.swaps.some((s) => over(d, s))).length;
    swaps += spun.swaps.length;
    hit += h;
    spins += ds.length;
    right += ok;
    unlisted += ds.filter((d) => d.kind === 'spin' && !d.listed).length;
    console.log(`  ${e.id}: ${spun.swaps.length} swaps, verdict ${r.verdict}, recall ${pct(h / spun.swaps.length)}, precision ${pct(ok / Math.max(1, ds.length))}`);
  }
  console.log(`  all: recall ${pct(hit / swaps)}, precision ${pct(right / spins)}; ${pct(unlisted / spins)} of the spin differences are listed: false`);
}

console.log('\n== lookalikes at every preset (a match would be a wrong original)');
for (const s of sensitivities) {
  const out = [
    ['provincial meeting of another date', provincialMeetingOtherDate],
    ['report quoting an earlier instruction', reportQuotingInstruction],
    ['another meeting in the same stock phrases', otherMeetingBulletin],
  ].map(([label, page]) => `${label}: ${verify(page!, index, { sensitivity: s }).matches.length} matches`);
  console.log(`  ${s}: ${out.join('; ')}`);
}

console.log('\n== quotes inside unrelated text');
{
  const { text } = article('xinhua-2022-03-17-psc');
  const at = text.indexOf('要加快疾控体系改革');
  for (const n of [42, 44, 60, 80]) {
    const q = text.slice(at, at + n);
    const r = verify(`评论：防疫这根弦一刻也不能松。${q}我们认为，这说明各地必须继续努力。`, index);
    console.log(`  ${n} characters quoted (${(q.match(/[\u4e00-\u9fff]/g) ?? []).length} Han): ${r.matches.map((m) => `match, quote: ${m.quote}, ${m.verdict}`).join('') || 'unmatched'}`);
  }
}

console.log('\n== two bulletins interleaved line by line (every pair of references, both orders)');
{
  let pages = 0;
  let clean = 0;
  let diffs = 0;
  for (const a of references())
    for (const b of references()) {
      if (a.id === b.id) continue;
      const lines = (id: string) => article(id).text.split('\n').filter((l) => (l.match(/[\u4e00-\u9fff]/g) ?? []).length >= 6);
      const A = lines(a.id);
      const B = lines(b.id);
      const page = Array.from({ length: Math.max(A.length, B.length) }, (_, i) => [A[i], B[i]].filter(Boolean).join('\n')).join('\n');
      const r = verify(page, index);
      pages++;
      const n = r.matches.reduce((k, m) => k + m.differences.length, 0);
      diffs += n;
      if (n === 0 && r.verdict === 'faithful') clean++;
    }
  console.log(`  ${clean}/${pages} pages faithful with no difference; ${diffs} differences invented in all`);
}

console.log('\n== moved paragraphs (every paragraph of >= 60 Han characters moved to the end, or to just after the dateline)');
{
  let cases = 0;
  let ok = 0;
  const byWhere = { end: [0, 0], front: [0, 0] };
  for (const e of references()) {
    for (const c of moveCases(e.id)) {
      cases++;
      const where = c.label.endsWith('to the end') ? byWhere.end : byWhere.front;
      where[1]!++;
      const r = verify(c.page, index);
      const own = r.matches.filter((m) => m.ref.id === e.id);
      if (own.length === 1 && own[0]!.differences.length === 1 && own[0]!.differences[0]!.kind === 'move') {
        ok++;
        where[0]!++;
      }
    }
  }
  console.log(`  ${ok}/${cases} reported as exactly one move in one match (to the end ${byWhere.end[0]}/${byWhere.end[1]}, to the front ${byWhere.front[0]}/${byWhere.front[1]}; test/engine/moves.test.ts)`);
}

console.log('\n== precision at corpus scale: seeds + 1,000 same-genre bulletins (test/bench/synth.ts genreCorpus)');
for (const [label, genre] of [
  ['formulas of synth.ts GENRE', GENRE],
  ['held-out formulas of synth.ts HELD_OUT_GENRE', HELD_OUT_GENRE],
  ['held-out formulas in 100 page templates of one province and one official each (synth.ts templateFamilies; about 10 references per template)', templateFamilies(HELD_OUT_GENRE, 100)],
] as const) {
  const known = stockCoverage(genre);
  const g = genreFigures(testCorpus(), { corpus: 1000, outside: 300, reposts: 200, genre });
  console.log(`  ${label} (${pct(known.share)} of their characters inside stock phrases, ${known.known.length} formulas hold one):`);
  console.log(`    ${g.references} references, index build ${g.buildMs.toFixed(0)} ms`);
  console.log(`    pages of meetings not in the corpus: ${g.falseAttributions}/${g.outside} attributed (${pct(g.falseAttributions / g.outside)} false attribution; aim <= 1%); heaviest chain of a generated page with a reference ${g.maxOutsideWeight.toFixed(1)} (a match needs ${defaultOptions.minMatchWeight}, lenient ${sensitivityPresets.lenient.minMatchWeight})`);
  console.log(`    true reposts: ${g.attributed}/${g.reposts} attributed to their own reference, faithful (${pct(g.attributed / g.reposts)}; aim 100%)`);
  console.log(`    verification per page: median ${g.medianMs.toFixed(1)} ms, p95 ${g.p95Ms.toFixed(1)} ms`);
  for (const f of g.failures.slice(0, 5)) console.log(`    failure: ${f}`);
}
