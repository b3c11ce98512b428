// The worker's verification turns: a job waiting at another's pause goes first
// when it should (active tab, else shorter text); abandoned jobs end.
import { describe, expect, it } from 'vitest';
import { Abandoned, Turns, type TurnJob } from '../../entrypoints/background/turns';

const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));

function turns(active: number[] = []): Turns {
  return new Turns({ activeTabs: async () => new Set(active), yieldToEvents: macrotask });
}

/** A job of `slices` slices that logs each slice as `${name}${i}`. */
async function run(t: Turns, job: TurnJob, name: string, slices: number, log: string[]): Promise<void> {
  const turn = await t.start(job);
  try {
    for (let i = 0; i < slices; i++) {
      log.push(`${name}${i}`);
      if (i + 1 < slices) await turn.pause();
    }
  } finally {
    turn.finish();
  }
}

describe('verification turns', () => {
  it('a short job that arrives while a heavy one runs goes between two of its slices', async () => {
    const t = turns();
    const log: string[] = [];
    const heavy = run(t, { tabId: 1, chars: 1_000_000 }, 'H', 4, log);
    await Promise.resolve();
    const small = run(t, { tabId: 2, chars: 2_000 }, 's', 2, log);
    await Promise.all([heavy, small]);
    expect(log).toEqual(['H0', 's0', 's1', 'H1', 'H2', 'H3']);
  });

  it('the active tab goes first even with the longer text', async () => {
    const t = turns([1]);
    const log: string[] = [];
    const first = run(t, { tabId: 3, chars: 500 }, 'x', 2, log);
    const active = run(t, { tabId: 1, chars: 1_000_000 }, 'A', 1, log);
    const short = run(t, { tabId: 2, chars: 100 }, 's', 1, log);
    await Promise.all([first, active, short]);
    expect(log).toEqual(['x0', 'A0', 's0', 'x1']);
  });

  it('a waiting job abandoned ends with Abandoned; a running one at its next pause', async () => {
    const t = turns();
    const log: string[] = [];
    const heavy = run(t, { tabId: 1, chars: 1_000_000 }, 'H', 3, log);
    const waiting = run(t, { tabId: 2, chars: 10 }, 'w', 1, log);
    t.abandon('the tab moved on', (job) => job.tabId === 2);
    await expect(waiting).rejects.toBeInstanceOf(Abandoned);
    t.abandon('the tab moved on', (job) => job.tabId === 1);
    await expect(heavy).rejects.toThrow('the tab moved on');
    expect(log).toEqual(['H0']);
    // The worker is free again.
    await run(t, { tabId: 3, chars: 10 }, 'n', 1, log);
    expect(log).toEqual(['H0', 'n0']);
  });
});
