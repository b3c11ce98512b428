// A verification run in slices gives the report the unsliced one gives, and
// pauses by the verifySliceMs budget (issue 11: a heavy page must not hold up
// another tab's verdict).
import { describe, expect, it } from 'vitest';
import { verify } from '../../lib/engine';
import { defaultOptions } from '../../lib/engine/options';
import { runSliced, runToEnd, type Steps } from '../../lib/engine/slices';
import { verifySteps } from '../../lib/engine/verify';
import { article, seedText, testIndex } from './fixtures';

/** Steps that advance a fake clock by `stepMs` each. */
function* clockSteps(clock: { t: number }, steps: number, stepMs: number): Steps<number> {
  for (let i = 0; i < steps; i++) {
    clock.t += stepMs;
    yield;
  }
  return steps;
}

describe('sliced verification', () => {
  it('gives the same report as verify() for the spun specimen repeated, pausing between slices', async () => {
    const specimen = seedText('002_4ec4b0ae00f95d62.txt');
    const text = specimen.repeat(6);
    const whole = verify(text, testIndex());
    let pauses = 0;
    // A zero budget pauses at every yield point: the most interleaving there can be.
    const sliced = await runSliced(verifySteps(text, testIndex()), async () => void pauses++, 0);
    expect(sliced).toEqual(whole);
    expect(whole.matches.length).toBeGreaterThan(6);
    // Stages and every aligned region each end in a yield point.
    expect(pauses).toBeGreaterThan(whole.matches.length);
  });

  it('runToEnd(verifySteps) is verify() for a faithful repost', () => {
    const { text } = article(testIndexFirstReference());
    expect(runToEnd(verifySteps(text, testIndex()))).toEqual(verify(text, testIndex()));
  });

  it(`pauses once a slice has run verifySliceMs (${defaultOptions.verifySliceMs} ms): not just inside, at once just outside`, async () => {
    const budget = defaultOptions.verifySliceMs;
    const inside = { t: 0 };
    let insidePauses = 0;
    await runSliced(clockSteps(inside, 1, budget - 1), async () => void insidePauses++, budget, () => inside.t);
    expect(insidePauses).toBe(0);
    const outside = { t: 0 };
    let outsidePauses = 0;
    await runSliced(clockSteps(outside, 1, budget), async () => void outsidePauses++, budget, () => outside.t);
    expect(outsidePauses).toBe(1);
  });

  it('a rejected pause abandons the computation with its error', async () => {
    const clock = { t: 0 };
    let finished = false;
    function* steps(): Steps<void> {
      try {
        for (let i = 0; i < 5; i++) {
          clock.t += 10;
          yield;
        }
      } finally {
        finished = true;
      }
    }
    await expect(runSliced(steps(), () => Promise.reject(new Error('moved on')), 10, () => clock.t)).rejects.toThrow('moved on');
    expect(finished).toBe(true);
  });
});

function testIndexFirstReference(): string {
  return testIndex().docs[0]!.entry.id;
}
