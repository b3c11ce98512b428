// Whose verification runs in the worker. One runs at a time (the engine is
// synchronous between its yield points), and a running one pauses between
// slices (lib/engine/slices.ts): when another is waiting then, the one that
// should go first takes the turn, so a heavy page does not hold up an
// unrelated tab's verdict. Who goes first: the active tab's, else the one
// with the shortest text.

/** A verification left unfinished: a newer run of its page replaced it, or its tab moved on. */
export class Abandoned extends Error {}

export interface TurnJob {
  /** The tab whose frame asked (undefined: a sender without a tab). */
  tabId: number | undefined;
  /** The frame of that tab (0: the top frame); a frame's newer run replaces only that frame's waiting one. */
  frameId?: number;
  /** The length of the text to verify. */
  chars: number;
}

interface Entry {
  job: TurnJob;
  /** Why it was abandoned, once it is. */
  abandoned?: string;
  /** Set while it waits for a turn. */
  wake?: { resolve: () => void; reject: (e: Abandoned) => void };
}

/** A job's hold on the worker: pause() between slices, finish() at its end. */
export interface Turn {
  readonly job: TurnJob;
  /** Lets messages in; gives the turn to a waiting job that goes first, and resolves when it is this job's again. */
  pause(): Promise<void>;
  finish(): void;
}

export interface TurnsDeps {
  /** The tabs active in their windows now (a failed query: none). */
  activeTabs(): Promise<ReadonlySet<number>>;
  /** A macrotask: runtime messages that arrived meanwhile are dispatched before it resolves. */
  yieldToEvents(): Promise<void>;
}

export const realTurnsDeps = (query: () => Promise<ReadonlySet<number>>): TurnsDeps => ({
  activeTabs: query,
  yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
});

export class Turns {
  private readonly entries = new Set<Entry>();
  private readonly waiting: Entry[] = [];
  /** The job that holds the worker, or `handing` while the next one is picked. */
  private holder: Entry | undefined;
  private readonly handing: Entry = { job: { tabId: undefined, chars: 0 } };

  constructor(private readonly deps: TurnsDeps) {}

  /** Resolves when the job may start; rejects with Abandoned if it is abandoned first. */
  async start(job: TurnJob): Promise<Turn> {
    const entry: Entry = { job };
    this.entries.add(entry);
    if (this.holder !== undefined || this.waiting.length > 0) await this.wait(entry);
    else this.holder = entry;
    return {
      job,
      pause: () => this.pause(entry),
      finish: () => {
        this.entries.delete(entry);
        this.release(entry);
      },
    };
  }

  /** Abandons the jobs that match: a waiting one at once, a running one at its next pause. */
  abandon(reason: string, which: (job: TurnJob, started: boolean) => boolean): void {
    for (const e of this.entries) {
      const started = e.wake === undefined;
      if (e.abandoned !== undefined || !which(e.job, started)) continue;
      e.abandoned = reason;
      if (!started) {
        this.waiting.splice(this.waiting.indexOf(e), 1);
        this.entries.delete(e);
        e.wake!.reject(new Abandoned(reason));
      }
    }
  }

  private async pause(entry: Entry): Promise<void> {
    await this.deps.yieldToEvents();
    this.check(entry);
    if (this.waiting.length === 0) return;
    const turn = this.wait(entry);
    this.release(entry);
    await turn;
    this.check(entry);
  }

  private check(entry: Entry): void {
    if (entry.abandoned === undefined) return;
    this.entries.delete(entry);
    this.release(entry);
    throw new Abandoned(entry.abandoned);
  }

  private wait(entry: Entry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      entry.wake = { resolve, reject };
      this.waiting.push(entry);
    });
  }

  private release(entry: Entry): void {
    if (this.holder !== entry) return;
    this.holder = undefined;
    void this.handOver();
  }

  /** Gives the turn to the waiting job that goes first (or leaves the worker free). */
  private async handOver(): Promise<void> {
    if (this.holder !== undefined || this.waiting.length === 0) return;
    this.holder = this.handing;
    const active = this.waiting.length > 1 ? await this.deps.activeTabs() : new Set<number>();
    this.holder = undefined;
    if (this.waiting.length === 0) return;
    const first = (a: Entry, b: Entry): boolean => {
      const aActive = a.job.tabId !== undefined && active.has(a.job.tabId);
      const bActive = b.job.tabId !== undefined && active.has(b.job.tabId);
      return aActive !== bActive ? aActive : a.job.chars < b.job.chars;
    };
    let best = 0;
    for (let i = 1; i < this.waiting.length; i++) if (first(this.waiting[i]!, this.waiting[best]!)) best = i;
    const [next] = this.waiting.splice(best, 1);
    this.holder = next;
    const wake = next!.wake!;
    next!.wake = undefined;
    wake.resolve();
  }
}
