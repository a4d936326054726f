import { canonicalJson, chainHash, GENESIS_HASH } from '@aspk/shared';
import type { SqliteDatabase } from './open-database.js';
import { toStoreError } from './sqlite-error.js';

/** One audit entry as given by the caller. `details` must hold no personal data (ids and counts only). */
export interface AuditEntryInput {
  actor: string;
  role: string;
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry extends Required<AuditEntryInput> {
  seq: number;
  tsMs: number;
  prevHash: string;
  hash: string;
}

const GENESIS = GENESIS_HASH;

/** `SHA-256(prev_hash ‖ canonical(entry))` via the shared chain helper (the same rule central uses). */
function entryHash(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  return chainHash(prevHash, { seq: e.seq, tsMs: e.tsMs, actor: e.actor, role: e.role, action: e.action, target: e.target, details: e.details });
}

/**
 * The agent's local tamper-evident audit log (reliability-security.md §4.6): each entry's hash is
 * `SHA-256(prev_hash ‖ canonical(entry))`, so any edit, deletion, insertion or reordering breaks the
 * chain at that entry. Triggers refuse UPDATE and DELETE (a guard against bugs).
 */
export class AuditLog {
  readonly #db: SqliteDatabase;
  readonly #now: () => number;
  readonly #last;
  readonly #insert;

  constructor(db: SqliteDatabase, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
    this.#last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
    this.#insert = db.prepare('INSERT INTO audit (seq, ts_ms, actor, role, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  }

  /** Appends an entry (inside the caller's transaction if there is one). Throws `AspkError` on I/O faults. */
  append(input: AuditEntryInput): AuditEntry {
    try {
      return this.#db.transaction((): AuditEntry => {
        const last = this.#last.get();
        const base = { seq: (last?.seq ?? 0) + 1, tsMs: this.#now(), actor: input.actor, role: input.role, action: input.action, target: input.target ?? null, details: input.details ?? {} };
        const prevHash = last?.hash ?? GENESIS;
        const hash = entryHash(prevHash, base);
        this.#insert.run(base.seq, base.tsMs, base.actor, base.role, base.action, base.target, canonicalJson(base.details), prevHash, hash);
        return { ...base, prevHash, hash };
      }).immediate();
    } catch (e) {
      throw toStoreError(e, 'audit entry not written');
    }
  }

  /** Entries in seq order, newest last; `afterSeq` for paging. */
  list(afterSeq = 0, limit = 1000): AuditEntry[] {
    return this.#db
      .prepare<[number, number], { seq: number; ts_ms: number; actor: string; role: string; action: string; target: string | null; details: string; prev_hash: string; hash: string }>(
        'SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, limit)
      .map((r) => ({ seq: r.seq, tsMs: r.ts_ms, actor: r.actor, role: r.role, action: r.action, target: r.target, details: JSON.parse(r.details) as Record<string, unknown>, prevHash: r.prev_hash, hash: r.hash }));
  }

  /** Re-computes the whole chain. `firstBadSeq` is the first entry whose link or content does not verify. */
  verify(): { ok: boolean; checked: number; firstBadSeq?: number; headHash: string } {
    let prev = GENESIS;
    let expectedSeq = 1;
    let checked = 0;
    for (let page = this.list(0); page.length > 0; page = this.list(page[page.length - 1]!.seq)) {
      for (const e of page) {
        if (e.seq !== expectedSeq || e.prevHash !== prev || entryHash(prev, e) !== e.hash) return { ok: false, checked, firstBadSeq: e.seq, headHash: prev };
        prev = e.hash;
        expectedSeq++;
        checked++;
      }
    }
    return { ok: true, checked, headHash: prev };
  }
}
