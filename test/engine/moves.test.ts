// Moved paragraphs (issue 7, item 3): a repost that reorders paragraphs is
// reported with one `move` per moved paragraph (ref span where it was, page
// span where it is now), no omission of it, and one match per reference.
import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { verify } from '../../lib/engine';
import { article, references, seedText, testIndex } from './fixtures';

const han = (s: string) => (s.match(/[\u4e00-\u9fff]/g) ?? []).length;

/** Every way of moving one paragraph (of at least 60 Han characters) of a reference to the end, or to just after its dateline. */
function moves(id: string): Array<{ label: string; page: string; paragraph: string }> {
  const lines = article(id).text.split('\n');
  const out: Array<{ label: string; page: string; paragraph: string }> = [];
  lines.forEach((line, i) => {
    if (i < 4 || han(line) < 60) return;
    const rest = lines.filter((_, j) => j !== i);
    out.push({ label: `${id} paragraph ${i} to the end`, page: [...rest, line].join('\n'), paragraph: line });
    const dateline = rest.findIndex((l) => han(l) >= 60);
    if (dateline >= 0 && dateline + 1 < i) out.push({ label: `${id} paragraph ${i} to the front`, page: [...rest.slice(0, dateline + 1), line, ...rest.slice(dateline + 1)].join('\n'), paragraph: line });
  });
  return out;
}

const cases = references().flatMap((e) => moves(e.id).map((c) => [c.label, e.id, c] as const));

describe('a paragraph moved elsewhere in a repost', () => {
  it('there are cases for every reference', () => {
    for (const e of references()) expect(moves(e.id).length, e.id).toBeGreaterThan(0);
  });

  /** One match, nothing omitted or inserted, exactly one move whose spans slice to its texts. */
  const reportedAsMove = (id: string, c: { page: string }): boolean => {
    const r = verify(c.page, testIndex());
    const own = r.matches.filter((m) => m.ref.id === id);
    if (own.length !== 1) return false;
    const m = own[0]!;
    const moved = m.differences.filter((d) => d.kind === 'move');
    if (moved.length !== 1 || m.differences.length !== 1 || m.counts.move !== 1 || m.verdict !== 'edited') return false;
    const d = moved[0]!;
    // The move is the paragraph, or what it swapped places with (moving one
    // paragraph to the end also moves the closing line before it): either way
    // the text that stands elsewhere is the reference's own text.
    const folded = (s: string) => s.replace(/[^\u4e00-\u9fff0-9]/g, '');
    return (
      c.page.slice(d.page.start, d.page.end) === d.pageText &&
      seedText(m.ref.file).slice(d.ref.start, d.ref.end) === d.refText &&
      distance(folded(d.refText), folded(d.pageText)) <= Math.max(12, folded(d.refText).length * 0.1)
    );
  };

  // Measured 66 of 89 (74%): README, Known limits, says which moves are still
  // reported as an omission and a second match (a paragraph moved to the front,
  // or one whose first words open other paragraphs too).
  it('at least 70% of all single-paragraph moves of every reference are reported as exactly one move', () => {
    const ok = cases.filter(([, id, c]) => reportedAsMove(id, c)).length;
    expect(ok / cases.length).toBeGreaterThanOrEqual(0.7);
  });
});
