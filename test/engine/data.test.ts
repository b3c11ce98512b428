// The engine's word lists (issue 7, item 9): each states where it comes from,
// and none lists an entry twice.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fold } from '../../lib/engine/normalize';
import { isNameChange } from '../../lib/engine/names';

const dir = join(__dirname, '../../lib/engine/data');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;

const duplicates = (xs: readonly string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

describe('lib/engine/data', () => {
  it('holds the lists the engine uses', () => {
    expect(files.sort()).toEqual(['antonyms.json', 'places.json', 'spinner-lexicon.json', 'stock-phrases.json', 'surnames.json', 'taiwan-variants.json']);
  });

  it.each(files)('%s states its source', (f) => {
    const d = load(f);
    const source = typeof d.source === 'string' ? d.source : String(d.$comment ?? '');
    expect(source.length).toBeGreaterThan(60);
    if (f === 'spinner-lexicon.json') expect(source).toMatch(/npm run lexicon/);
  });

  it('stock phrases: no duplicates, also after folding; across meeting genres, not only epidemic wording', () => {
    const phrases = load('stock-phrases.json').phrases as string[];
    expect(duplicates(phrases)).toEqual([]);
    expect(duplicates(phrases.map((p) => fold(p).text))).toEqual([]);
    for (const genre of ['稳中求进工作总基调', '全面从严治党', '乡村振兴', '安全生产', '会议还研究了其他事项', '主持会议并讲话']) expect(phrases).toContain(genre);
  });

  it('places: the full GB/T 2260 list (over 3,000 divisions), no duplicates', () => {
    const d = load('places.json') as { divisions: string[]; short: string[]; countries: string[] };
    expect(d.divisions.length).toBeGreaterThan(3000);
    for (const list of [d.divisions, d.short, d.countries]) expect(duplicates(list)).toEqual([]);
    for (const county of ['武侯区', '正定县', '井冈山市', '延吉市', '阿勒泰市']) expect(d.divisions).toContain(county);
  });

  it('surnames: 《百家姓》, no duplicates', () => {
    const d = load('surnames.json') as { single: string[]; compound: string[]; modern: string[] };
    const all = [...d.single, ...d.compound, ...d.modern];
    expect(duplicates(all)).toEqual([]);
    expect(d.single.slice(0, 8).join('')).toBe('赵钱孙李周吴郑王');
    expect(d.compound).toContain('欧阳');
    expect(d.single.length).toBeGreaterThan(400);
  });

  it('antonyms: pairs of two different words, each pair once in either order', () => {
    const pairs = load('antonyms.json').pairs as Array<[string, string]>;
    expect(pairs.length).toBeGreaterThan(50);
    for (const [a, b] of pairs) expect(a).not.toBe(b);
    expect(duplicates(pairs.map(([a, b]) => [a, b].sort().join('|')))).toEqual([]);
  });

  it('a county of the list replaced by another is a name change (武侯区 -> 锦江区)', () => {
    const ctx = { ref: '武侯区', page: '锦江区', refBefore: '成都市', refAfter: '召开会议', pageBefore: '成都市', pageAfter: '召开会议', spin: false, distorting: false };
    expect(isNameChange(ctx)).toBe(true);
  });
});
