import { randomUUID } from 'node:crypto';
import { AspkError, canonicalJson, sha256Hex, type ClockFlag, type Decision } from '@aspk/shared';
import type { SqliteDatabase } from './open-database.js';
import { toStoreError } from './sqlite-error.js';
import { toCrossingRecord, toDecisionRecord, type CrossingDocument, type CrossingHit, type NewCrossing, type NewDecision } from './crossing-record.js';

/** A stored crossing as read back (decision columns reflect the latest decision). */
export interface CrossingRow extends NewCrossing {
  epoch: string;
  seq: number;
  contentHash: string;
  clockFlags: ClockFlag[];
  decision: Decision | null;
  decisionNote: string | null;
  decisionOfficer: string | null;
  decisionMs: number | null;
}

export interface OutboxItem {
  seq: number;
  epoch: string;
  itemId: string;
  kind: 'crossing' | 'decision';
  /** A `CrossingRecord` or a `DecisionRecord`, as canonical JSON parsed back. */
  body: Record<string, unknown>;
  contentHash: string;
}

/** Result of a write: `duplicate` when the id was already on disk (a retry after an ambiguous error). */
export interface RecordResult {
  seq: number;
  epoch: string;
  duplicate: boolean;
  clockFlags: ClockFlag[];
}

interface CrossingDbRow {
  id: string; epoch: string; seq: number; content_hash: string; checkpoint_id: string; lane_id: string;
  direction: 'entry' | 'exit'; source: 'reader' | 'manual'; wall_ms: number; mono_ms: number; boot_id: string;
  clock_flags: string; verdict: NewCrossing['verdict']; severity: string | null; required_action: string | null;
  mrz_valid: number; mrz_errors_json: string; alerts_json: string; document_json: string | null; inspection_json: string;
  watchlist_version: number; watchlist_head: string | null; watchlist_stale: number; recorded_by: string | null;
  decision: Decision | null; decision_note: string | null; decision_officer: string | null; decision_ms: number | null;
}

function fromDb(r: CrossingDbRow): CrossingRow {
  return {
    id: r.id, epoch: r.epoch, seq: r.seq, contentHash: r.content_hash, checkpointId: r.checkpoint_id, laneId: r.lane_id,
    direction: r.direction, source: r.source, wallMs: r.wall_ms, monoMs: r.mono_ms, bootId: r.boot_id,
    clockFlags: JSON.parse(r.clock_flags) as ClockFlag[], verdict: r.verdict, severity: r.severity, requiredAction: r.required_action,
    mrzValid: r.mrz_valid === 1, mrzErrors: JSON.parse(r.mrz_errors_json) as string[], alerts: JSON.parse(r.alerts_json) as CrossingHit[],
    document: r.document_json === null ? null : (JSON.parse(r.document_json) as CrossingDocument),
    inspection: JSON.parse(r.inspection_json) as Record<string, unknown>, watchlistVersion: r.watchlist_version,
    watchlistHead: r.watchlist_head, watchlistStale: r.watchlist_stale === 1, recordedBy: r.recorded_by,
    decision: r.decision, decisionNote: r.decision_note, decisionOfficer: r.decision_officer, decisionMs: r.decision_ms,
  };
}

/**
 * Crossings and the transactional outbox (reliability-security.md §1.1). A crossing row and its outbox
 * item (the protocol's `CrossingRecord`) are written in ONE `BEGIN IMMEDIATE` transaction; the seq comes
 * from `meta.next_seq` inside it (not `MAX(seq)`, which would reuse numbers once acknowledged items are
 * purged). Writes are idempotent by id: a retry after an ambiguous I/O error finds the row and reports
 * `duplicate` instead of making a second crossing. SQLite faults are rethrown as `AspkError`
 * (`STORE_FULL`, `STORE_IO`, `STORE_BUSY`, `STORE_CORRUPT`).
 */
export class CrossingStore {
  readonly #db: SqliteDatabase;
  readonly #skewLimitMs: number;
  readonly #extraClockFlags: () => ClockFlag[];
  readonly #s;

