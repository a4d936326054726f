/**
 * Agent side of sync with central (reliability-security.md §1): outbox pusher, watchlist follower, socket
 * link, clock monitor, link state.
 *
 * WIRING (done in `checkpoint-agent/src/main.ts`, after the stores, the watchlist holder and the runtime exist;
 * the store gets `extraClockFlags: () => sync?.clockFlags() ?? []`):
 *
 * ```ts
 * const sync = config.central.url && config.central.token && config.central.rootPublicKey
 *   ? new SyncService({
 *       agentId: config.checkpointId,
 *       central: { url: config.central.url, token: config.central.token, publicKey: config.central.rootPublicKey },
 *       settings: config.sync, store, cache: watchlistCache, cacheDb: wdb, holder: watchlist,
 *       build: buildWatchlistSnapshot, audit, log, bootId: runtime.bootId,
 *       watchlistStale: () => runtime.health().watchlist.stale,
 *     })
 *   : null;
 * runtime.on('inspection', () => sync?.wake()); runtime.on('decision', () => sync?.wake());
 * sync?.start();                      // and `await sync?.close()` first thing in close()
 * linkState: () => sync === null ? { state: 'disabled', lastSyncMs: null } : sync.snapshot(),
 * ```
 * `config.sync` is `SyncSettings` (under `sync` in the agent config, `.prefault({})`). The console/health
 * read `sync.snapshot()` (state online/degraded/offline, lastSyncMs, queued, clock offset, watchlist
 * refusal); `sync.clockFlags()` gives the `offset` flag for a crossing recorded now.
 */
export { SyncSettings, DEFAULT_SYNC_SETTINGS } from './sync-settings.js';
export { fullJitterDelayMs, Backoff } from './backoff.js';
export { ClockMonitor, SYSTEM_CLOCK, type SyncClock, type ClockEstimate } from './clock-monitor.js';
export { CentralClient, type CentralClientOptions } from './central-client.js';
export { OutboxPusher, type OutboxSource, type PusherStats } from './outbox-pusher.js';
export { WatchlistFollower, type WatchlistFollowerOptions, type WatchlistRejection, type FollowerStats } from './watchlist-follower.js';
export { AgentLink, type AgentLinkOptions, type HelloResult } from './agent-link.js';
export { linkStateOf, type LinkStateName, type LinkSnapshot, type LinkInputs } from './link-state.js';
export { SyncService, type SyncServiceOptions, type SyncStore } from './sync-service.js';
