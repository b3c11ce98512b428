import { describe, expect, it } from 'vitest';
import { SideBySide } from '../../components/SideBySide';
import type { Report } from '../../lib/engine/types';
import { findingsOf } from '../../lib/present/findings';
import { buildSideBySide, mountedSlots, mountOptions } from '../../lib/present/side-by-side';
import { renderLive, renderStatic } from './live-dom';
import { applyEdits, type Edit } from './fixtures';
import { makeT } from './t-browser';

const t = makeT('zh_CN');

describe('mountedSlots', () => {
  const { firstSlots, slotsPerChunk } = mountOptions;
  it('mounts the first chunk whole and no more: just inside and just outside', () => {
    expect(mountedSlots(firstSlots, 0)).toBe(firstSlots);
    expect(mountedSlots(firstSlots + 1, 0)).toBe(firstSlots);
  });
  it('adds one chunk at a time', () => {
    expect(mountedSlots(firstSlots + slotsPerChunk, 1)).toBe(firstSlots + slotsPerChunk);
    expect(mountedSlots(firstSlots + slotsPerChunk + 1, 1)).toBe(firstSlots + slotsPerChunk);
    expect(mountedSlots(firstSlots + slotsPerChunk + 1, 2)).toBe(firstSlots + slotsPerChunk + 1);
  });
});

/** A reference of `n` paragraphs, each with one word swapped on the page: `n` changed rows. */
function longPassage(n: number) {
  const ref = Array.from({ length: n }, (_, i) => `\u3000\u3000第${i + 1}段，会议强调要做好群众工作。`).join('\n') + '\n';
  const edits: Edit[] = Array.from({ length: n }, () => ({ find: '工作', replace: '服务', kind: 'spin' }));
  const { pageText, match } = applyEdits(ref, 0, ref.length - 1, edits);
  const report: Report = { verdict: match.verdict, matches: [match], unmatched: [], counts: match.counts };
  const byKey = new Map(findingsOf(report).map((f) => [f.key.source === 'match' ? f.key.difference : -1, f]));
  return { passages: [{ match: 0, model: buildSideBySide(match, ref, pageText) }], findingOf: (_m: number, d: number) => byKey.get(d) };
}

describe('SideBySide mounts its rows a screen at a time', () => {
  const rows = mountOptions.firstSlots + mountOptions.slotsPerChunk + 5;
  const { passages, findingOf } = longPassage(rows);
  const base = { passages, findingOf, shown: () => true, changedOnly: false, onSelect: () => {}, t };

  it('first the first chunk, then a chunk at a time, and says when all are mounted', async () => {
    let mounted = 0;
    const live = renderLive(<SideBySide {...base} onMounted={() => mounted++} />);
    const count = () => live.document.querySelectorAll('.yw-sbs-row').length;
    try {
      expect(count()).toBe(mountOptions.firstSlots);
      expect(mounted).toBe(0);
      // The later chunks are mounted in later tasks (how many land per macrotask is React's scheduler's business,
      // and the chunk sizes are pinned in the side-by-side model's tests): rows only grow, and onMounted fires once,
      // when the last one is in.
      let last = count();
      for (let step = 0; step < 50 && count() < rows; step++) {
        await live.flush(0);
        expect(count()).toBeGreaterThanOrEqual(last);
        last = count();
        if (count() < rows) expect(mounted).toBe(0);
      }
      expect(count()).toBe(rows);
      expect(live.document.querySelectorAll('mark[data-side="page"]').length).toBe(rows);
      await live.flush();
      expect(mounted).toBe(1);
    } finally {
      live.unmount();
    }
  });

  it('a static render has every row at once', () => {
    const { document } = renderStatic(<SideBySide {...base} progressive={false} />);
    expect(document.querySelectorAll('.yw-sbs-row').length).toBe(rows);
  });
});