  /**
   * `agentId` is the enrolled identity (= checkpoint id); `skewLimitMs` (default 2 min) flags clock jumps;
   * `extraClockFlags` adds flags known elsewhere (sync's offset against central: `offset`).
   */
  constructor(db: SqliteDatabase, opts: { agentId: string; skewLimitMs?: number; extraClockFlags?: () => ClockFlag[] }) {
    this.#db = db;
    this.#skewLimitMs = opts.skewLimitMs ?? 120_000;
    this.#extraClockFlags = opts.extraClockFlags ?? (() => []);
    const getMeta = db.prepare<[string], { v: string }>('SELECT v FROM meta WHERE k = ?');
    const setMeta = db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v');
    this.#s = {
      getMeta,
      setMeta,
      crossingById: db.prepare<[string], CrossingDbRow>('SELECT * FROM crossing WHERE id = ?'),
      decisionById: db.prepare<[string], { seq: number }>('SELECT seq FROM decision WHERE id = ?'),
      insertCrossing: db.prepare(`INSERT INTO crossing (id, epoch, seq, content_hash, checkpoint_id, lane_id, direction, source,
        wall_ms, mono_ms, boot_id, clock_flags, verdict, severity, required_action, mrz_valid, mrz_errors_json, alerts_json,
        document_json, inspection_json, watchlist_version, watchlist_head, watchlist_stale, recorded_by)
        VALUES (@id, @epoch, @seq, @contentHash, @checkpointId, @laneId, @direction, @source, @wallMs, @monoMs, @bootId, @clockFlags,
        @verdict, @severity, @requiredAction, @mrzValid, @mrzErrorsJson, @alertsJson, @documentJson, @inspectionJson,
        @watchlistVersion, @watchlistHead, @watchlistStale, @recordedBy)`),
      insertOutbox: db.prepare('INSERT INTO outbox (seq, epoch, item_id, kind, body, content_hash, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertDecision: db.prepare('INSERT INTO decision (id, crossing_id, seq, officer, decision, note, wall_ms) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      updateDecision: db.prepare('UPDATE crossing SET decision = ?, decision_note = ?, decision_officer = ?, decision_ms = ? WHERE id = ?'),
      recent: db.prepare<[number], CrossingDbRow>('SELECT * FROM crossing ORDER BY wall_ms DESC, seq DESC LIMIT ?'),
      queued: db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE seq > ?'),
      lowestHeld: db.prepare<[], { s: number | null }>('SELECT MIN(seq) AS s FROM outbox'),
      outboxAfter: db.prepare<[number, number], { seq: number; epoch: string; item_id: string; kind: 'crossing' | 'decision'; body: string; content_hash: string }>(
        'SELECT * FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?'),
    };
    try {
      db.transaction(() => {
        if (getMeta.get('epoch') === undefined) {
          // A new database gets a new epoch, so its seqs never collide with ones central already holds.
          setMeta.run('epoch', randomUUID());
          setMeta.run('next_seq', '1');
          setMeta.run('acked_through', '0');
        }
        setMeta.run('agent_id', opts.agentId);
      }).immediate();
    } catch (e) {
      throw toStoreError(e, 'cannot initialise the crossing store');
    }
  }

