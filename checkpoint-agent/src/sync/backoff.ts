/**
 * Retry delay with full jitter (reliability-security.md §1.3): `random(0, min(cap, base · 2^attempt))`.
 * Full jitter rather than "equal" or no jitter so that agents cut off together do not retry in lockstep
 * when the link returns (AWS Architecture Blog, "Exponential Backoff And Jitter").
 */
export function fullJitterDelayMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  // 2^attempt overflows to Infinity long after it passed the cap; min() keeps it finite.
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/** A retry counter: `next()` gives the delay for the current attempt and counts it; `reset()` on success. */
export class Backoff {
  #attempt = 0;

  /** `random` returns [0, 1); inject a seeded one in tests. */
  constructor(
    readonly baseMs: number,
    readonly capMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** Failed attempts since the last success. */
  get attempt(): number {
    return this.#attempt;
  }

  next(): number {
    const d = fullJitterDelayMs(this.#attempt, this.baseMs, this.capMs, this.random);
    this.#attempt++;
    return d;
  }

  reset(): void {
    this.#attempt = 0;
  }
}
