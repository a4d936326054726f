import {
  AspkError,
  canonicalJson,
  sha256Hex,
  type CrossingBatch,
  type CrossingBatchAck,
  type CrossingRecord,
  type DecisionRecord,
} from '@aspk/shared';
import { nameSearchKey, normalizeDocumentNumber } from '../watchlist/search-text.js';
import type { AuditLog } from './audit-log.js';
import type { Db } from './open-database.js';
import type { Statement } from 'better-sqlite3';

/** An item kept aside because its id or (agent, epoch, seq) collided with different content. */
export interface SyncConflict {
  agentId: string;
  epoch: string;
  seq: number;
  itemId: string;
  kind: 'crossing' | 'decision';
  reason: 'content-differs' | 'seq-reused';
}

export interface IngestResult {
  ack: CrossingBatchAck;
  /** Crossings stored by this batch (for live alerts). */
  stored: CrossingRecord[];
  conflicts: SyncConflict[];
}

type Item = { kind: 'crossing'; seq: number; id: string; rec: CrossingRecord } | { kind: 'decision'; seq: number; id: string; rec: DecisionRecord };

/**
 * Idempotent apply of agent batches (reliability-security.md §1.2): one immediate transaction per batch;
 * `UNIQUE(item_id)` and `PRIMARY KEY(agent_id, epoch, seq)` in `sync_items` are the permanent dedup
 * constraint; colliding content goes to `sync_conflicts` and is never overwritten; the reply's
 * `ackedThroughSeq` is the contiguous point, computed after the writes in the same transaction.
 */
export class CrossingIngest {
  /** Prepared statements by SQL text: preparing costs more than running these small statements. */
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {}

