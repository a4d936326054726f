import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Logger } from 'pino';
import { AspkError, isAspkError, type Decision, type Direction } from '@aspk/shared';
import type { CrossingStore, CrossingRow } from '../store/crossing-store.js';
import type { AuditLog } from '../store/audit-log.js';
import type { NewCrossing } from '../store/crossing-record.js';
import type { Inspection } from '../inspection/inspection.js';
import { LatencyMetrics } from './latency-metrics.js';

/** Refused inspections kept in memory for a retry with the same id. */
const MAX_UNRECORDED = 1000;

/** What the runtime needs from the inspection pipeline. */
export type InspectFn = (input: { crossingId: string; text: string; laneId: string; direction: Direction; source: 'reader' | 'manual'; wallMs: number; monoMs: number }) => Inspection;

/** What the status bar shows about the watchlist the checks run against. */
export interface WatchlistStatus {
  version: number;
  /** When that version was applied (UTC ms), or null. */
  appliedAtMs: number | null;
  stale: boolean;
  /** False until an index is loaded (no list yet, or the cache was quarantined). */
  ready: boolean;
  entries: number;
}

export interface ReaderHealth {
  state: string;
  frames: number;
  badFrames: number;
  reconnects: number;
  lastError: string | null;
}

/** Store state shown on the console: `full`/`io-error` mean scans are NOT being recorded. */
export type StoreState = 'ok' | 'full' | 'io-error';

/** An inspection as pushed to the console, with whether it is safely on disk. */
export interface InspectionEvent {
  inspection: Inspection;
  recorded: boolean;
  seq: number | null;
  /** Set when not recorded: the store error code and a message for the officer. */
  error: { code: string; message: string } | null;
  decision: Decision | null;
  decisionNote: string | null;
  decisionOfficer: string | null;
}

export interface HealthReport {
  checkpointId: string;
  status: 'ok' | 'degraded';
  store: StoreState;
  lanes: { id: string; direction: Direction; reader: ReaderHealth }[];
  link: { state: 'disabled' | 'offline' | 'online' | 'degraded'; lastSyncMs: number | null };
  queued: number;
  watchlist: WatchlistStatus & { ageMs: number | null };
  uptimeMs: number;
}

export interface CheckpointRuntimeOptions {
  checkpointId: string;
  lanes: { id: string; direction: Direction }[];
  store: CrossingStore;
  audit: AuditLog;
  inspect: InspectFn;
  watchlistStatus: () => WatchlistStatus;
  linkState?: () => HealthReport['link'];
  log: Logger;
  now?: () => number;
  /** How often to probe a full or failing disk for recovery, ms (default 2000). */
  storeProbeMs?: number;
}

/**
 * The agent's core, between the readers and the console: runs each frame through the inspection
 * pipeline, records the crossing (crossing id made BEFORE the first write attempt and kept for retries),
 * records officer decisions with their audit entry, and reports health. A store fault never crashes it:
 * the inspection is still shown, marked *not recorded*, kept in memory for a retry with the same id, and
 * a probe puts the store back to `ok` by itself when the disk accepts writes again.
 *
 * Events: `inspection` (InspectionEvent), `decision` (InspectionEvent), `status` (HealthReport).
 */
export class CheckpointRuntime extends EventEmitter {
  readonly bootId = randomUUID();
  readonly metrics = new LatencyMetrics();
  readonly #o: CheckpointRuntimeOptions;
  readonly #now: () => number;
  readonly #lanes = new Map<string, { direction: Direction; reader: ReaderHealth }>();
  /** Inspections the store refused, by crossing id, awaiting a retry (same id). */
  readonly #unrecorded = new Map<string, { crossing: NewCrossing; inspection: Inspection; error: { code: string; message: string } }>();
  #storeState: StoreState = 'ok';
  #probe: NodeJS.Timeout | undefined;
  readonly #startedAt: number;
  readonly #log: Logger;

  constructor(o: CheckpointRuntimeOptions) {
    super();
    this.#o = o;
    this.#now = o.now ?? Date.now;
    this.#startedAt = performance.now();
    this.#log = o.log.child({ mod: 'runtime' });
    for (const l of o.lanes) this.#lanes.set(l.id, { direction: l.direction, reader: { state: 'unknown', frames: 0, badFrames: 0, reconnects: 0, lastError: null } });
  }

  get storeState(): StoreState {
    return this.#storeState;
  }

  laneIds(): string[] {
    return [...this.#lanes.keys()];
  }

  #lane(laneId: string): { direction: Direction; reader: ReaderHealth } {
    const lane = this.#lanes.get(laneId);
    if (lane === undefined) throw new AspkError('NOT_FOUND', `no lane '${laneId}'`);
    return lane;
  }

