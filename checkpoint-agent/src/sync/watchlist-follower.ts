import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import {
  checkWatchlistChanges,
  checkWatchlistSnapshot,
  GENESIS_HASH,
  type SignedWatchlistHead,
  type WatchlistChangesReply,
  type WatchlistEntry,
  type WatchlistLocalState,
  type WatchlistOp,
  type WatchlistRejectReason,
} from '@aspk/shared';
import type { SqliteDatabase } from '../store/open-database.js';
import type { WatchlistCache, WatchlistHead } from '../store/watchlist-cache.js';
import type { AuditEntryInput } from '../store/audit-log.js';
import type { WatchlistSnapshot as IndexSnapshot } from '../inspection/screener.js';
import type { CentralClient } from './central-client.js';
import type { SyncSettings } from './sync-settings.js';

/** A refused pull: the reason code of reliability-security.md §1.4 and the version concerned. */
export interface WatchlistRejection {
  reason: WatchlistRejectReason;
  version: number | null;
  /** Agent wall time, UTC ms. */
  atMs: number;
}

export interface FollowerStats {
  pulls: number;
  versionsApplied: number;
  snapshots: number;
  rejects: Partial<Record<WatchlistRejectReason, number>>;
  lastReject: WatchlistRejection | null;
  lastError: string | null;
  /** Agent wall time of the last successful pull, UTC ms. */
  lastPullMs: number | null;
}

export interface WatchlistFollowerOptions {
  client: CentralClient;
  cache: WatchlistCache;
  /** The connection under `cache` (`watchlist.db`): the outer transaction and the head record's issue time. */
  cacheDb: SqliteDatabase;
  /** Where checks read the list; `swap` replaces index, version and head in one assignment. */
  holder: { swap(next: IndexSnapshot): void };
  /** Builds the in-memory index (off the hot path). */
  build: (entries: readonly WatchlistEntry[], head: WatchlistHead) => IndexSnapshot;
  /**
   * Optional: builds the index from the cache as committed without blocking this thread (a worker), and
   * returns it with the head it holds; null = not worth it (a small list), use `build`. A failure is
   * logged and `build` is used instead.
   */
  rebuild?: () => Promise<IndexSnapshot | null>;
  /**
   * Applies committed ops (applied to the cache's version `fromVersion`) to the current index as a delta;
   * null = no index holding `fromVersion` to advance, build instead.
   * Optional: without it every version rebuilds the whole index from the cache.
   */
  advance?: (ops: readonly WatchlistOp[], head: WatchlistHead, fromVersion: number) => IndexSnapshot | null;
  /** Central's Ed25519 public key pinned in the agent configuration (raw 32 bytes, base64url). */
  publicKey: string;
  /** Trusted now, UTC ms (server-anchored, §1.5). */
  trustedNow: () => number;
  wallMs: () => number;
  settings: SyncSettings;
  log: Logger;
  /** Where refusals are recorded (the agent's audit log). */
  audit?: { append(e: AuditEntryInput): unknown };
}

const ISSUED_KEY = 'head_issued_at_ms';

/**
 * Follows central's signed watchlist (reliability-security.md §1.4): pulls the versions after the local
 * one, runs every agent check of `checkWatchlistChanges` (key, signatures, rollback, gap, chain, ops hash,
 * head match, expiry against trusted now), and only then applies the ops, the new version and head and the
 * head record's expiry in ONE transaction of the cache, then swaps the in-memory index. A refusal applies
 * nothing, keeps the current version, and is raised: audit entry, `reject` event, `stats.lastReject`.
 * Far behind (or told `snapshotRequired`, or starting empty) it takes the signed snapshot instead.
 *
 * One pull at a time; a request during a pull runs one more pull after it. Events: `applied`
 * ({ version }), `reject` (WatchlistRejection).
 */
export class WatchlistFollower extends EventEmitter {
  readonly stats: FollowerStats = { pulls: 0, versionsApplied: 0, snapshots: 0, rejects: {}, lastReject: null, lastError: null, lastPullMs: null };
  readonly #o: WatchlistFollowerOptions;
  readonly #log: Logger;
  #running: Promise<void> | null = null;
  #again = false;

  constructor(o: WatchlistFollowerOptions) {
    super();
    this.#o = o;
    this.#log = o.log.child({ mod: 'sync-watchlist' });
  }

  /** The version the cache holds. */
  get version(): number {
    return this.#o.cache.head().version;
  }

  /**
   * Pulls until up to date (or refused). Resolves when done; never rejects (failures are recorded in
   * `stats` and retried at the next trigger).
   */
  pull(): Promise<void> {
    if (this.#running !== null) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        try {
          await this.#pullToHead();
          this.stats.lastError = null;
        } catch (e) {
          this.stats.lastError = e instanceof Error ? e.message : String(e);
          this.#log.debug({ err: e }, 'watchlist pull failed; will retry');
        }
      } while (this.#again);
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  #local(): WatchlistLocalState {
    const h = this.#o.cache.head();
    const issued = this.#o.cacheDb.prepare<[string], { v: string }>('SELECT v FROM meta WHERE k = ?').get(ISSUED_KEY);
    return { version: h.version, headHash: h.head ?? GENESIS_HASH, lastHeadIssuedAtMs: issued === undefined ? null : Number(issued.v) };
  }

