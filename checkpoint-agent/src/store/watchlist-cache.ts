import { WatchlistEntry } from '@aspk/shared';
import type { Migration, SqliteDatabase } from './open-database.js';
import { toStoreError } from './sqlite-error.js';

/** Schema of `watchlist.db`, kept apart from crossings so damage to one never risks the other (§1.1). */
export const WATCHLIST_CACHE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'watchlist entries and head',
    up: `
      CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
      CREATE TABLE entry (id TEXT PRIMARY KEY, body TEXT NOT NULL);
    `,
  },
];

/** What the cache says about the list it holds. */
export interface WatchlistHead {
  /** 0 when no list was ever applied. */
  version: number;
  /** Hash of the head change (hex) or null. */
  head: string | null;
  /** When the head record stops being fresh (UTC ms), or null when unknown. */
  expiresAtMs: number | null;
  /** Agent wall time when this version was applied (UTC ms), or null. */
  appliedAtMs: number | null;
}

export type WatchlistOp = { op: 'put'; entry: WatchlistEntry } | { op: 'tombstone'; entryId: string };

/**
 * The agent's watchlist cache: the entries and the version/head they make up, written in one
 * transaction with the ops they describe (§1.4), so a crash never leaves entries and version apart.
 * Signature and chain checks happen before this (in sync); this class only stores what was accepted.
 */
export class WatchlistCache {
  readonly #db: SqliteDatabase;
  readonly #now: () => number;

  constructor(db: SqliteDatabase, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  head(): WatchlistHead {
    const rows = this.#db.prepare<[], { k: string; v: string }>('SELECT k, v FROM meta').all();
    const m = new Map(rows.map((r) => [r.k, r.v]));
    const num = (k: string): number | null => (m.has(k) ? Number(m.get(k)) : null);
    return { version: num('version') ?? 0, head: m.get('head') ?? null, expiresAtMs: num('expires_at_ms'), appliedAtMs: num('applied_at_ms') };
  }

  /** Number of cached entries. */
  count(): number {
    return this.#db.prepare<[], { n: number }>('SELECT count(*) AS n FROM entry').get()!.n;
  }

  /**
   * All cached entries. Rows are parsed with the shared entry schema: the file is an input like any other,
   * and a row that no longer parses (a newer schema) is reported, not loaded.
   */
  entries(): { entries: WatchlistEntry[]; unreadable: string[] } {
    const entries: WatchlistEntry[] = [];
    const unreadable: string[] = [];
    for (const r of this.#db.prepare<[], { id: string; body: string }>('SELECT id, body FROM entry').iterate()) {
      const parsed = WatchlistEntry.safeParse(JSON.parse(r.body));
      if (parsed.success) entries.push(parsed.data);
      else unreadable.push(r.id);
    }
    return { entries, unreadable };
  }

  #setHead(h: Omit<WatchlistHead, 'appliedAtMs'>): void {
    const set = this.#db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v');
    set.run('version', String(h.version));
    if (h.head !== null) set.run('head', h.head);
    if (h.expiresAtMs !== null) set.run('expires_at_ms', String(h.expiresAtMs));
    set.run('applied_at_ms', String(this.#now()));
  }

  /** Replaces the whole list (a snapshot) and its head in one transaction. */
  replaceAll(head: Omit<WatchlistHead, 'appliedAtMs'>, entries: readonly WatchlistEntry[]): void {
    try {
      this.#db.transaction(() => {
        this.#db.exec('DELETE FROM entry');
        const put = this.#db.prepare('INSERT INTO entry (id, body) VALUES (?, ?)');
        for (const e of entries) put.run(e.id, JSON.stringify(e));
        this.#setHead(head);
      }).immediate();
    } catch (e) {
      throw toStoreError(e, 'watchlist snapshot not stored');
    }
  }

  /** Applies one accepted version's ops and its head in one transaction. */
  applyOps(head: Omit<WatchlistHead, 'appliedAtMs'>, ops: readonly WatchlistOp[]): void {
    try {
      this.#db.transaction(() => {
        const put = this.#db.prepare('INSERT INTO entry (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body');
        const del = this.#db.prepare('DELETE FROM entry WHERE id = ?');
        for (const op of ops) {
          if (op.op === 'put') put.run(op.entry.id, JSON.stringify(op.entry));
          else del.run(op.entryId);
        }
        this.#setHead(head);
      }).immediate();
    } catch (e) {
      throw toStoreError(e, 'watchlist change not stored');
    }
  }
}
