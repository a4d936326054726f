import type { Logger } from 'pino';
import type { CrossingStore } from '../store/crossing-store.js';
import type { AuditLog } from '../store/audit-log.js';

/**
 * Retention (reliability-security.md §4.8): crossings acknowledged by central are purged `days` after
 * they were recorded; the purge and its counts (no personal data) are audited in the same transaction.
 */
export class RetentionJob {
  readonly #o: { store: CrossingStore; audit: AuditLog; log: Logger; days: number; intervalMs: number; now?: () => number };
  #timer: NodeJS.Timeout | undefined;

  constructor(o: { store: CrossingStore; audit: AuditLog; log: Logger; days: number; intervalMs: number; now?: () => number }) {
    this.#o = o;
  }

  /** Runs one purge now; returns the counts. Never throws (a failing disk is reported elsewhere). */
  runOnce(): { crossings: number; outboxItems: number } | null {
    const { store, audit, days } = this.#o;
    const cutoffMs = (this.#o.now ?? Date.now)() - days * 86_400_000;
    try {
      const counts = store.purgeSynced(cutoffMs, (c) => {
        audit.append({ actor: 'agent', role: 'system', action: 'retention.purge', target: null, details: { ...c, olderThanDays: days, cutoff: new Date(cutoffMs).toISOString() } });
      });
      this.#o.log.info({ mod: 'retention', ...counts }, 'retention purge');
      return counts;
    } catch (e) {
      this.#o.log.error({ mod: 'retention', err: e }, 'retention purge failed');
      return null;
    }
  }

  start(): void {
    this.runOnce();
    this.#timer = setInterval(() => this.runOnce(), this.#o.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
  }
}
