import { describe, expect, it } from 'vitest';
import { RunScheduler, type Clock } from '../../entrypoints/content/scheduler';

/** A manual clock: timers fire only when advanced. */
function fakeClock() {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => void timers.delete(h as number),
  };
  async function advance(ms: number, step = 1) {
    const end = now + ms;
    while (now < end) {
      // let pending promise continuations (a finished run) schedule their timers
      for (let i = 0; i < 4; i++) await Promise.resolve();
      now = Math.min(end, now + step);
      for (const [id, t] of [...timers]) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
          await Promise.resolve();
          await Promise.resolve();
        }
      }
    }
  }
  return { clock, advance, pending: () => timers.size };
}

describe('RunScheduler', () => {
  it('batches a burst of changes into one run after a quiet spell', async () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const s = new RunScheduler(async () => void runs++, clock, { debounceMs: 100, maxWaitMs: 1000, minGapMs: 0, maxGapMs: 0 });
    for (let i = 0; i < 50; i++) {
      s.poke();
      await advance(5);
    }
    expect(runs).toBe(0);
    await advance(150);
    expect(runs).toBe(1);
  });

  it('a page that never stops changing still gets runs, with growing gaps (bounded)', async () => {
    const { clock, advance } = fakeClock();
    const starts: number[] = [];
    const s = new RunScheduler(async () => void starts.push(clock.now()), clock, { debounceMs: 100, maxWaitMs: 500, minGapMs: 500, maxGapMs: 4000 });
    // a change every 4 ms for 20 s (a mutation storm)
    for (let t = 0; t < 20_000; t += 4) {
      s.poke();
      await advance(4, 4);
    }
    expect(starts.length).toBeGreaterThanOrEqual(4);
    expect(starts.length).toBeLessThanOrEqual(10);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThanOrEqual(gaps[i - 1]! - 8);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(4000 + 8);
  });

  it('now() runs at once, and changes during a run lead to one more run', async () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    let release: (() => void) | undefined;
    const s = new RunScheduler(
      () => {
        runs++;
        return new Promise<void>((r) => (release = r));
      },
      clock,
      { debounceMs: 100, maxWaitMs: 1000, minGapMs: 0, maxGapMs: 0 },
    );
    s.now();
    await advance(1);
    expect(runs).toBe(1);
    s.poke();
    s.poke();
    release!();
    await advance(200);
    expect(runs).toBe(2);
    release!();
    await advance(500);
    expect(runs).toBe(2);
  });

  it('a failing run does not stop later ones', async () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const s = new RunScheduler(
      async () => {
        runs++;
        throw new Error('boom');
      },
      clock,
      { debounceMs: 10, maxWaitMs: 100, minGapMs: 0, maxGapMs: 0 },
    );
    s.now();
    await advance(5);
    s.poke();
    await advance(50);
    expect(runs).toBe(2);
  });
});
