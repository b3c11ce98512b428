// A progress bar on stderr for long runs (a crawl check): redrawn in place on
// a terminal, one line every tenth of the way otherwise (CI logs, pipes).
export interface ProgressSink {
  write(chunk: string): unknown;
}

export class ProgressBar {
  private readonly started = Date.now();
  private lastTenth = -1;
  private drawnAt = 0;

  constructor(
    private readonly out: ProgressSink,
    private readonly total: number,
    private readonly isTTY: boolean,
    /** Files already done by an earlier run (resumed). */
    private readonly already: number,
  ) {}

  update(done: number, note = ''): void {
    const now = Date.now();
    const fresh = done - this.already;
    const rate = fresh / Math.max(0.001, (now - this.started) / 1000);
    const left = this.total - done;
    const eta = rate > 0 ? Math.round(left / rate) : 0;
    const share = this.total === 0 ? 1 : done / this.total;
    const line = `${String(done).padStart(String(this.total).length)}/${this.total} files  ${rate.toFixed(1)}/s  ${left > 0 ? `ETA ${formatSeconds(eta)}` : 'done'}${note ? `  ${note}` : ''}`;
    if (this.isTTY) {
      if (now - this.drawnAt < 100 && done < this.total && !note) return;
      this.drawnAt = now;
      const width = 30;
      const full = Math.round(share * width);
      this.out.write(`\r\x1b[2K[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${line}`);
    } else {
      const tenth = Math.floor(share * 10);
      if (tenth === this.lastTenth && !note) return;
      this.lastTenth = tenth;
      this.out.write(`${line}\n`);
    }
  }

  /** Ends the bar's line, so what follows starts on a fresh one. */
  finish(): void {
    if (this.isTTY) this.out.write('\n');
  }
}

function formatSeconds(s: number): string {
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