  async #pullToHead(): Promise<void> {
    // Bounded: each round applies at least one version or stops.
    for (let round = 0; round < 10_000; round++) {
      const local = this.#local();
      const reply = await this.#o.client.watchlistChanges(local.version, this.#o.settings.pullLimit);
      this.stats.pulls++;
      const behind = reply.head.head.headVersion - local.version;
      if (reply.snapshotRequired || behind > this.#o.settings.snapshotBehindVersions || (local.version === 0 && behind > 0)) {
        if (!(await this.#fromSnapshot(local))) return;
        continue;
      }
      const check = checkWatchlistChanges(local, reply, this.#o.publicKey, this.#o.trustedNow());
      if (!check.ok) {
        this.#reject(check.reason, check.version ?? null, reply.head);
        return;
      }
      await this.#apply(local, reply);
      this.stats.lastPullMs = this.#o.wallMs();
      if (!reply.more || reply.changes.length === 0) return;
    }
  }

  async #apply(local: WatchlistLocalState, reply: WatchlistChangesReply): Promise<void> {
    const expiresAtMs = Date.parse(reply.head.head.expiresAt);
    const issuedAtMs = Date.parse(reply.head.head.issuedAt);
    const unchanged = reply.changes.length === 0;
    if (unchanged && local.lastHeadIssuedAtMs === issuedAtMs) return;
    const setIssued = this.#o.cacheDb.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v');
    // One transaction for every version of the reply and the head record's expiry: a crash leaves the
    // cache at the old version or at the new head, never between (the cache's own writes nest as savepoints).
    this.#o.cacheDb.transaction(() => {
      for (const c of reply.changes) this.#o.cache.applyOps({ version: c.header.version, head: c.hash, expiresAtMs }, c.ops);
      if (unchanged) this.#o.cache.applyOps({ version: local.version, head: local.version === 0 ? null : local.headHash, expiresAtMs }, []);
      setIssued.run(ISSUED_KEY, String(issuedAtMs));
    }).immediate();
    this.stats.versionsApplied += reply.changes.length;
    await this.#advance(reply.changes.flatMap((c) => c.ops), local.version);
    if (!unchanged) this.#log.info({ from: local.version, to: reply.changes.at(-1)!.header.version, versions: reply.changes.length }, 'watchlist versions applied');
  }

  async #fromSnapshot(local: WatchlistLocalState): Promise<boolean> {
    const snap = await this.#o.client.watchlistSnapshot();
    const check = checkWatchlistSnapshot(local, snap, this.#o.publicKey, this.#o.trustedNow());
    if (!check.ok) {
      this.#reject(check.reason, check.version ?? snap.header.version, snap.head);
      return false;
    }
    if (snap.header.version === local.version && snap.header.headHash === local.headHash) return true;
    const setIssued = this.#o.cacheDb.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v');
    this.#o.cacheDb.transaction(() => {
      this.#o.cache.replaceAll({ version: snap.header.version, head: snap.header.headHash, expiresAtMs: Date.parse(snap.head.head.expiresAt) }, snap.entries);
      setIssued.run(ISSUED_KEY, String(Date.parse(snap.head.head.issuedAt)));
    }).immediate();
    this.stats.snapshots++;
    this.stats.lastPullMs = this.#o.wallMs();
    await this.#swap();
    this.#log.info({ from: local.version, to: snap.header.version, entries: snap.entries.length }, 'watchlist snapshot applied');
    return true;
  }

  /** Applies committed ops as a delta when possible; a full rebuild from the cache otherwise. */
  /** `fromVersion`: the cache's version the ops were applied to (the index must hold it to take them as a delta). */
  async #advance(ops: readonly WatchlistOp[], fromVersion: number): Promise<void> {
    let next: IndexSnapshot | null = null;
    // Also with no ops (a re-signed head record, pulled for freshness): the index stays as it is and only
    // the head changes. A rebuild from the cache here would block the agent for seconds at 1M entries on
    // every head refresh.
    if (this.#o.advance !== undefined) {
      try {
        next = this.#o.advance(ops, this.#o.cache.head(), fromVersion);
      } catch (e) {
        // The cache already holds the new version; rebuilding from it is always correct.
        this.#log.error({ err: e }, 'applying watchlist changes to the index failed; rebuilding it');
      }
    }
    if (next === null) return await this.#swap();
    this.#o.holder.swap(next);
    this.stats.lastReject = null;
    this.emit('applied', { version: next.version });
  }

  /** Replaces the index with one built from the cache (pulls wait for it: one pull at a time). */
  async #swap(): Promise<void> {
    let next: IndexSnapshot | null = null;
    if (this.#o.rebuild !== undefined) {
      try {
        next = await this.#o.rebuild();
      } catch (e) {
        this.#log.error({ err: e }, 'building the watchlist index off the main thread failed; building it here');
      }
    }
    if (next === null) {
      const { entries, unreadable } = this.#o.cache.entries();
      if (unreadable.length > 0) this.#log.warn({ unreadable: unreadable.length }, 'cached watchlist entries that do not parse were skipped');
      next = this.#o.build(entries, this.#o.cache.head());
    }
    this.#o.holder.swap(next);
    this.stats.lastReject = null;
    this.emit('applied', { version: this.#o.cache.head().version });
  }

  #reject(reason: WatchlistRejectReason, version: number | null, head: SignedWatchlistHead): void {
    const r: WatchlistRejection = { reason, version, atMs: this.#o.wallMs() };
    this.stats.rejects[reason] = (this.stats.rejects[reason] ?? 0) + 1;
    this.stats.lastReject = r;
    this.#log.warn({ reason, version, headVersion: head.head.headVersion, localVersion: this.version }, 'watchlist data refused');
    try {
      this.#o.audit?.append({ actor: 'agent', role: 'system', action: 'watchlist.rejected', target: version === null ? null : String(version), details: { reason, headVersion: head.head.headVersion, localVersion: this.version } });
    } catch (e) {
      this.#log.error({ err: e }, 'could not audit a watchlist refusal');
    }
    this.emit('reject', r);
  }
}