  #meta(k: string): string | undefined {
    return this.#s.getMeta.get(k)?.v;
  }

  /** The random id of this database's sequence space. */
  get epoch(): string {
    return this.#meta('epoch')!;
  }

  /** The seq the next item will get. */
  get nextSeq(): number {
    return Number(this.#meta('next_seq'));
  }

  /** Lowest seq still held in the outbox; `nextSeq` when it is empty (for `agent:hello`). */
  get lowestHeldSeq(): number {
    return this.#s.lowestHeld.get()?.s ?? this.nextSeq;
  }

  #takeSeq(): number {
    const seq = this.nextSeq;
    this.#s.setMeta.run('next_seq', String(seq + 1));
    return seq;
  }

  /** Clock problems next to the stored times (§1.5); times themselves are never corrected. */
  #clockFlags(c: NewCrossing): ClockFlag[] {
    const lastWall = Number(this.#meta('last_wall_ms') ?? NaN);
    const lastMono = Number(this.#meta('last_mono_ms') ?? NaN);
    const lastBoot = this.#meta('last_boot_id');
    const flags: ClockFlag[] = [];
    if (lastBoot !== undefined && lastBoot !== c.bootId && c.wallMs < lastWall) flags.push('boot-backwards');
    if (lastBoot === c.bootId && Math.abs(c.wallMs - lastWall - (c.monoMs - lastMono)) > this.#skewLimitMs) flags.push('jump');
    for (const f of this.#extraClockFlags()) if (!flags.includes(f)) flags.push(f);
    return flags;
  }

  /**
   * Records a crossing and its outbox item atomically. Returns only after the commit: only then may the
   * console say *recorded*. Throws `AspkError` when nothing was committed — or, after `STORE_IO`, when the
   * outcome is unknown: retry with the same id.
   */
  record(c: NewCrossing): RecordResult {
    try {
      return this.#db.transaction((): RecordResult => {
        const existing = this.#s.crossingById.get(c.id);
        if (existing !== undefined) {
          return { seq: existing.seq, epoch: existing.epoch, duplicate: true, clockFlags: JSON.parse(existing.clock_flags) as ClockFlag[] };
        }
        const epoch = this.epoch;
        const seq = this.#takeSeq();
        const clockFlags = this.#clockFlags(c);
        const body = canonicalJson(toCrossingRecord(c, seq, clockFlags));
        const contentHash = sha256Hex(body);
        this.#s.insertCrossing.run({
          ...c, epoch, seq, contentHash, clockFlags: JSON.stringify(clockFlags), mrzValid: c.mrzValid ? 1 : 0,
          watchlistStale: c.watchlistStale ? 1 : 0, mrzErrorsJson: JSON.stringify(c.mrzErrors), alertsJson: JSON.stringify(c.alerts),
          documentJson: c.document === null ? null : JSON.stringify(c.document), inspectionJson: JSON.stringify(c.inspection),
        });
        this.#s.insertOutbox.run(seq, epoch, c.id, 'crossing', body, contentHash, c.wallMs);
        this.#s.setMeta.run('last_wall_ms', String(c.wallMs));
        this.#s.setMeta.run('last_mono_ms', String(c.monoMs));
        this.#s.setMeta.run('last_boot_id', c.bootId);
        return { seq, epoch, duplicate: false, clockFlags };
      }).immediate();
    } catch (e) {
      throw toStoreError(e, 'crossing not recorded');
    }
  }

  /**
   * Records an officer decision as its own outbox item (a `DecisionRecord`) and updates the crossing.
   * Idempotent by decision id. `alsoInTransaction` runs inside the same transaction (the audit entry).
   */
  decide(d: NewDecision, alsoInTransaction?: () => void): RecordResult {
    try {
      return this.#db.transaction((): RecordResult => {
        const epoch = this.epoch;
        const existing = this.#s.decisionById.get(d.id);
        if (existing !== undefined) return { seq: existing.seq, epoch, duplicate: true, clockFlags: [] };
        if (this.#s.crossingById.get(d.crossingId) === undefined) throw new AspkError('NOT_FOUND', 'no such crossing', { crossingId: d.crossingId });
        const seq = this.#takeSeq();
        const body = canonicalJson(toDecisionRecord(d, seq));
        const contentHash = sha256Hex(body);
        this.#s.insertDecision.run(d.id, d.crossingId, seq, d.officer, d.decision, d.note, d.wallMs);
        this.#s.insertOutbox.run(seq, epoch, d.id, 'decision', body, contentHash, d.wallMs);
        this.#s.updateDecision.run(d.decision, d.note, d.officer, d.wallMs, d.crossingId);
        alsoInTransaction?.();
        return { seq, epoch, duplicate: false, clockFlags: [] };
      }).immediate();
    } catch (e) {
      throw toStoreError(e, 'decision not recorded');
    }
  }

  get(id: string): CrossingRow | undefined {
    const r = this.#s.crossingById.get(id);
    return r === undefined ? undefined : fromDb(r);
  }

  /** Most recent crossings first. */
  recent(limit: number): CrossingRow[] {
    return this.#s.recent.all(limit).map(fromDb);
  }

  /** Highest seq central has acknowledged (every item up to it is stored at central). */
  get ackedThrough(): number {
    return Number(this.#meta('acked_through') ?? 0);
  }

  /** Outbox items not yet acknowledged by central (the status bar's queued-for-sync count). */
  queuedCount(): number {
    return this.#s.queued.get(this.ackedThrough)?.n ?? 0;
  }

  /** Outbox items with seq above `afterSeq`, in seq order, at most `limit` (for the sync pusher). */
  outboxAfter(afterSeq: number, limit: number): OutboxItem[] {
    return this.#s.outboxAfter.all(afterSeq, limit).map((r) => ({
      seq: r.seq, epoch: r.epoch, itemId: r.item_id, kind: r.kind, body: JSON.parse(r.body) as Record<string, unknown>, contentHash: r.content_hash,
    }));
  }

  /** Persists central's acknowledgement (never moves it backwards; re-sending is always safe). */
  markAcked(throughSeq: number): void {
    try {
      this.#db.transaction(() => {
        if (throughSeq > this.ackedThrough) this.#s.setMeta.run('acked_through', String(Math.min(throughSeq, this.nextSeq - 1)));
      }).immediate();
    } catch (e) {
      throw toStoreError(e, 'acknowledgement not stored');
    }
  }

  /**
   * Retention (§4.8, minimisation): deletes crossings acknowledged by central — their item and every
   * decision item acknowledged — recorded before `olderThanMs`, with their decisions, plus acknowledged
   * outbox items older than that. Unsynced crossings are never purged, however old. `secure_delete` is on,
   * so the bytes do not linger in free pages. Returns counts; the caller audits them.
   */
  purgeSynced(olderThanMs: number, alsoInTransaction?: (counts: { crossings: number; outboxItems: number }) => void): { crossings: number; outboxItems: number } {
    try {
      return this.#db.transaction(() => {
        const acked = this.ackedThrough;
        const ids = this.#db.prepare<[string, number, number, number], { id: string }>(`SELECT c.id FROM crossing c
          WHERE c.epoch = ? AND c.seq <= ? AND c.wall_ms < ?
          AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.crossing_id = c.id AND d.seq > ?)`).all(this.epoch, acked, olderThanMs, acked);
        const del = this.#db.prepare('DELETE FROM crossing WHERE id = ?');
        for (const { id } of ids) del.run(id);
        const outboxItems = this.#db.prepare('DELETE FROM outbox WHERE seq <= ? AND created_ms < ?').run(acked, olderThanMs).changes;
        const counts = { crossings: ids.length, outboxItems };
        alsoInTransaction?.(counts);
        return counts;
      }).immediate();
    } catch (e) {
      throw toStoreError(e, 'retention purge failed');
    }
  }

  /** Counts for metrics. */
  counts(): { crossings: number; alerts: number; decided: number } {
    return this.#db.prepare<[], { crossings: number; alerts: number; decided: number }>(
      `SELECT COUNT(*) AS crossings, COALESCE(SUM(verdict <> 'clear'), 0) AS alerts, COALESCE(SUM(decision IS NOT NULL), 0) AS decided FROM crossing`).get()!;
  }

  /** A small write that tells whether the disk accepts writes again after `STORE_FULL` / `STORE_IO`. */
  probeWritable(nowMs: number): void {
    try {
      this.#db.transaction(() => this.#s.setMeta.run('last_probe_ms', String(nowMs))).immediate();
    } catch (e) {
      throw toStoreError(e, 'store still not writable');
    }
  }
}