  /**
   * The scan path: MRZ text from a reader (or typed by the officer) → inspection → crossing recorded.
   * Returns the event pushed to the console. Never throws for store faults (they are in `error`).
   */
  scan(laneId: string, text: string, source: 'reader' | 'manual', officer: string | null): InspectionEvent {
    const lane = this.#lane(laneId);
    // The id exists before the first write attempt and is reused on every retry (§1.1).
    const crossingId = uuidv7();
    const inspection = this.#o.inspect({ crossingId, text, laneId, direction: lane.direction, source, wallMs: this.#now(), monoMs: performance.now() });
    this.metrics.record('inspection', inspection.timingsUs.total);
    const crossing: NewCrossing = {
      id: crossingId, checkpointId: this.#o.checkpointId, laneId, direction: inspection.direction, source,
      wallMs: inspection.wallMs, monoMs: inspection.monoMs, bootId: this.bootId, verdict: inspection.verdict,
      severity: inspection.severity, requiredAction: inspection.requiredAction, mrzValid: inspection.mrz.ok,
      mrzErrors: inspection.mrz.errors.map((e) => e.code), document: inspection.document,
      alerts: inspection.alerts.map((a) => ({ entryId: a.entryId, score: a.score, reasons: a.reasons, kind: a.kind, action: a.action })),
      inspection: { ...inspection }, watchlistVersion: inspection.watchlist.version, watchlistHead: inspection.watchlist.head,
      watchlistStale: inspection.watchlist.stale, recordedBy: officer,
    };
    const event = this.#record(crossing, inspection);
    this.emit('inspection', event);
    this.emit('status', this.health()); // the queued-for-sync count changed
    return event;
  }

  /**
   * An MRZ typed by the officer: scanned like a reader's frame, plus an audit entry. When the disk refused
   * the crossing, the audit write fails the same way; the officer must still get the verdict marked
   * *not recorded* (and retry later), not an error page, so that audit failure is logged and swallowed.
   */
  scanManual(laneId: string, mrz: string, actor: { username: string; role: string }): InspectionEvent {
    const event = this.scan(laneId, mrz, 'manual', actor.username);
    try {
      this.#o.audit.append({ actor: actor.username, role: actor.role, action: 'crossing.manual-entry', target: event.inspection.crossingId, details: { laneId, recorded: event.recorded } });
    } catch (e) {
      if (event.recorded) throw e;
      this.#log.error({ crossingId: event.inspection.crossingId, code: isAspkError(e) ? e.code : 'INTERNAL' }, 'manual entry not audited: store refused writes');
    }
    return event;
  }

  #record(crossing: NewCrossing, inspection: Inspection): InspectionEvent {
    const base = { inspection, decision: null, decisionNote: null, decisionOfficer: null };
    const t0 = performance.now();
    try {
      const r = this.#o.store.record(crossing);
      this.metrics.record('record', (performance.now() - t0) * 1000);
      this.#unrecorded.delete(crossing.id);
      this.#setStoreState('ok');
      this.#log.info({ crossingId: crossing.id, seq: r.seq, verdict: inspection.verdict, lane: crossing.laneId }, 'crossing recorded');
      return { ...base, recorded: true, seq: r.seq, error: null };
    } catch (e) {
      const err = isAspkError(e) ? e : new AspkError('INTERNAL', 'crossing not recorded', undefined, { cause: e });
      this.#unrecorded.set(crossing.id, { crossing, inspection, error: { code: err.code, message: err.message } });
      // Bounded: the officer was told *not recorded* and follows the manual procedure; after days of a
      // full disk only the newest MAX_UNRECORDED stay available for a retry.
      if (this.#unrecorded.size > MAX_UNRECORDED) this.#unrecorded.delete(this.#unrecorded.keys().next().value!);
      this.#setStoreState(err.code === 'STORE_FULL' ? 'full' : 'io-error');
      this.#log.error({ crossingId: crossing.id, code: err.code }, 'crossing NOT recorded');
      return { ...base, recorded: false, seq: null, error: { code: err.code, message: err.message } };
    }
  }

  /** Retries recording a refused inspection with the same crossing id. */
  retry(crossingId: string): InspectionEvent {
    const pending = this.#unrecorded.get(crossingId);
    if (pending === undefined) throw new AspkError('NOT_FOUND', 'no unrecorded crossing with this id');
    const event = this.#record(pending.crossing, pending.inspection);
    this.emit('inspection', event);
    return event;
  }

