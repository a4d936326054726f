/** Public surface of @aspk/checkpoint-agent. */
export { AgentConfig, LaneConfig, parseAgentConfig, loadAgentConfig, AGENT_ENV_VARS, type AgentConfigInput } from './config.js';
export { startAgent, openAgentDatabase, AGENT_DB_FILE, WATCHLIST_DB_FILE, type RunningAgent } from './main.js';
export { createLogger } from './logger.js';
export { CheckpointRuntime, type InspectFn, type InspectionEvent, type HealthReport, type WatchlistStatus, type ReaderHealth, type StoreState } from './runtime/checkpoint-runtime.js';
export { LatencyMetrics, type LatencySummary } from './runtime/latency-metrics.js';
export { createInspector, type InspectorOptions } from './inspection/inspect-frame.js';
export type { Inspection, InspectionAlert, InspectionCheck, CheckCode, Severity, RequiredAction, MrzIssueView } from './inspection/inspection.js';
export type { Screener, ScreenerHit, WatchlistSnapshot } from './inspection/screener.js';
export { WatchlistHolder } from './inspection/watchlist-holder.js';
export { indexScreener, buildWatchlistSnapshot } from './inspection/watchlist-screener.js';
export { buildIndexInWorker, type WorkerBuiltIndex } from './inspection/build-index-in-worker.js';
export {
  openDatabase, quarantineDatabase, toStoreError, AGENT_MIGRATIONS, CrossingStore, AuditLog, OfficerStore, WatchlistCache,
  WATCHLIST_CACHE_MIGRATIONS, IndexSnapshotFile, INDEX_SNAPSHOT_FILE, readSnapshotFile, type ReadSnapshotFileOptions, hashPassword, verifyPassword, toCrossingRecord, toDecisionRecord,
  type Migration, type SqliteDatabase, type NewCrossing, type NewDecision, type CrossingDocument, type CrossingRow, type OutboxItem,
  type RecordResult, type AuditEntry, type AuditEntryInput, type Officer, type OfficerRole, type WatchlistHead, type WatchlistOp,
} from './store/index.js';
export { ROUTE_POLICY, EVENT_POLICY } from './console/access-policy.js';
export { createConsoleServer, type ConsoleServer } from './console/console-server.js';
export { FrameAssembler, ScannerSupervisor, SCANNER_PROFILES, type AssemblerEvent, type ScannerFrame, type ScannerHealth } from './scanner/index.js';
export {
  SyncService, SyncSettings, DEFAULT_SYNC_SETTINGS, OutboxPusher, WatchlistFollower, CentralClient, AgentLink, ClockMonitor, SYSTEM_CLOCK,
  Backoff, fullJitterDelayMs, linkStateOf,
  type SyncServiceOptions, type SyncStore, type OutboxSource, type PusherStats, type FollowerStats, type WatchlistRejection,
  type SyncClock, type ClockEstimate, type LinkSnapshot, type LinkStateName,
} from './sync/index.js';
