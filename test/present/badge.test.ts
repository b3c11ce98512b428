// The toolbar badge's model (lib/present/badge.ts): what the background sets, in every state of a tab.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus, seedsDir } from '../../lib/corpus/node';
import { buildIndex, verify } from '../../lib/engine';
import type { Report } from '../../lib/engine/types';
import { badgeModel } from '../../lib/present/badge';
import { summarize } from '../../lib/present/summary';
import { verdictAccent } from '../../lib/present/tokens';
import { countsOf, sampleReport } from '../components/fixtures';
import { makeT } from '../components/t';

const zh = makeT('zh_CN');
const index = buildIndex(loadCorpus());
const seed = (f: string) => readFileSync(`${seedsDir}/${f}`, 'utf8');
const none = { anomalies: [] };

/** The sample report with no differences: a faithful repost. */
function faithful(): Report {
  const { report } = sampleReport();
  const r = structuredClone(report);
  const m = r.matches[0]!;
  m.differences = [];
  m.counts = countsOf([]);
  m.verdict = 'faithful';
  r.verdict = 'faithful';
  r.counts = countsOf([]);
  return r;
}

describe('badgeModel', () => {
  it('seed 002: the banner total (every mark on the page) in the scrambled colour, the verdict and worst finding in the title', () => {
    const report = verify(seed('002_4ec4b0ae00f95d62.txt'), index);
    const b = badgeModel({ type: 'report', report, rendering: none }, zh);
    expect(b.text).toBe(String(summarize(report).counts.total));
    expect(b.colour).toBe(verdictAccent.scrambled.light);
    expect(b.title.startsWith('原文 · 被机器改写过 · 意思被扭曲')).toBe(true);
  });

  it('a faithful repost is a green tick; the same page rendering other text is "!" in the edited colour, never a tick', () => {
    const tick = badgeModel({ type: 'report', report: faithful(), rendering: none }, zh);
    expect(tick).toMatchObject({ text: '✓', colour: verdictAccent.faithful.light });
    const warn = badgeModel({ type: 'report', report: faithful(), rendering: { anomalies: [{ kind: 'bidi', start: 0, end: 1 }] } }, zh);
    expect(warn).toMatchObject({ text: '!', colour: verdictAccent.edited.light });
    expect(warn.title).toContain(zh('guard.renderedDiffers'));
  });

  it('a page with nothing to verify has no badge text', () => {
    const empty: Report = { verdict: 'faithful', matches: [], unmatched: [], counts: countsOf([]) };
    expect(badgeModel({ type: 'report', report: empty, rendering: none }, zh)).toMatchObject({ text: '', title: zh('summary.nothing') });
  });

  it('more than 9,999 marks: 9999+', () => {
    const { report } = sampleReport();
    const r = structuredClone(report);
    const d = r.matches[0]!.differences.find((x) => x.kind === 'spin')!;
    r.matches[0]!.differences = Array.from({ length: 10_000 }, () => d);
    expect(badgeModel({ type: 'report', report: r, rendering: none }, zh).text).toBe('9999+');
    r.matches[0]!.differences = Array.from({ length: 9_999 }, () => d);
    expect(badgeModel({ type: 'report', report: r, rendering: none }, zh).text).toBe('9999');
  });

  it('blank (cleared or paused) and lost', () => {
    expect(badgeModel({ type: 'blank' }, zh)).toEqual({ text: '', colour: verdictAccent.faithful.light, title: zh('extName') });
    expect(badgeModel({ type: 'lost' }, zh)).toEqual({ text: '?', colour: verdictAccent.edited.light, title: zh('content.title.prefix') + zh('guard.reportLost') });
  });
});
