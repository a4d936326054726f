/**
 * Runs the shared `warmUpScreening` steps in the agent's idle time after its index is loaded, so that the
 * first travellers after a start are screened by optimised code (see screening-warm-up.ts in shared: at 1M
 * entries the first few thousand screenings of a fresh process had a p99 of milliseconds).
 *
 * Steps run in slices of at most `sliceMs` on the event loop, each slice scheduled with `setImmediate`,
 * so a frame from a reader or a console request waits at most one slice (default 1 ms). The index is
 * asked for anew at every slice (`currentIndex`): after a swap the warm-up simply continues on the new
 * one. An agent that starts without a list (a new post, or a cache it could not read) gets its first one
 * from central later: with `indexChanges` the warm-up waits for it instead of ending. Returns a function
 * that stops it (the agent calls it when it closes).
 */
import type { Logger } from 'pino';
import { warmUpScreening, type WatchlistIndex } from '@aspk/shared';

export interface ScreeningWarmUpOptions {
  /** Warm-up screenings in all (default 3,000: ~1 s of idle time at 1M entries on the development VM). */
  steps?: number;
  /** Longest slice of steps run at once, in ms (default 1). */
  sliceMs?: number;
  /** Called once when every step has run (for tests). */
  onDone?: (steps: number) => void;
  /**
   * Subscribes to changes of the current index (returns the unsubscribe function). Without it a warm-up
   * that finds no index ends; with it, it waits for the first index and then runs.
   */
  indexChanges?: (listener: () => void) => () => void;
}

export function startScreeningWarmUp(currentIndex: () => WatchlistIndex | undefined, log: Logger, opts: ScreeningWarmUpOptions = {}): () => void {
  const steps = opts.steps ?? 3000;
  const sliceMs = opts.sliceMs ?? 1;
  let step = 0;
  let busyMs = 0;
  let stopped = false;
  let timer: NodeJS.Immediate | undefined;
  let waiting = false;
  // Resumes a warm-up that waits for an index; ignored while one runs or after it ended.
  const unsubscribe = opts.indexChanges?.(() => {
    if (!waiting || stopped) return;
    waiting = false;
    timer = setImmediate(slice);
  });
  const end = (): void => {
    stopped = true;
    unsubscribe?.();
  };
  const slice = (): void => {
    timer = undefined;
    const index = currentIndex();
    // No list yet, or an empty one: nothing to warm up with. Wait for the next index when told of changes;
    // otherwise end (without a list, a later start warms up).
    let empty = index === undefined;
    const t0 = performance.now();
    try {
      while (index !== undefined && !stopped && step < steps && performance.now() - t0 < sliceMs) {
        if (!warmUpScreening(index, step)) {
          empty = true;
          break;
        }
        step++;
      }
    } catch (e) {
      // A warm-up failure must never disturb the agent: screening proper reports its own faults.
      log.warn({ err: e, step }, 'screening warm-up stopped');
      end();
      return;
    }
    busyMs += performance.now() - t0;
    if (stopped) return;
    if (empty) {
      if (unsubscribe !== undefined) waiting = true; // the next index resumes it
      else if (index !== undefined) finish(); // an empty list, and no way to hear of another
      return;
    }
    if (step < steps) timer = setImmediate(slice);
    else finish();
  };
  const finish = (): void => {
    end();
    log.info({ steps, busyMs: Math.round(busyMs) }, 'screening warm-up done');
    opts.onDone?.(steps);
  };
  timer = setImmediate(slice);
  return () => {
    end();
    if (timer !== undefined) clearImmediate(timer);
    timer = undefined;
  };
}
