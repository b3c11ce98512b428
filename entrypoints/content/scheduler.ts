// When to re-run after the page changes: batched (debounce plus a maximum
// wait, so a page that never stops changing still gets runs) and bounded (the
// gap between runs doubles while the page keeps changing, up to maxGapMs,
// and falls back once the page has been quiet).

export interface SchedulerOptions {
  /** Quiet time after the last change before a run. */
  debounceMs: number;
  /** A run happens at most this long after the first unhandled change. */
  maxWaitMs: number;
  /** Smallest gap between two runs... */
  minGapMs: number;
  /** ...growing up to this while changes keep coming. */
  maxGapMs: number;
}

export const defaultSchedulerOptions: SchedulerOptions = {
  debounceMs: 400,
  maxWaitMs: 2500,
  minGapMs: 1000,
  maxGapMs: 30_000,
};

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export class RunScheduler {
  private timer: unknown = undefined;
  private firstPoke = -1;
  private lastPoke = -Infinity;
  private lastRunStart = -Infinity;
  private gap: number;
  private running = false;
  private again = false;
  private forced = false;
  /** Runs started so far. */
  runs = 0;

  constructor(
    private readonly run: () => Promise<void>,
    private readonly clock: Clock,
    private readonly options: SchedulerOptions = defaultSchedulerOptions,
  ) {
    this.gap = options.minGapMs;
  }

  /**
   * The page changed: schedule a batched run. Cheap, and it never re-arms a
   * pending timer (a page mutating on every task would otherwise push a
   * cleared-and-reset timer back forever): the timer, when it fires, works
   * out whether the run is due yet.
   */
  poke(): void {
    const now = this.clock.now();
    if (this.firstPoke < 0) this.firstPoke = now;
    this.lastPoke = now;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer === undefined) this.arm(this.due() - now);
  }

  /** Run as soon as allowed (first run, a settings change, a navigation). */
  now(): void {
    this.gap = this.options.minGapMs;
    this.forced = true;
    if (this.firstPoke < 0) this.firstPoke = this.clock.now();
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.arm(0);
  }

  cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.firstPoke = -1;
    this.again = false;
    this.forced = false;
  }

  /** When the pending changes should be handled: after a quiet spell, or at the latest maxWait after the first, never sooner than the gap. */
  private due(): number {
    const debounced = this.lastPoke + this.options.debounceMs;
    const latest = this.firstPoke + this.options.maxWaitMs;
    return Math.max(Math.min(debounced, latest), this.lastRunStart + this.gap);
  }

  private arm(delay: number): void {
    this.timer = this.clock.setTimeout(() => void this.fire(), Math.max(0, delay));
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    const start = this.clock.now();
    if (!this.forced) {
      const due = this.due();
      if (due > start + 1) {
        this.arm(due - start);
        return;
      }
      // Back off while the page keeps changing (this run was forced by the
      // maximum wait, not earned by a quiet spell); reset once it was quiet.
      if (start - this.lastPoke < this.options.debounceMs) this.gap = Math.min(this.options.maxGapMs, this.gap * 2);
      else this.gap = this.options.minGapMs;
    }
    this.forced = false;
    this.lastRunStart = start;
    this.firstPoke = -1;
    this.running = true;
    this.runs++;
    try {
      await this.run();
    } catch {
      // a failed run must not stop later ones
    } finally {
      this.running = false;
    }
    if (this.again) {
      this.again = false;
      this.poke();
    }
  }
}
