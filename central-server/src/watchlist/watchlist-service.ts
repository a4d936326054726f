import {
  AspkError,
  GENESIS_HASH,
  signWatchlistChange,
  signWatchlistHead,
  signWatchlistSnapshot,
  WatchlistEntry,
  type SignedWatchlistHead,
  type SigningKey,
  type WatchlistChange,
  type WatchlistChangesReply,
  type WatchlistOp,
  type WatchlistSnapshot,
} from '@aspk/shared';
import type { AuditLog } from '../db/audit-log.js';
import type { Db } from '../db/open-database.js';
import { documentKey, entrySearchText, nameSearchCondition } from './search-text.js';

export interface WatchlistServiceOptions {
  listId: string;
  headExpiryMs: number;
  headResignMs: number;
  now?: () => number;
}

/** Who made a change, for the change log and the audit entry. */
export interface Actor {
  name: string;
  role: string;
}

/** Called after a change committed: the signed version and the entries it put. */
export type WatchlistChangeListener = (change: WatchlistChange, put: WatchlistEntry[]) => void;

export interface EntrySearch {
  q?: string | undefined;
  type?: 'person' | 'document' | undefined;
  action?: string | undefined;
  limit: number;
  offset: number;
}

/** A bulk import's ops and counts. */
export interface ImportPlan {
  ops: WatchlistOp[];
  added: number;
  updated: number;
  removed: number;
}

export interface StoredEntry {
  entry: WatchlistEntry;
  version: number;
  updatedMs: number;
}

/**
 * The watchlist at central: current entries plus the versioned, hash-chained, Ed25519-signed change log with
 * tombstones (reliability-security.md §1.4). Every change is one version, committed in one immediate
 * transaction together with its audit entry; listeners (agent notification, retro-screening) run after commit.
 */
