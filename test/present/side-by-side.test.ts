import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildSideBySide, rowOfDifference, splitParagraphs, type SideBySideModel } from '../../lib/present/side-by-side';
import { applyEdits, samplePair, sampleRef, type Edit } from '../components/fixtures';

function sideText(model: SideBySideModel, side: 'ref' | 'page'): string {
  return model.rows.flatMap((r) => r[side]).flatMap((p) => p.segments).map((s) => s.text).join('');
}

function checkInvariants(model: SideBySideModel, refText: string, pageText: string) {
  for (const side of ['ref', 'page'] as const) {
    const raw = side === 'ref' ? refText : pageText;
    // Segments tile the region exactly, in order.
    expect(sideText(model, side)).toBe(raw.slice(model[side].start, model[side].end));
    let pos = model[side].start;
    for (const row of model.rows) {
      for (const para of row[side]) {
        expect(para.start).toBe(pos);
        for (const seg of para.segments) {
          expect(seg.start).toBe(pos);
          expect(seg.text).toBe(raw.slice(seg.start, seg.end));
          pos = seg.end;
        }
        expect(pos).toBe(para.end);
      }
    }
    expect(pos).toBe(model[side].end);
  }
  // Every row has something on at least one side.
  for (const row of model.rows) expect(row.ref.length + row.page.length).toBeGreaterThan(0);
}

describe('splitParagraphs', () => {
  it('tiles the span, one paragraph per non-blank line', () => {
    const s = 'ab\n\n　　cd\r\nef\n\n';
    const ps = splitParagraphs(s, 0, s.length);
    expect(ps.map((p) => s.slice(p.start, p.end))).toEqual(['ab\n\n', '　　cd\r\n', 'ef\n\n']);
    expect(ps[1]!.content).toBe(s.indexOf('cd'));
  });
  it('keeps leading blank lines in the first paragraph and handles an empty span', () => {
    const s = 'x\n\n  y';
    expect(splitParagraphs(s, 1, s.length).map((p) => s.slice(p.start, p.end))).toEqual(['\n\n  y']);
    expect(splitParagraphs(s, 2, 2)).toEqual([{ start: 2, end: 2, content: 2 }]);
  });
});

