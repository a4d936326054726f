import { createHmac } from 'node:crypto';
import { canonicalJson, chainHash, GENESIS_HASH, verifyChain, type ChainedRecord } from '@aspk/shared';
import type { Db } from './open-database.js';

/** One audit entry to append. `details` must hold no personal data: use `pseudonym()` for query values. */
export interface AuditInput {
  actor: string;
  role: string;
  action: string;
  target?: string | null;
  purpose?: string | null;
  details?: Record<string, unknown>;
}

/** A stored audit entry. */
export interface AuditEntry {
  seq: number;
  tsMs: number;
  actor: string;
  role: string;
  action: string;
  target: string | null;
  purpose: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBadId?: number;
  /** `chain` (a link broken) or `truncated` (fewer entries than a signed checkpoint covers) or `checkpoint`. */
  reason?: 'chain' | 'truncated' | 'checkpoint';
}

/** Signs and verifies audit checkpoints (`{size, headHash, ts}`) with the server key. */
export interface CheckpointSigner {
  keyId: string;
  sign(message: string): string;
  verify(message: string, signature: string): boolean;
}

export interface AuditQuery {
  actor?: string | undefined;
  action?: string | undefined;
  fromMs?: number | undefined;
  toMs?: number | undefined;
  limit: number;
  offset: number;
}

interface AuditRow {
  seq: number;
  ts_ms: number;
  actor: string;
  role: string;
  action: string;
  target: string | null;
  purpose: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** Entries between signed checkpoints (reliability-security.md §4.6: every 1,000 entries). */
export const AUDIT_CHECKPOINT_EVERY = 1000;

function hashedRecord(r: Omit<AuditRow, 'prev_hash' | 'hash'>): Record<string, unknown> {
  return { seq: r.seq, tsMs: r.ts_ms, actor: r.actor, role: r.role, action: r.action, target: r.target, purpose: r.purpose, details: r.details };
}

/**
 * Append-only, hash-chained audit log (reliability-security.md §4.6):
 * `hash = SHA-256(prev_hash ‖ canonical(entry))`; triggers abort UPDATE and DELETE; every
 * `AUDIT_CHECKPOINT_EVERY` entries the head is signed so truncation is detectable.
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly hmacKey: Buffer,
    private readonly signer: CheckpointSigner,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keyed pseudonym of a personal value (HMAC-SHA-256, 32 hex chars): correlatable, not readable. */
  pseudonym(value: string): string {
    return `h:${createHmac('sha256', this.hmacKey).update(value).digest('hex').slice(0, 32)}`;
  }

  /** Appends one entry in its own immediate transaction (or the caller's); returns its seq. */
  append(input: AuditInput): number {
    return this.db.transaction(() => this.appendInTx(input)).immediate();
  }

  /** Appends inside a transaction the caller already holds. */
  appendInTx(input: AuditInput): number {
    const last = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const row = {
      seq: (last?.seq ?? 0) + 1,
      ts_ms: this.now(),
      actor: input.actor,
      role: input.role,
      action: input.action,
      target: input.target ?? null,
      purpose: input.purpose ?? null,
      details: canonicalJson(input.details ?? {}),
    };
    const prev = last?.hash ?? GENESIS_HASH;
    const hash = chainHash(prev, hashedRecord(row));
    this.db
      .prepare('INSERT INTO audit (seq, ts_ms, actor, role, action, target, purpose, details, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)')
      .run(row.seq, row.ts_ms, row.actor, row.role, row.action, row.target, row.purpose, row.details, prev, hash);
    if (row.seq % AUDIT_CHECKPOINT_EVERY === 0) this.signCheckpoint(row.seq, hash, row.ts_ms);
    return row.seq;
  }

  private signCheckpoint(size: number, headHash: string, tsMs: number): void {
    const signature = this.signer.sign(canonicalJson({ size, headHash, ts: tsMs }));
    this.db
      .prepare('INSERT OR REPLACE INTO audit_checkpoints (size, head_hash, ts_ms, key_id, signature) VALUES (?,?,?,?,?)')
      .run(size, headHash, tsMs, this.signer.keyId, signature);
  }

  /**
   * Signs a checkpoint of the current head when entries were added since the last one (central calls this
   * every 10 minutes, reliability-security.md §4.6). Returns the size signed, or null.
   */
  checkpointNow(): number | null {
    return this.db
      .transaction(() => {
        const last = this.db.prepare('SELECT seq, hash, ts_ms FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string; ts_ms: number } | undefined;
        const cp = this.db.prepare('SELECT max(size) AS size FROM audit_checkpoints').get() as { size: number | null };
        if (last === undefined || (cp.size ?? 0) >= last.seq) return null;
        this.signCheckpoint(last.seq, last.hash, this.now());
        return last.seq;
      })
      .immediate();
  }

  /** Newest first, filtered, paged. */
  list(q: AuditQuery): { total: number; entries: AuditEntry[] } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.actor !== undefined) (where.push('actor = ?'), args.push(q.actor));
    if (q.action !== undefined) (where.push('action = ?'), args.push(q.action));
    if (q.fromMs !== undefined) (where.push('ts_ms >= ?'), args.push(q.fromMs));
    if (q.toMs !== undefined) (where.push('ts_ms < ?'), args.push(q.toMs));
    const w = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM audit ${w}`).get(...args) as { n: number }).n;
    const rows = this.db.prepare(`SELECT * FROM audit ${w} ORDER BY seq DESC LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as AuditRow[];
    return { total, entries: rows.map(toEntry) };
  }

  /**
   * Recomputes the whole chain from the first entry and checks every signed checkpoint. `firstBadId` is the
   * seq of the first entry whose links fail (for truncation: the first missing seq).
   */
  verify(): AuditVerification {
    const rows = this.db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>;
    function* chained(): Generator<ChainedRecord<Record<string, unknown>>> {
      let expected = 1;
      for (const r of rows) {
        // A missing or inserted seq changes the hashed record (seq is part of it), so the chain breaks there.
        yield { id: r.seq, record: hashedRecord({ ...r, seq: expected }), prevHash: r.prev_hash, hash: r.hash };
        expected++;
      }
    }
    const result = verifyChain(chained(), GENESIS_HASH);
    if (!result.ok) return { ok: false, checked: result.checked, firstBadId: Number(result.firstBadId), reason: 'chain' };
    const cps = this.db.prepare('SELECT * FROM audit_checkpoints ORDER BY size').all() as {
      size: number;
      head_hash: string;
      ts_ms: number;
      signature: string;
    }[];
    for (const cp of cps) {
      if (!this.signer.verify(canonicalJson({ size: cp.size, headHash: cp.head_hash, ts: cp.ts_ms }), cp.signature)) {
        return { ok: false, checked: result.checked, firstBadId: cp.size, reason: 'checkpoint' };
      }
      if (cp.size > result.checked) return { ok: false, checked: result.checked, firstBadId: result.checked + 1, reason: 'truncated' };
      const at = this.db.prepare('SELECT hash FROM audit WHERE seq = ?').get(cp.size) as { hash: string } | undefined;
      if (at?.hash !== cp.head_hash) return { ok: false, checked: result.checked, firstBadId: cp.size, reason: 'checkpoint' };
    }
    return { ok: true, checked: result.checked };
  }
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    tsMs: r.ts_ms,
    actor: r.actor,
    role: r.role,
    action: r.action,
    target: r.target,
    purpose: r.purpose,
    details: JSON.parse(r.details) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