export class WatchlistService {
  private readonly listeners: WatchlistChangeListener[] = [];
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    private readonly key: SigningKey,
    private readonly audit: AuditLog,
    private readonly o: WatchlistServiceOptions,
  ) {
    this.now = o.now ?? Date.now;
  }

  onChange(fn: WatchlistChangeListener): void {
    this.listeners.push(fn);
  }

  /** Current version and head hash (0 and `GENESIS_HASH` for the empty list). */
  head(): { version: number; hash: string } {
    const r = this.db.prepare('SELECT version, hash FROM watchlist_versions ORDER BY version DESC LIMIT 1').get() as
      | { version: number; hash: string }
      | undefined;
    return r === undefined ? { version: 0, hash: GENESIS_HASH } : r;
  }

  get(id: string): StoredEntry | null {
    const r = this.db.prepare('SELECT body, version, updated_ms FROM watchlist_entries WHERE id = ?').get(id) as
      | { body: string; version: number; updated_ms: number }
      | undefined;
    return r === undefined ? null : { entry: JSON.parse(r.body) as WatchlistEntry, version: r.version, updatedMs: r.updated_ms };
  }

  search(s: EntrySearch): { total: number; entries: StoredEntry[] } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (s.q !== undefined) {
      const c = nameSearchCondition('search_text', s.q);
      if (c !== null) (where.push(c.sql), args.push(...c.args));
    }
    if (s.type !== undefined) (where.push('type = ?'), args.push(s.type));
    if (s.action !== undefined) (where.push('action = ?'), args.push(s.action));
    const w = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM watchlist_entries ${w}`).get(...args) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT body, version, updated_ms FROM watchlist_entries ${w} ORDER BY id LIMIT ? OFFSET ?`)
      .all(...args, s.limit, s.offset) as { body: string; version: number; updated_ms: number }[];
    return { total, entries: rows.map((r) => ({ entry: JSON.parse(r.body) as WatchlistEntry, version: r.version, updatedMs: r.updated_ms })) };
  }

  /** Versions that touched one entry, oldest first. */
  history(id: string): { version: number; op: string; issuedAt: string; actor: string }[] {
    return (
      this.db
        .prepare(
          `SELECT ev.version, ev.op, v.header, v.actor FROM watchlist_entry_versions ev
           JOIN watchlist_versions v ON v.version = ev.version WHERE ev.entry_id = ? ORDER BY ev.version`,
        )
        .all(id) as { version: number; op: string; header: string; actor: string }[]
    ).map((r) => ({ version: r.version, op: r.op, issuedAt: (JSON.parse(r.header) as { issuedAt: string }).issuedAt, actor: r.actor }));
  }

  create(entry: WatchlistEntry, actor: Actor): WatchlistChange {
    return this.apply([], actor, 'watchlist.entry.create', entry.id, () => this.planCreate(entry));
  }

  /** Ops adding `entry`; `CONFLICT` when the id is taken. */
  planCreate(entry: WatchlistEntry): WatchlistOp[] {
    if (this.get(entry.id) !== null) throw new AspkError('CONFLICT', `entry ${entry.id} exists`);
    return [{ op: 'put', entry }];
  }

  /**
   * Merges `patch` into the entry (a `null` member removes an optional field; `id` cannot change) and
   * validates the result with the entry schema.
   */
  update(id: string, patch: Record<string, unknown>, actor: Actor): WatchlistChange {
    return this.apply([], actor, 'watchlist.entry.update', id, () => this.planUpdate(id, patch));
  }

  /** Ops putting the patched entry; `NOT_FOUND`, or `INPUT_INVALID` when the result is not a valid entry. */
  planUpdate(id: string, patch: Record<string, unknown>): WatchlistOp[] {
    const current = this.get(id);
    if (current === null) throw new AspkError('NOT_FOUND', `no entry ${id}`);
    const merged: Record<string, unknown> = { ...current.entry, ...patch, id };
    for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
    const parsed = WatchlistEntry.safeParse(merged);
    if (!parsed.success) {
      throw new AspkError('INPUT_INVALID', 'entry is not valid after the change', { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) });
    }
    return [{ op: 'put', entry: parsed.data }];
  }

  remove(id: string, actor: Actor): WatchlistChange {
    return this.apply([], actor, 'watchlist.entry.delete', id, () => this.planRemove(id));
  }

  /** Ops tombstoning entry `id`; `NOT_FOUND` when absent. */
  planRemove(id: string): WatchlistOp[] {
    if (this.get(id) === null) throw new AspkError('NOT_FOUND', `no entry ${id}`);
    return [{ op: 'tombstone', entryId: id }];
  }

  /**
   * Publishes ops prepared earlier (an approved four-eyes proposal) as the next signed version. Puts are
   * upserts; a tombstone of an entry that has gone meanwhile is still recorded (harmless for agents).
   */
  publish(ops: WatchlistOp[], actor: Actor, action: string, target: string, details: Record<string, unknown> = {}): WatchlistChange {
    return this.apply(ops, actor, action, target, (o) => o, () => details);
  }

  /**
   * Bulk import as ONE version: `upsert` puts every entry; `replace` also tombstones every entry not in
   * the file. Returns the change and counts.
   */
  import(entries: WatchlistEntry[], mode: 'upsert' | 'replace', actor: Actor, source: string): ImportPlan & { change: WatchlistChange } {
    let plan: ImportPlan = { ops: [], added: 0, updated: 0, removed: 0 };
    const change = this.apply([], actor, 'watchlist.import', source, () => {
      plan = this.planImport(entries, mode);
      return plan.ops;
    }, () => ({ mode, added: plan.added, updated: plan.updated, removed: plan.removed }));
    return { ...plan, change };
  }

  /** Ops of a bulk import and what they do to the current list. */
  planImport(entries: WatchlistEntry[], mode: 'upsert' | 'replace'): ImportPlan {
    const existing = new Set(this.db.prepare('SELECT id FROM watchlist_entries').pluck().all() as string[]);
    const ops: WatchlistOp[] = [];
    const inFile = new Set<string>();
    let added = 0;
    let updated = 0;
    let removed = 0;
    for (const e of entries) {
      inFile.add(e.id);
      if (existing.has(e.id)) updated++;
      else added++;
      ops.push({ op: 'put', entry: e });
    }
    if (mode === 'replace') {
      for (const id of existing) if (!inFile.has(id)) (ops.push({ op: 'tombstone', entryId: id }), removed++);
    }
    return { ops, added, updated, removed };
  }

  /** The current signed head record, re-signed when older than the re-sign interval. */
  signedHead(): SignedWatchlistHead {
    const r = this.db.prepare('SELECT record, signature, issued_ms FROM watchlist_head WHERE id = 1').get() as
      | { record: string; signature: string; issued_ms: number }
      | undefined;
    const h = this.head();
    if (r !== undefined && this.now() - r.issued_ms < this.o.headResignMs) {
      const signed = { head: JSON.parse(r.record), signature: r.signature } as SignedWatchlistHead;
      if (signed.head.headVersion === h.version && signed.head.keyId === this.key.keyId) return signed;
    }
    return this.db.transaction(() => this.resignHead(h.version, h.hash)).immediate();
  }

  /** Versions after `since`, at most `limit`, with the current head (what agents pull). */
  changesSince(since: number, limit: number): WatchlistChangesReply {
    const head = this.signedHead();
    const rows = this.db
      .prepare('SELECT header, ops, hash, signature FROM watchlist_versions WHERE version > ? ORDER BY version LIMIT ?')
      .all(since, limit + 1) as { header: string; ops: string; hash: string; signature: string }[];
    const more = rows.length > limit;
    const changes = rows.slice(0, limit).map(
      (r): WatchlistChange => ({ header: JSON.parse(r.header), ops: JSON.parse(r.ops), hash: r.hash, signature: r.signature }),
    );
    // No compaction yet: every version since 0 is kept, so no agent is ever behind the horizon.
    return { head, changes, more, snapshotRequired: false };
  }

  /** The full list at the current version, signed. */
  snapshot(): WatchlistSnapshot {
    return this.db
      .transaction(() => {
        const head = this.signedHead();
        const h = this.head();
        const entries = (this.db.prepare('SELECT body FROM watchlist_entries ORDER BY id').pluck().all() as string[]).map(
          (b) => JSON.parse(b) as WatchlistEntry,
        );
        return signWatchlistSnapshot(
          { listId: this.o.listId, version: h.version, headHash: h.hash, entries, issuedAt: new Date(this.now()).toISOString(), head },
          this.key,
        );
      })
      .immediate();
  }

  private resignHead(version: number, hash: string): SignedWatchlistHead {
    const t = this.now();
    const signed = signWatchlistHead(
      { listId: this.o.listId, headVersion: version, headHash: hash, issuedAt: new Date(t).toISOString(), expiresAt: new Date(t + this.o.headExpiryMs).toISOString() },
      this.key,
    );
    this.db
      .prepare('INSERT INTO watchlist_head (id, record, signature, issued_ms) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET record = excluded.record, signature = excluded.signature, issued_ms = excluded.issued_ms')
      .run(JSON.stringify(signed.head), signed.signature, t);
    return signed;
  }

  /**
   * Signs `ops` as the next version and applies it, with its audit entry, in one immediate transaction.
   * `prepare` runs inside the transaction (checks, building ops from current state).
   */
  private apply(
    ops: WatchlistOp[],
    actor: Actor,
    action: string,
    target: string,
    prepare: (ops: WatchlistOp[]) => WatchlistOp[] = (o) => o,
    details: () => Record<string, unknown> = () => ({}),
  ): WatchlistChange {
    const put: WatchlistEntry[] = [];
    const change = this.db
      .transaction(() => {
        const finalOps = prepare(ops);
        const prev = this.head();
        const t = this.now();
        const c = signWatchlistChange(
          { listId: this.o.listId, prevVersion: prev.version, prevHash: prev.hash, ops: finalOps, issuedAt: new Date(t).toISOString() },
          this.key,
        );
        const v = c.header.version;
        this.db
          .prepare('INSERT INTO watchlist_versions (version, header, ops, hash, signature, actor, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(v, JSON.stringify(c.header), JSON.stringify(c.ops), c.hash, c.signature, actor.name, t);
        const upsert = this.db.prepare(
          `INSERT INTO watchlist_entries (id, type, action, category, body, search_text, doc_key, version, updated_ms) VALUES (?,?,?,?,?,?,?,?,?)
           ON CONFLICT(id) DO UPDATE SET type = excluded.type, action = excluded.action, category = excluded.category, body = excluded.body,
             search_text = excluded.search_text, doc_key = excluded.doc_key, version = excluded.version, updated_ms = excluded.updated_ms`,
        );
        const del = this.db.prepare('DELETE FROM watchlist_entries WHERE id = ?');
        const hist = this.db.prepare('INSERT OR REPLACE INTO watchlist_entry_versions (entry_id, version, op) VALUES (?, ?, ?)');
        for (const op of finalOps) {
          if (op.op === 'put') {
            const e = op.entry;
            const dk = e.type === 'document' ? documentKey(e.issuingState, e.documentNumber) : null;
            upsert.run(e.id, e.type, e.action, e.category, JSON.stringify(e), entrySearchText(e), dk, v, t);
            hist.run(e.id, v, 'put');
            put.push(e);
          } else {
            del.run(op.entryId);
            hist.run(op.entryId, v, 'tombstone');
          }
        }
        this.resignHead(v, c.hash);
        this.audit.appendInTx({
          actor: actor.name,
          role: actor.role,
          action,
          target,
          details: { version: v, ops: finalOps.length, hash: c.hash, ...details() },
        });
        return c;
      })
      .immediate();
    for (const l of this.listeners) l(change, put);
    return change;
  }
}