  private q(sql: string): Statement {
    let st = this.statements.get(sql);
    if (st === undefined) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** Applies a batch from the authenticated agent `agentId`; throws `FORBIDDEN` on an identity mismatch. */
  ingest(agentId: string, batch: CrossingBatch): IngestResult {
    if (batch.agentId !== agentId) {
      this.audit.append({ actor: `agent:${agentId}`, role: 'agent', action: 'security.batch-identity-mismatch', target: batch.agentId, details: { epoch: batch.epoch } });
      throw new AspkError('FORBIDDEN', 'batch agentId does not match the authenticated checkpoint');
    }
    const items: Item[] = [
      ...batch.crossings.map((rec): Item => ({ kind: 'crossing', seq: rec.seq, id: rec.id, rec })),
      ...batch.decisions.map((rec): Item => ({ kind: 'decision', seq: rec.seq, id: rec.id, rec })),
    ].sort((a, b) => a.seq - b.seq);
    const received = this.now();
    return this.db
      .transaction((): IngestResult => {
        let accepted = 0;
        let duplicates = 0;
        const stored: CrossingRecord[] = [];
        const conflicts: SyncConflict[] = [];
        for (const item of items) {
          const hash = sha256Hex(canonicalJson(item.rec));
          const outcome = this.classify(agentId, batch.epoch, item, hash);
          if (outcome === 'duplicate') duplicates++;
          else if (outcome !== 'new') {
            const c: SyncConflict = { agentId, epoch: batch.epoch, seq: item.seq, itemId: item.id, kind: item.kind, reason: outcome };
            this.q('INSERT INTO sync_conflicts (agent_id, epoch, seq, item_id, kind, reason, content_hash, body, received_ms) VALUES (?,?,?,?,?,?,?,?,?)')
              .run(agentId, batch.epoch, item.seq, item.id, item.kind, outcome, hash, JSON.stringify(item.rec), received);
            this.audit.appendInTx({ actor: `agent:${agentId}`, role: 'agent', action: 'security.sync-conflict', target: item.id, details: { epoch: batch.epoch, seq: item.seq, reason: outcome } });
            conflicts.push(c);
          } else {
            this.q('INSERT INTO sync_items (agent_id, epoch, seq, item_id, kind, content_hash, received_ms) VALUES (?,?,?,?,?,?,?)')
              .run(agentId, batch.epoch, item.seq, item.id, item.kind, hash, received);
            if (item.kind === 'crossing') {
              this.insertCrossing(agentId, batch.epoch, item.rec, hash, received);
              stored.push(item.rec);
            } else this.insertDecision(agentId, item.rec, received);
            accepted++;
          }
        }
        const ackedThroughSeq = this.advance(agentId, batch.epoch);
        return { ack: { epoch: batch.epoch, ackedThroughSeq, accepted, duplicates, conflicts: conflicts.length }, stored, conflicts };
      })
      .immediate();
  }

  /**
   * Handles `agent:hello`: when the agent's lowest held seq lies above the contiguous point, the missing
   * range is recorded as a gap incident and declared lost, so the stream never blocks (§1.2). Returns the
   * acknowledged point and the gap, if any.
   */
  hello(agentId: string, epoch: string, lowestHeldSeq: number): { ackedThrough: number; gap: [number, number] | null } {
    return this.db
      .transaction(() => {
        let acked = this.advance(agentId, epoch);
        let gap: [number, number] | null = null;
        if (lowestHeldSeq > acked + 1) {
          gap = [acked + 1, lowestHeldSeq - 1];
          this.q('INSERT INTO sync_gaps (agent_id, epoch, from_seq, to_seq, created_ms) VALUES (?,?,?,?,?)').run(agentId, epoch, gap[0], gap[1], this.now());
          this.audit.appendInTx({ actor: `agent:${agentId}`, role: 'agent', action: 'security.sync-gap', target: agentId, details: { epoch, from: gap[0], to: gap[1] } });
          this.setCursor(agentId, epoch, gap[1]);
          acked = this.advance(agentId, epoch);
        }
        return { ackedThrough: acked, gap };
      })
      .immediate();
  }

  /** The contiguous acknowledged point of an agent epoch (0 when nothing is held). */
  ackedThrough(agentId: string, epoch: string): number {
    const r = this.q('SELECT acked_through FROM sync_cursors WHERE agent_id = ? AND epoch = ?').get(agentId, epoch) as
      | { acked_through: number }
      | undefined;
    return r?.acked_through ?? 0;
  }

  private classify(agentId: string, epoch: string, item: Item, hash: string): 'new' | 'duplicate' | 'content-differs' | 'seq-reused' {
    const byId = this.q('SELECT agent_id, epoch, seq, content_hash FROM sync_items WHERE item_id = ?').get(item.id) as
      | { agent_id: string; epoch: string; seq: number; content_hash: string }
      | undefined;
    if (byId !== undefined) {
      const same = byId.content_hash === hash && byId.agent_id === agentId && byId.epoch === epoch && byId.seq === item.seq;
      return same ? 'duplicate' : 'content-differs';
    }
    const bySeq = this.q('SELECT 1 FROM sync_items WHERE agent_id = ? AND epoch = ? AND seq = ?').get(agentId, epoch, item.seq);
    return bySeq === undefined ? 'new' : 'seq-reused';
  }

  private advance(agentId: string, epoch: string): number {
    let cur = this.ackedThrough(agentId, epoch);
    const held = this.q(
      'SELECT EXISTS (SELECT 1 FROM sync_items WHERE agent_id = @a AND epoch = @e AND seq = @s) OR EXISTS (SELECT 1 FROM sync_conflicts WHERE agent_id = @a AND epoch = @e AND seq = @s) AS h',
    );
    const start = cur;
    while ((held.get({ a: agentId, e: epoch, s: cur + 1 }) as { h: number }).h === 1) cur++;
    if (cur !== start) this.setCursor(agentId, epoch, cur);
    return cur;
  }

  private setCursor(agentId: string, epoch: string, seq: number): void {
    this.q('INSERT INTO sync_cursors (agent_id, epoch, acked_through) VALUES (?,?,?) ON CONFLICT(agent_id, epoch) DO UPDATE SET acked_through = excluded.acked_through')
      .run(agentId, epoch, seq);
  }

  private insertCrossing(agentId: string, epoch: string, c: CrossingRecord, hash: string, received: number): void {
    const wallMs = Date.parse(c.agentWallTime);
    const name = [c.surname, c.givenNames].filter((x) => x !== null && x !== '').join(' ');
    const d = c.officerDecision;
    this.q(
        `INSERT INTO crossings (id, agent_id, epoch, seq, content_hash, checkpoint_id, lane, direction, agent_wall_time, agent_wall_ms, day,
          monotonic_ms, boot_id, clock_flags, received_ms, document_code, issuing_state, document_number, document_number_norm, nationality,
          birth_date, expiry_date, sex, surname, given_names, name_folded, mrz_valid, mrz_errors, alerts, alert_count, watchlist_version,
          watchlist_head, watchlist_stale, verdict, decision, officer, decision_note, decided_at)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        c.id, agentId, epoch, c.seq, hash, c.checkpointId, c.lane, c.direction, c.agentWallTime, wallMs, new Date(wallMs).toISOString().slice(0, 10),
        c.monotonicMs, c.bootId, JSON.stringify(c.clockFlags), received, c.documentCode, c.issuingState, c.documentNumber,
        c.documentNumber === null ? null : normalizeDocumentNumber(c.documentNumber), c.nationality, c.birthDate, c.expiryDate, c.sex,
        c.surname, c.givenNames, nameSearchKey(name), c.mrzValid ? 1 : 0, JSON.stringify(c.mrzErrors),
        JSON.stringify(c.alerts), c.alerts.length, c.watchlistVersion, c.watchlistHead, c.watchlistStale ? 1 : 0, c.verdict,
        d?.decision ?? null, d?.officer ?? null, d?.note ?? null, d?.decidedAt ?? null,
      );
    // A decision that arrived before its crossing (other epoch after a rebuild) is applied now.
    this.applyLatestDecision(agentId, c.id);
  }

  private insertDecision(agentId: string, d: DecisionRecord, received: number): void {
    this.q('INSERT INTO decisions (id, agent_id, crossing_id, decision, officer, note, decided_at, received_ms) VALUES (?,?,?,?,?,?,?,?)')
      .run(d.id, agentId, d.crossingId, d.decision, d.officer, d.note, d.decidedAt, received);
    this.applyLatestDecision(agentId, d.crossingId);
  }

  /**
   * Copies the latest decision onto its crossing — only decisions sent by the agent that recorded the
   * crossing count, so one checkpoint can never change another's record (the rest stay in `decisions`).
   */
  private applyLatestDecision(agentId: string, crossingId: string): void {
    const latest = this.q('SELECT decision, officer, note, decided_at FROM decisions WHERE crossing_id = ? AND agent_id = ? ORDER BY decided_at DESC, received_ms DESC LIMIT 1')
      .get(crossingId, agentId) as { decision: string; officer: string; note: string | null; decided_at: string } | undefined;
    if (latest === undefined) return;
    this.q('UPDATE crossings SET decision = ?, officer = ?, decision_note = ?, decided_at = ? WHERE id = ? AND agent_id = ? AND (decided_at IS NULL OR decided_at <= ?)')
      .run(latest.decision, latest.officer, latest.note, latest.decided_at, crossingId, agentId, latest.decided_at);
  }
}
