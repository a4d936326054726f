import { join } from 'node:path';
import type { Logger } from 'pino';
import { isAspkError, type WatchlistEntry } from '@aspk/shared';
import type { AgentConfig } from './config.js';
import { createLogger } from './logger.js';
import { openDatabase, quarantineDatabase, type SqliteDatabase } from './store/open-database.js';
import { AGENT_MIGRATIONS } from './store/agent-migrations.js';
import { CrossingStore } from './store/crossing-store.js';
import { AuditLog } from './store/audit-log.js';
import { OfficerStore } from './store/officer-store.js';
import { WATCHLIST_CACHE_MIGRATIONS, WatchlistCache, type WatchlistHead } from './store/watchlist-cache.js';
import { CheckpointRuntime } from './runtime/checkpoint-runtime.js';
import { createInspector } from './inspection/inspect-frame.js';
import { WatchlistHolder } from './inspection/watchlist-holder.js';
import { advanceWatchlistSnapshot, buildWatchlistSnapshot, indexedWatchlistSnapshot } from './inspection/watchlist-screener.js';
import { startScreeningWarmUp } from './inspection/start-screening-warm-up.js';
import type { WatchlistSnapshot } from './inspection/screener.js';
import { IndexSnapshotFile, INDEX_SNAPSHOT_FILE } from './store/index-snapshot-file.js';
import { buildIndexInWorker } from './inspection/build-index-in-worker.js';
import { createConsoleServer, type ConsoleServer } from './console/console-server.js';
import { SessionStore } from './console/session-store.js';
import { LoginThrottle } from './console/login-throttle.js';
import { LaneReaders } from './lanes/lane-readers.js';
import { RetentionJob } from './runtime/retention-job.js';
import { SyncService } from './sync/sync-service.js';

/**
 * From this many cached entries on, sync rebuilds the index in a worker thread (`buildIndexInWorker`):
 * below it the build takes well under a second and a worker's start-up (~0.3 s) is not worth it.
 */
export const WORKER_BUILD_MIN_ENTRIES = 50_000;

/** File names inside `dataDir`. */
export const AGENT_DB_FILE = 'agent.db';
export const WATCHLIST_DB_FILE = 'watchlist.db';

/** A running agent, for the CLI and for tests. */
export interface RunningAgent {
  config: AgentConfig;
  /** The open `agent.db` connection (tests use it to inject faults). */
  db: SqliteDatabase;
  runtime: CheckpointRuntime;
  store: CrossingStore;
  officers: OfficerStore;
  audit: AuditLog;
  watchlist: WatchlistHolder;
  watchlistCache: WatchlistCache;
  /** Sync with central; null when `central.url`, `token` or `rootPublicKey` is not configured. */
  sync: SyncService | null;
  console: ConsoleServer;
  /** The bound console port. */
  port: number;
  log: Logger;
  close(): Promise<void>;
}

/** Opens the agent database; a damaged file refuses the start (`STORE_CORRUPT` with recovery steps). */
export function openAgentDatabase(config: AgentConfig): SqliteDatabase {
  return openDatabase(join(config.dataDir, AGENT_DB_FILE), AGENT_MIGRATIONS);
}

/**
 * Opens the watchlist cache. Unlike crossings, the cache can be downloaded again, so a damaged file is
 * quarantined (renamed, never deleted) and a fresh one started: screening reports *not ready* until sync
 * brings a signed snapshot (reliability-security.md §2.3).
 */
function openWatchlistCache(config: AgentConfig, log: Logger, audit: AuditLog): SqliteDatabase {
  const file = join(config.dataDir, WATCHLIST_DB_FILE);
  try {
    return openDatabase(file, WATCHLIST_CACHE_MIGRATIONS);
  } catch (e) {
    if (!isAspkError(e, 'STORE_CORRUPT')) throw e;
    const moved = quarantineDatabase(file);
    log.error({ moved }, 'watchlist cache damaged: quarantined; screening not ready until a snapshot is applied');
    audit.append({ actor: 'agent', role: 'system', action: 'watchlist.cache-quarantined', target: null, details: { files: moved.length } });
    return openDatabase(file, WATCHLIST_CACHE_MIGRATIONS);
  }
}

