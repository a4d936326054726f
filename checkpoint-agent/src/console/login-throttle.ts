/**
 * Login throttling per account and per source address (reliability-security.md §4.2): after
 * `freeFailures` consecutive failures (keys `user:…`; address keys `ip:…` get `freeFailuresPerAddress`,
 * higher because every officer of a booth logs in from the same loopback address) a key is locked for `baseLockMs · 2^(extra failures)`, capped at
 * `maxLockMs`. The lock lifts by itself (a permanent lockout would let an attacker lock officers out);
 * a success clears the account's and the address's counters.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, { count: number; lockedUntil: number }>();
  readonly #now: () => number;
  readonly #freeFailures: number;
  readonly #freeFailuresPerAddress: number;
  readonly #baseLockMs: number;
  readonly #maxLockMs: number;

  constructor(opts: { now?: () => number; freeFailures?: number; freeFailuresPerAddress?: number; baseLockMs?: number; maxLockMs?: number } = {}) {
    this.#now = opts.now ?? Date.now;
    this.#freeFailures = opts.freeFailures ?? 5;
    this.#freeFailuresPerAddress = opts.freeFailuresPerAddress ?? 25;
    this.#baseLockMs = opts.baseLockMs ?? 30_000;
    this.#maxLockMs = opts.maxLockMs ?? 15 * 60_000;
  }

  /** Milliseconds until any of `keys` may try again; 0 when none is locked. */
  lockedForMs(keys: readonly string[]): number {
    const now = this.#now();
    return Math.max(0, ...keys.map((k) => (this.#failures.get(k)?.lockedUntil ?? 0) - now));
  }

  failure(keys: readonly string[]): void {
    const now = this.#now();
    for (const k of keys) {
      const f = this.#failures.get(k) ?? { count: 0, lockedUntil: 0 };
      f.count++;
      const free = k.startsWith('ip:') ? this.#freeFailuresPerAddress : this.#freeFailures;
      if (f.count >= free) f.lockedUntil = now + Math.min(this.#maxLockMs, this.#baseLockMs * 2 ** (f.count - free));
      this.#failures.set(k, f);
    }
  }

  success(keys: readonly string[]): void {
    for (const k of keys) this.#failures.delete(k);
  }
}
