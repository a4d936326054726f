import { performance } from 'node:perf_hooks';
import type { ClockFlag } from '@aspk/shared';

/** Where time comes from; tests inject a clock whose wall time jumps. */
export interface SyncClock {
  /** Agent wall clock, UTC ms (may be wrong, may jump). */
  wallMs(): number;
  /** Monotonic ms within this process boot (never jumps). */
  monoMs(): number;
}

export const SYSTEM_CLOCK: SyncClock = { wallMs: () => Date.now(), monoMs: () => performance.now() };

/** The latest estimate of the agent clock's offset against central. */
export interface ClockEstimate {
  /** `serverMs − (tSend + tRecv) / 2`, ms (positive: the agent clock is behind). */
  offsetMs: number;
  /** Round trip of the exchange, ms: the error bound of `offsetMs`. */
  rttMs: number;
  /** Central's time at `monoMs` (midpoint of the exchange). */
  serverMs: number;
  monoMs: number;
}

/**
 * Clock offset and *trusted now* (reliability-security.md §1.5). Each sync gives central's wall time; the
 * monitor keeps the latest estimate with its monotonic anchor. Trusted now = anchor server time + monotonic
 * time elapsed since, so a wall clock set back an hour does not make an expired watchlist look fresh.
 * Times are never corrected: the monitor only says whether a crossing must be flagged.
 */
export class ClockMonitor {
  #estimate: ClockEstimate | null = null;

  /** `skewLimitMs`: |offset| beyond which a crossing is flagged (default 2 min). */
  constructor(
    readonly clock: SyncClock = SYSTEM_CLOCK,
    readonly skewLimitMs = 120_000,
  ) {}

  get estimate(): ClockEstimate | null {
    return this.#estimate;
  }

  /**
   * Records one exchange: the agent's wall and monotonic times when it sent and when it received, and
   * central's `serverMs` from the reply.
   */
  observe(serverMs: number, sent: { wallMs: number; monoMs: number }, received: { wallMs: number; monoMs: number }): ClockEstimate {
    const e: ClockEstimate = {
      offsetMs: serverMs - (sent.wallMs + received.wallMs) / 2,
      rttMs: Math.max(0, received.monoMs - sent.monoMs),
      serverMs,
      monoMs: (sent.monoMs + received.monoMs) / 2,
    };
    this.#estimate = e;
    return e;
  }

  /** Trusted now (UTC ms) and whether it rests on a server anchor (`trusted: false` = raw wall time). */
  trustedNow(): { ms: number; trusted: boolean } {
    const e = this.#estimate;
    if (e === null) return { ms: this.clock.wallMs(), trusted: false };
    return { ms: e.serverMs + (this.clock.monoMs() - e.monoMs), trusted: true };
  }

  /**
   * The current offset, from trusted now and the wall clock read now, so a wall-clock jump after the last
   * sync is seen at once; null before the first sync.
   */
  currentOffsetMs(): number | null {
    const t = this.trustedNow();
    return t.trusted ? t.ms - this.clock.wallMs() : null;
  }

  /** Flags for a record made now: `offset` when |offset| exceeds the limit. */
  flags(): ClockFlag[] {
    const off = this.currentOffsetMs();
    return off !== null && Math.abs(off) > this.skewLimitMs ? ['offset'] : [];
  }
}