describe('buildSideBySide', () => {
  it('reproduces both raw slices exactly and marks every difference on both sides', () => {
    const { pageText, match } = samplePair();
    const model = buildSideBySide(match, sampleRef, pageText);
    checkInvariants(model, sampleRef, pageText);
    match.differences.forEach((d, i) => {
      const refSegs = model.rows.flatMap((r) => r.ref).flatMap((p) => p.segments).filter((s) => s.differenceIndex === i);
      const pageSegs = model.rows.flatMap((r) => r.page).flatMap((p) => p.segments).filter((s) => s.differenceIndex === i);
      expect(refSegs.length, `difference ${i} on ref side`).toBeGreaterThan(0);
      expect(pageSegs.length, `difference ${i} on page side`).toBeGreaterThan(0);
      expect(refSegs.map((s) => s.text).join('')).toBe(d.refText);
      expect(pageSegs.map((s) => s.text).join('')).toBe(d.pageText);
      expect(rowOfDifference(model, i)).toBeGreaterThanOrEqual(0);
    });
    const kinds = new Set(model.rows.flatMap((r) => [...r.ref, ...r.page]).flatMap((p) => p.segments).map((s) => s.kind));
    expect(kinds).toEqual(new Set([undefined, 'spin', 'distorting', 'number', 'negation', 'omission', 'insertion']));
  });

  it('pairs paragraph with paragraph, joins a paragraph broken mid-word, and gives an added paragraph its own row', () => {
    const { pageText, match } = samplePair();
    const model = buildSideBySide(match, sampleRef, pageText);
    const rows = model.rows.map((r) => ({
      ref: r.ref.map((p) => sampleRef.slice(p.start, p.end).trim()),
      page: r.page.map((p) => pageText.slice(p.start, p.end).trim()),
    }));
    // Headline lines pair one to one.
    expect(rows[0]).toEqual({ ref: ['中共中央政治局常务委员会召开会议'], page: ['中共中央政事局常务委员会召开会议'] });
    expect(rows[1]!.ref).toEqual(['研究加强新型冠状病毒感染的肺炎疫情防控工作']);
    // 社会力 / 量 broken across a blank line: both page pieces beside the one reference paragraph.
    const broken = rows.find((r) => r.ref.some((t) => t.includes('社会力量')))!;
    expect(broken.page).toHaveLength(2);
    expect(broken.page[0]).toContain('社会力');
    expect(broken.page[1]!.startsWith('量')).toBe(true);
    // The inserted editor's note has a row of its own with nothing on the reference side.
    const added = rows.find((r) => r.page.some((t) => t.includes('本站编者按')))!;
    expect(added.ref).toEqual([]);
    expect(added.page).toHaveLength(1);
    // The last reference paragraph pairs with the last page paragraph.
    expect(rows.at(-1)!.ref[0]).toContain('各级领导干部');
    expect(rows.at(-1)!.page[0]).toContain('各级领导干部');
  });

  it('gives a dropped paragraph a row with nothing on the page side', () => {
    const { pageText, match } = applyEdits(sampleRef, 0, sampleRef.length - 1, [
      { find: '　　会议指出，疫情发生后，党中央高度重视，及时作出部署，各级党委和政府坚决贯彻落实。\n', kind: 'omission' },
    ]);
    const model = buildSideBySide(match, sampleRef, pageText);
    checkInvariants(model, sampleRef, pageText);
    const dropped = model.rows.find((r) => r.ref.some((p) => sampleRef.slice(p.start, p.end).includes('会议指出')))!;
    expect(dropped.page).toEqual([]);
  });

  it('clamps malformed spans instead of breaking the tiling', () => {
    const { pageText, match } = samplePair();
    const bad = structuredClone(match);
    bad.differences.push({ kind: 'insertion', ref: { start: -5, end: -5 }, page: { start: 99999, end: 100020 }, refText: '', pageText: '' });
    bad.differences.push({ ...bad.differences[0]! }); // overlapping duplicate
    checkInvariants(buildSideBySide(bad, sampleRef, pageText), sampleRef, pageText);
  });

  it('holds its invariants for random edits (property)', () => {
    const chars = [...'中共中央政治局会议强调疫情防控工作，。　\n\n'];
    const text = fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 200 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.constantFrom('spin', 'omission', 'insertion', 'alteration', 'equivalent'), fc.constantFrom('东谈主', '\n\n', '', '作念')), { maxLength: 12 }), (ref, raw) => {
        // Turn random (position, length) pairs into ordered, non-overlapping edits.
        const edits: Edit[] = [];
        let cursor = 0;
        for (const [pos, len, kind, rep] of raw.sort((a, b) => a[0] - b[0])) {
          const at = cursor + (pos % Math.max(1, ref.length - cursor));
          const find = ref.slice(at, at + Math.max(1, len));
          if (!find || at + find.length > ref.length) continue;
          if (kind === 'omission') edits.push({ find, kind });
          else if (kind === 'insertion') edits.push({ find, insert: rep || '插', kind });
          else if (kind === 'spin') edits.push({ find, replace: rep, kind });
          else if (kind === 'alteration') edits.push({ find, replace: rep, kind });
          else edits.push({ find, replace: rep, kind: 'equivalent' });
          cursor = kind === 'insertion' ? at : at + find.length;
          // An insertion leaves `find` in place; skip past it so the next edit lands after.
          if (kind === 'insertion') cursor = at + find.length;
        }
        // Re-locate edits sequentially as applyEdits does; skip cases it cannot apply.
        let built;
        try {
          built = applyEdits(ref, 0, ref.length, edits, { prefix: '前\n', suffix: '\n后' });
        } catch {
          return;
        }
        const model = buildSideBySide(built.match, ref, built.pageText);
        checkInvariants(model, ref, built.pageText);
      }),
      { numRuns: 300 },
    );
  });
});

describe('pairing short lines', () => {
  it('keeps a short dateline beside its counterpart instead of splitting it into two one-sided rows', () => {
    const ref = '会议强调，要做好工作。\n2月3日\n中央应对疫情工作领导小组召开会议。\n';
    const { pageText, match } = applyEdits(ref, 0, ref.length - 1, [
      { find: '做好', replace: '作念好', kind: 'spin' },
      { find: '\n', replace: '\n\n  ', kind: 'equivalent' },
      { find: '\n', replace: '\n\n', kind: 'equivalent' },
      { find: '应对', replace: '玩忽', kind: 'spin', distorting: true },
    ]);
    const model = buildSideBySide(match, ref, pageText);
    const rows = model.rows.map((r) => ({
      ref: r.ref.map((p) => ref.slice(p.start, p.end).trim()),
      page: r.page.map((p) => pageText.slice(p.start, p.end).trim()),
    }));
    expect(rows).toEqual([
      { ref: ['会议强调，要做好工作。'], page: ['会议强调，要作念好工作。'] },
      { ref: ['2月3日'], page: ['2月3日'] },
      { ref: ['中央应对疫情工作领导小组召开会议。'], page: ['中央玩忽疫情工作领导小组召开会议。'] },
    ]);
  });
});