  #setStoreState(next: StoreState): void {
    if (next === this.#storeState) return;
    this.#storeState = next;
    if (next !== 'ok' && this.#probe === undefined) {
      this.#probe = setInterval(() => this.#probeStore(), this.#o.storeProbeMs ?? 2000);
      this.#probe.unref();
    }
    if (next === 'ok' && this.#probe !== undefined) {
      clearInterval(this.#probe);
      this.#probe = undefined;
    }
    this.emit('status', this.health());
  }

  #probeStore(): void {
    try {
      this.#o.store.probeWritable(this.#now());
      this.#log.info({}, 'store writable again');
      this.#setStoreState('ok');
    } catch {
      // still full or failing: keep probing
    }
  }

  /** Records an officer's decision (its own outbox item) and its audit entry in one transaction. */
  decide(input: { crossingId: string; decision: Decision; note: string | null; officer: string; role: string }): InspectionEvent {
    const id = uuidv7();
    const wallMs = this.#now();
    this.#o.store.decide({ id, crossingId: input.crossingId, officer: input.officer, decision: input.decision, note: input.note, wallMs }, () => {
      this.#o.audit.append({ actor: input.officer, role: input.role, action: 'crossing.decide', target: input.crossingId, details: { decision: input.decision, decisionId: id, withNote: input.note !== null } });
    });
    const row = this.#o.store.get(input.crossingId)!;
    const event = this.toEvent(row);
    this.emit('decision', event);
    this.emit('status', this.health());
    return event;
  }

  /** Sets a lane's direction (entry/exit) for the following scans. */
  setDirection(laneId: string, direction: Direction, actor: { username: string; role: string }): void {
    this.#lane(laneId).direction = direction;
    this.#o.audit.append({ actor: actor.username, role: actor.role, action: 'lane.direction', target: laneId, details: { direction } });
    this.emit('status', this.health());
  }

  /** Pushes the current status to the consoles, for changes the runtime does not see itself (the link to central). */
  refreshStatus(): void {
    this.emit('status', this.health());
  }

  /** Updates a lane's reader health (from the scanner supervisor). */
  setReaderHealth(laneId: string, reader: ReaderHealth): void {
    this.#lane(laneId).reader = reader;
    this.emit('status', this.health());
  }

  /** A stored crossing as the console shows it. */
  toEvent(row: CrossingRow): InspectionEvent {
    return {
      inspection: row.inspection as unknown as Inspection, recorded: true, seq: row.seq, error: null,
      decision: row.decision, decisionNote: row.decisionNote, decisionOfficer: row.decisionOfficer,
    };
  }

  /** One crossing as the console shows it (also one that is not yet recorded). */
  get(crossingId: string): InspectionEvent | undefined {
    const pending = this.#unrecorded.get(crossingId);
    if (pending !== undefined) return { inspection: pending.inspection, recorded: false, seq: null, error: pending.error, decision: null, decisionNote: null, decisionOfficer: null };
    const row = this.#o.store.get(crossingId);
    return row === undefined ? undefined : this.toEvent(row);
  }

  /** Most recent crossings, newest first, plus any not recorded (those first). */
  recent(limit: number): InspectionEvent[] {
    const unrecorded = [...this.#unrecorded.values()].map(({ inspection, error }) => ({
      inspection, recorded: false, seq: null, error, decision: null, decisionNote: null, decisionOfficer: null,
    }));
    return [...unrecorded, ...this.#o.store.recent(limit).map((r) => this.toEvent(r))].slice(0, limit);
  }

  health(): HealthReport {
    const wl = this.#o.watchlistStatus();
    const lanes = [...this.#lanes].map(([id, l]) => ({ id, direction: l.direction, reader: { ...l.reader } }));
    const degraded = this.#storeState !== 'ok' || !wl.ready || wl.stale || lanes.some((l) => l.reader.state !== 'open' && l.reader.state !== 'ok');
    let queued = 0;
    try {
      queued = this.#o.store.queuedCount();
    } catch {
      // reading may fail on a broken disk; the store state already says so
    }
    return {
      checkpointId: this.#o.checkpointId,
      status: degraded ? 'degraded' : 'ok',
      store: this.#storeState,
      lanes,
      link: this.#o.linkState?.() ?? { state: 'disabled', lastSyncMs: null },
      queued,
      watchlist: { ...wl, ageMs: wl.appliedAtMs === null ? null : this.#now() - wl.appliedAtMs },
      uptimeMs: Math.round(performance.now() - this.#startedAt),
    };
  }

  /** Counts and latency percentiles for `GET /api/metrics`. */
  metricsReport(): { counts: ReturnType<CrossingStore['counts']> & { unrecorded: number }; latency: ReturnType<LatencyMetrics['summary']> } {
    return { counts: { ...this.#o.store.counts(), unrecorded: this.#unrecorded.size }, latency: this.metrics.summary() };
  }

  /** Stops timers. */
  close(): void {
    if (this.#probe !== undefined) clearInterval(this.#probe);
    this.#probe = undefined;
  }
}
