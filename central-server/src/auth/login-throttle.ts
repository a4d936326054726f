import { AspkError } from '@aspk/shared';

interface State {
  failures: number;
  blockedUntilMs: number;
  lastFailureMs: number;
}

export interface LoginThrottleOptions {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  lockoutMs: number;
  /** First growing delay, doubled per further failure (default 1000 ms). */
  delayBaseMs?: number;
  now?: () => number;
}

/**
 * Login throttling per account name and per source address (reliability-security.md §4.2): from the third
 * consecutive failure each further attempt must wait a growing delay (base · 2^(n−3)), and at the limit the
 * key is locked out for `lockoutMs`, which lifts by itself (a permanent lockout would let an attacker lock
 * out admins). Keys are the typed name, existing or not, so unknown and known names behave the same.
 */
export class LoginThrottle {
  private readonly states = new Map<string, State>();
  private readonly now: () => number;
  private readonly delayBaseMs: number;

  constructor(private readonly o: LoginThrottleOptions) {
    this.now = o.now ?? Date.now;
    this.delayBaseMs = o.delayBaseMs ?? 1000;
  }

  /** Throws `AUTH_LOCKED` (with `retryAfterS`) when the account or address must wait. */
  check(username: string, ip: string): void {
    const t = this.now();
    let until = 0;
    for (const key of [accountKey(username), ipKey(ip)]) {
      const s = this.states.get(key);
      if (s !== undefined && s.blockedUntilMs > t) until = Math.max(until, s.blockedUntilMs);
    }
    if (until > 0) {
      throw new AspkError('AUTH_LOCKED', 'too many failed logins; try again later', { retryAfterS: Math.ceil((until - t) / 1000) });
    }
  }

  failure(username: string, ip: string): void {
    this.bump(accountKey(username), this.o.maxFailuresPerAccount);
    this.bump(ipKey(ip), this.o.maxFailuresPerIp);
    this.prune();
  }

  success(username: string, ip: string): void {
    this.states.delete(accountKey(username));
    this.states.delete(ipKey(ip));
  }

  private bump(key: string, max: number): void {
    const t = this.now();
    const s = this.states.get(key) ?? { failures: 0, blockedUntilMs: 0, lastFailureMs: t };
    s.failures++;
    s.lastFailureMs = t;
    if (s.failures >= max) {
      s.blockedUntilMs = t + this.o.lockoutMs;
      s.failures = 0;
    } else if (s.failures >= 3) {
      s.blockedUntilMs = t + Math.min(this.delayBaseMs * 2 ** (s.failures - 3), this.o.lockoutMs);
    }
    this.states.set(key, s);
  }

  /** Bounds memory under a flood of random names: forget keys idle for a lockout period. */
  private prune(): void {
    if (this.states.size < 10_000) return;
    const t = this.now();
    for (const [k, s] of this.states) if (s.blockedUntilMs < t && t - s.lastFailureMs > this.o.lockoutMs) this.states.delete(k);
  }
}

const accountKey = (u: string) => `u:${u.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
