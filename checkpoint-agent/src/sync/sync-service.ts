import type { Logger } from 'pino';
import type { AgentHello, AgentStatus, WatchlistEntry, WatchlistOp } from '@aspk/shared';
import type { SqliteDatabase } from '../store/open-database.js';
import type { WatchlistCache, WatchlistHead } from '../store/watchlist-cache.js';
import type { AuditEntryInput } from '../store/audit-log.js';
import type { WatchlistSnapshot as IndexSnapshot } from '../inspection/screener.js';
import { AgentLink, type HelloResult } from './agent-link.js';
import { CentralClient } from './central-client.js';
import { ClockMonitor, SYSTEM_CLOCK, type SyncClock } from './clock-monitor.js';
import { linkStateOf, type LinkSnapshot } from './link-state.js';
import { OutboxPusher, type OutboxSource } from './outbox-pusher.js';
import type { SyncSettings } from './sync-settings.js';
import { WatchlistFollower } from './watchlist-follower.js';

/** What sync needs from the crossing store (`CrossingStore` provides it). */
export interface SyncStore extends OutboxSource {
  readonly nextSeq: number;
  readonly lowestHeldSeq: number;
}

export interface SyncServiceOptions {
  /** The enrolled identity (= checkpoint id). */
  agentId: string;
  /** Central's base URL, the checkpoint credential and central's pinned public key (base64url raw Ed25519). */
  central: { url: string; token: string; publicKey: string };
  settings: SyncSettings;
  store: SyncStore;
  cache: WatchlistCache;
  cacheDb: SqliteDatabase;
  holder: { swap(next: IndexSnapshot): void };
  build: (entries: readonly WatchlistEntry[], head: WatchlistHead) => IndexSnapshot;
  /** Applies committed watchlist ops to the current index as a delta (see `WatchlistFollowerOptions.advance`). */
  advance?: (ops: readonly WatchlistOp[], head: WatchlistHead, fromVersion: number) => IndexSnapshot | null;
  /** Builds the index off the main thread (see `WatchlistFollowerOptions.rebuild`). */
  rebuild?: () => Promise<IndexSnapshot | null>;
  audit: { append(e: AuditEntryInput): unknown };
  log: Logger;
  /** This process boot's id (the runtime's `bootId`). */
  bootId: string;
  /** Whether the list the checks use is stale, for `agent:status`. Default: never. */
  watchlistStale?: () => boolean;
  /** Per-lane reader health codes for `agent:status`. */
  lanes?: () => Record<string, string>;
  clock?: SyncClock;
  /** [0, 1) source for backoff jitter; default Math.random. */
  random?: () => number;
}

/**
 * The agent side of sync, composed: outbox pusher (crossings up), watchlist follower (signed list down),
 * socket link (hello, status, notifications), clock monitor (offset, trusted now) and the link state.
 * `start()` begins pushing and pulls the watchlist at once (central need not be reachable); `close()` stops
 * everything. Created by the agent's `main.ts`; see `index.ts` for the wiring.
 */
export class SyncService {
  readonly clock: ClockMonitor;
  readonly client: CentralClient;
  readonly pusher: OutboxPusher;
  readonly follower: WatchlistFollower;
  readonly link: AgentLink;
  readonly #o: SyncServiceOptions;
  readonly #log: Logger;
  #timers: NodeJS.Timeout[] = [];
  #everAcked = false;

