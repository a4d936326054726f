import type { Migration } from './open-database.js';

/**
 * Schema of `agent.db`: crossings, their outbox, officer decisions, officer accounts, the local audit
 * log and `meta` (agent id, epoch, next seq, acked-through, clock anchors). The watchlist cache lives in
 * its own file (`watchlist-migrations.ts`), so damage to one never puts the other at risk.
 */
export const AGENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'crossings, outbox, decisions, officers, audit',
    up: `
      CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);

      CREATE TABLE crossing (
        id TEXT PRIMARY KEY,
        epoch TEXT NOT NULL,
        seq INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        checkpoint_id TEXT NOT NULL,
        lane_id TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('entry', 'exit')),
        source TEXT NOT NULL CHECK (source IN ('reader', 'manual')),
        wall_ms INTEGER NOT NULL,
        mono_ms REAL NOT NULL,
        boot_id TEXT NOT NULL,
        clock_flags TEXT NOT NULL DEFAULT '[]',
        verdict TEXT NOT NULL CHECK (verdict IN ('clear', 'alert', 'refer', 'deny')),
        severity TEXT,
        required_action TEXT,
        mrz_valid INTEGER NOT NULL,
        mrz_errors_json TEXT NOT NULL,
        alerts_json TEXT NOT NULL,
        document_json TEXT,
        inspection_json TEXT NOT NULL,
        watchlist_version INTEGER,
        watchlist_head TEXT,
        watchlist_stale INTEGER NOT NULL,
        recorded_by TEXT,
        decision TEXT CHECK (decision IN ('admit', 'refer', 'refuse')),
        decision_note TEXT,
        decision_officer TEXT,
        decision_ms INTEGER,
        UNIQUE (epoch, seq)
      );
      CREATE INDEX crossing_wall ON crossing (wall_ms);

      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        epoch TEXT NOT NULL,
        item_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('crossing', 'decision')),
        body TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        created_ms INTEGER NOT NULL
      );

      CREATE TABLE decision (
        id TEXT PRIMARY KEY,
        crossing_id TEXT NOT NULL REFERENCES crossing (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        officer TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('admit', 'refer', 'refuse')),
        note TEXT,
        wall_ms INTEGER NOT NULL
      );
      CREATE INDEX decision_crossing ON decision (crossing_id);

      CREATE TABLE officer (
        username TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor')),
        password_hash TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('local', 'central')),
        disabled INTEGER NOT NULL DEFAULT 0,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL
      );

      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        ts_ms INTEGER NOT NULL,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      -- Guards against bugs, not against someone with file access: the hash chain detects that.
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    `,
  },
];
