// Prints the engine's quality figures (issue 2's bar): `npm run quality`.
// The tests in quality.test.ts assert the same points; this shows the numbers.
import DiffMatchPatch from 'diff-match-patch';
import { verify, type Difference } from '../../lib/engine';
import { bundledLexicon } from '../../lib/engine/lexicon';
import { applyEdits, article, otherMeetingBulletin, references, seedText, spin, testIndex, toTraditional, wrapInFurniture } from './fixtures';

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
