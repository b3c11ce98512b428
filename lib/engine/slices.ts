// Running a long computation in slices. A verification is a generator that
// yields between its stages and between the regions it aligns (verify.ts
// verifySteps); it holds no state outside itself, so the report is the same
// whether it runs to the end at once (runToEnd) or is paused at every yield
// point (runSliced). The engine stays pure: what a pause does (let the event
// loop in, run another tab's verification first) is the caller's callback.

/** A computation with yield points, returning T at its end. */
export type Steps<T> = Generator<void, T, void>;

/** What the caller does between two slices: resolves when the computation may go on (rejects to abandon it). */
export type Pause = () => Promise<void>;

/** Runs every step at once (no pause): the synchronous verify(). */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs the steps, calling pause() at the first yield point reached once
 * sliceMs have passed since the slice began. A rejected pause ends the
 * computation (the generator's finally blocks run) with that error.
 */
export async function runSliced<T>(steps: Steps<T>, pause: Pause, sliceMs: number, now: () => number = () => performance.now()): Promise<T> {
  let sliceStart = now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (now() - sliceStart < sliceMs) continue;
    try {
      await pause();
    } catch (e) {
      steps.return(undefined as T);
      throw e;
    }
    sliceStart = now();
  }
}
