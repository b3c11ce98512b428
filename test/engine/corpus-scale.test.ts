// Precision at corpus scale (issue 7): against the seeds plus 1,000 bulletins
// of the same genre (test/bench/synth.ts genreCorpus), pages of meetings not
// in the corpus are attributed to nothing (at most 1%), and true reposts of
// references in it to their own reference (100%). Counts only; the time is
// printed by `npm run quality` and `npm run bench`.
import { describe, expect, it } from 'vitest';
import { genreFigures } from '../bench/genre';
import { testCorpus } from './fixtures';

describe('precision against a corpus of 1,006 same-genre references', () => {
  const f = genreFigures(testCorpus(), { corpus: 1000, outside: 300, reposts: 150 });
  it('pages of meetings not in the corpus: at most 1% attributed to a reference', () => {
    expect(f.references).toBeGreaterThanOrEqual(1000);
    expect(f.outside).toBeGreaterThanOrEqual(300);
    expect(f.falseAttributions / f.outside, f.failures.join('\n')).toBeLessThanOrEqual(0.01);
  });
  it('true reposts: every one attributed to its own reference, faithfully', () => {
    expect(f.reposts).toBeGreaterThanOrEqual(150);
    expect(f.attributed, f.failures.join('\n')).toBe(f.reposts);
  });
});