/**
 * Composition root (`aspk-agent run`): opens the stores, loads the cached watchlist into memory, starts
 * the console and the readers. Central need not be reachable. `opts.log` lets tests pass a silent logger.
 */
export async function startAgent(config: AgentConfig, opts: { log?: Logger; startReaders?: boolean } = {}): Promise<RunningAgent> {
  const log = opts.log ?? createLogger(config.logLevel);
  const db = openAgentDatabase(config);
  const audit = new AuditLog(db);
  // Late-bound: sync needs the store, the store asks sync for the clock-offset flag of each crossing.
  let sync: SyncService | null = null;
  let linkWatch: NodeJS.Timeout | undefined;
  const store = new CrossingStore(db, { agentId: config.checkpointId, skewLimitMs: config.sync.skewLimitMs, extraClockFlags: () => sync?.clockFlags() ?? [] });
  const officers = new OfficerStore(db, { costLog2: config.passwordCostLog2 });
  const wdb = openWatchlistCache(config, log, audit);
  const watchlistCache = new WatchlistCache(wdb);
  const watchlist = new WatchlistHolder();
  const indexFile = new IndexSnapshotFile(join(config.dataDir, INDEX_SNAPSHOT_FILE), log);
  // A full build also writes the index file (in the background); deltas are written at shutdown
  // (`close`), and a crash costs the next start a rebuild.
  const buildAndSave = (entries: readonly WatchlistEntry[], h: WatchlistHead): WatchlistSnapshot => {
    const next = buildWatchlistSnapshot(entries, h, config.thresholds.alertScore);
    if (next.index !== undefined && h.version > 0) void indexFile.save(next.index, h);
    return next;
  };
  const head = watchlistCache.head();
  if (head.version > 0) {
    const loaded = await indexFile.load(head);
    if (loaded !== null) {
      watchlist.swap(indexedWatchlistSnapshot(loaded, head, config.thresholds.alertScore));
    } else {
      const { entries, unreadable } = watchlistCache.entries();
      if (unreadable.length > 0) log.warn({ unreadable: unreadable.length }, 'cached watchlist entries that no longer parse were skipped');
      watchlist.swap(buildAndSave(entries, head));
    }
  }
  log.info({ version: head.version, entries: watchlist.current().entries }, 'watchlist loaded');
  // Optimised screening code before the first traveller (start-screening-warm-up.ts), in idle-time slices.
  // Also after a start without a list: the warm-up then waits for the first one sync brings.
  const stopWarmUp = startScreeningWarmUp(() => watchlist.current().index, log, { indexChanges: (listener) => watchlist.onSwap(listener) });

  const inspect = createInspector({ watchlist: () => watchlist.current(), minorAgeYears: config.thresholds.minorAgeYears, referWhenStale: config.policy.referWhenStale, mrzPolicy: config.policy.mrz });
  const runtime = new CheckpointRuntime({
    checkpointId: config.checkpointId,
    lanes: config.lanes.map((l) => ({ id: l.id, direction: l.direction })),
    store, audit, inspect, log,
    watchlistStatus: () => {
      const w = watchlist.current();
      // Trusted time (central's clock plus monotonic time since, reliability-security.md §1.5) when sync
      // has an anchor, so a wrong wall clock can neither hide nor fake a stale list.
      const now = sync?.clock.trustedNow().ms ?? Date.now();
      const stale = w.expiresAtMs !== null ? now > w.expiresAtMs : w.appliedAtMs !== null && now - w.appliedAtMs > config.thresholds.watchlistStaleMs;
      return { version: w.version, appliedAtMs: w.appliedAtMs, stale, ready: w.screener !== null, entries: w.entries };
    },
    linkState: () => sync?.snapshot() ?? { state: config.central.url === undefined ? 'disabled' : 'offline', lastSyncMs: null },
  });
  const { url: centralUrl, token: centralToken, rootPublicKey } = config.central;
  if (centralUrl !== undefined && centralToken !== undefined && rootPublicKey !== undefined) {
    sync = new SyncService({
      agentId: config.checkpointId,
      central: { url: centralUrl, token: centralToken, publicKey: rootPublicKey },
      settings: config.sync, store, cache: watchlistCache, cacheDb: wdb, holder: watchlist, audit, log,
      build: buildAndSave,
      advance: (ops, h, from) => advanceWatchlistSnapshot(watchlist.current(), ops, h, config.thresholds.alertScore, from),
      // A whole-list replacement of a large list is built in a worker while screening goes on with the
      // previous list; its bytes are the index file as well (written in the background).
      rebuild: async () => {
        if (watchlistCache.count() < WORKER_BUILD_MIN_ENTRIES) return null;
        const built = await buildIndexInWorker(join(config.dataDir, WATCHLIST_DB_FILE));
        if (built.unreadable > 0) log.warn({ unreadable: built.unreadable }, 'cached watchlist entries that do not parse were skipped');
        if (built.head.version > 0) void indexFile.write(built.bytes, built.head);
        return indexedWatchlistSnapshot(built.index, built.head, config.thresholds.alertScore);
      },
      bootId: runtime.bootId,
      watchlistStale: () => runtime.health().watchlist.stale,
    });
    const wake = (): void => sync?.wake();
    runtime.on('inspection', wake);
    runtime.on('decision', wake);
    sync.start();
    // The link state is derived from several sync parts (socket, pusher failures, watchlist rejections), so
    // it is sampled once a second and the consoles are told when it changes: an officer must see "offline"
    // when the link drops, not only at the next scan.
    let lastLinkState = sync.snapshot().state;
    linkWatch = setInterval(() => {
      const state = sync?.snapshot().state;
      if (state !== undefined && state !== lastLinkState) {
        lastLinkState = state;
        runtime.refreshStatus();
      }
    }, 1000);
    linkWatch.unref();
  } else if (centralUrl !== undefined) {
    log.warn('central.url is set but central.token or central.rootPublicKey is missing: sync is off');
  }
  audit.append({ actor: 'agent', role: 'system', action: 'agent.start', target: config.checkpointId, details: { lanes: config.lanes.length, watchlistVersion: head.version, epoch: store.epoch } });

  const server = createConsoleServer({
    runtime, officers, audit, log,
    sessions: new SessionStore({ idleMs: config.console.sessionIdleMs, absoluteMs: config.console.sessionAbsoluteMs }),
    throttle: new LoginThrottle(),
    secureCookies: config.console.secureCookies,
    extraOrigins: config.console.allowedOrigins,
  });
  const port = await server.listen(config.console.host, config.console.port);
  const readers = new LaneReaders(config.lanes, runtime, log);
  if (opts.startReaders !== false) readers.start();
  const retention = new RetentionJob({ store, audit, log, days: config.retention.syncedCrossingDays, intervalMs: config.retention.purgeIntervalMs });
  retention.start();

  return {
    config, db, runtime, store, officers, audit, watchlist, watchlistCache, sync, console: server, port, log,
    close: async () => {
      stopWarmUp();
      clearInterval(linkWatch);
      await sync?.close();
      retention.stop();
      await readers.stop();
      await server.close();
      runtime.close();
      // Only an index that holds exactly the cache's list is kept for the next start.
      await indexFile.idle();
      const w = watchlist.current();
      const cached = watchlistCache.head();
      if (w.index !== undefined && w.version > 0 && w.version !== indexFile.savedVersion && cached.version === w.version && cached.head === w.head) await indexFile.save(w.index, w);
      try {
        audit.append({ actor: 'agent', role: 'system', action: 'agent.stop', target: config.checkpointId, details: {} });
      } catch {
        // a full disk must not stop the shutdown
      }
      db.close();
      wdb.close();
    },
  };
}