  constructor(o: SyncServiceOptions) {
    this.#o = o;
    this.#log = o.log.child({ mod: 'sync' });
    const clock = o.clock ?? SYSTEM_CLOCK;
    this.clock = new ClockMonitor(clock, o.settings.skewLimitMs);
    this.client = new CentralClient({ baseUrl: o.central.url, token: o.central.token, timeoutMs: o.settings.ackTimeoutMs });
    this.pusher = new OutboxPusher({ source: o.store, client: this.client, agentId: o.agentId, settings: o.settings, clock, log: o.log, ...(o.random ? { random: o.random } : {}) });
    this.follower = new WatchlistFollower({
      client: this.client, cache: o.cache, cacheDb: o.cacheDb, holder: o.holder, build: o.build, ...(o.advance !== undefined ? { advance: o.advance } : {}), ...(o.rebuild !== undefined ? { rebuild: o.rebuild } : {}), publicKey: o.central.publicKey,
      trustedNow: () => this.clock.trustedNow().ms, wallMs: () => clock.wallMs(), settings: o.settings, log: o.log, audit: o.audit,
    });
    this.link = new AgentLink({
      baseUrl: o.central.url, token: o.central.token, ackTimeoutMs: o.settings.ackTimeoutMs, backoffBaseMs: o.settings.backoffBaseMs,
      backoffCapMs: o.settings.backoffCapMs, clock, log: o.log, hello: () => this.#hello(), ...(o.random ? { random: o.random } : {}),
    });
    this.pusher.on('ack', () => {
      this.#everAcked = true;
    });
    this.link.on('hello', (h: HelloResult) => this.#onHello(h));
    this.pusher.on('stalled', () => this.link.resendHello());
    this.link.on('watchlist-changed', (e: { version: number }) => {
      if (e.version > this.follower.version) void this.follower.pull();
    });
  }

  start(): void {
    this.pusher.start();
    this.link.start();
    void this.follower.pull();
    const every = (ms: number, fn: () => void): void => {
      const t = setInterval(fn, ms);
      t.unref();
      this.#timers.push(t);
    };
    every(this.#o.settings.pullIntervalMs, () => void this.follower.pull());
    every(this.#o.settings.statusIntervalMs, () => void this.link.sendStatus(this.status()));
  }

  async close(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    this.link.close();
    await this.pusher.stop();
  }

  /** New items are in the outbox (call after a crossing or decision was recorded). */
  wake(): void {
    this.pusher.wake();
  }

  /** Clock flags for a record made now (`offset` beyond the skew limit). */
  clockFlags(): ReturnType<ClockMonitor['flags']> {
    return this.clock.flags();
  }

  /** Link state for the console and health report. */
  snapshot(): LinkSnapshot {
    const st = this.pusher.stats;
    const watchlistRejected = this.follower.stats.lastReject?.reason ?? null;
    let queued: number;
    try {
      queued = this.pusher.queued();
    } catch {
      queued = -1;
    }
    return {
      state: linkStateOf({ socketConnected: this.link.ready, everAcked: this.#everAcked, pushFailures: st.consecutiveFailures, watchlistRejected: watchlistRejected !== null }),
      socketConnected: this.link.ready,
      lastSyncMs: st.lastSyncMs,
      queued,
      pushFailures: st.consecutiveFailures,
      lastError: st.lastError ?? this.follower.stats.lastError,
      watchlistRejected,
      clockOffsetMs: this.clock.currentOffsetMs(),
      clockFlagged: this.clock.flags().length > 0,
      counters: {
        sendAttempts: st.sendAttempts, batchesAcked: st.batchesAcked, ackTimeouts: st.ackTimeouts, duplicatesAbsorbed: st.duplicatesAbsorbed,
        conflicts: st.conflicts, reconnects: this.link.reconnects, watchlistSnapshots: this.follower.stats.snapshots,
      },
    };
  }

  /** The `agent:status` report. */
  status(): AgentStatus {
    const s = this.snapshot();
    return {
      agentId: this.#o.agentId,
      queued: Math.max(0, s.queued),
      watchlistVersion: this.follower.version,
      watchlistStale: this.#o.watchlistStale?.() ?? false,
      lastSyncAt: s.lastSyncMs === null ? null : new Date(s.lastSyncMs).toISOString(),
      lanes: this.#o.lanes?.() ?? {},
    };
  }

  #hello(): AgentHello {
    const clock = this.clock.clock;
    return {
      agentId: this.#o.agentId,
      epoch: this.#o.store.epoch,
      nextSeq: this.#o.store.nextSeq,
      lowestHeldSeq: this.#o.store.lowestHeldSeq,
      watchlistVersion: this.follower.version,
      wallMs: clock.wallMs(),
      monoMs: clock.monoMs(),
      bootId: this.#o.bootId,
    };
  }

  #onHello(h: HelloResult): void {
    const e = this.clock.observe(h.reply.serverMs, h.sent, h.received);
    if (Math.abs(e.offsetMs) > this.#o.settings.skewLimitMs) this.#log.warn({ offsetMs: Math.round(e.offsetMs), rttMs: Math.round(e.rttMs) }, 'agent clock differs from central beyond the limit; crossings are flagged');
    try {
      this.pusher.onHello(h.reply.ackedThrough);
    } catch (err) {
      this.#log.warn({ err }, 'could not store central\'s acknowledged point');
    }
    if (h.reply.latestWatchlistVersion !== this.follower.version) void this.follower.pull();
    void this.link.sendStatus(this.status());
  }
}
