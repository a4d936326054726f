/**
 * Central's SQLite schema as ordered migrations; `user_version` records how many have run. SQL in
 * snake_case; times are UTC milliseconds (`*_ms`).
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'auditor', 'officer')),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL
  );
  -- A browser session and its bearer token: both secrets stored only as SHA-256.
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_ms INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL
  );
  CREATE TABLE checkpoints (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    created_ms INTEGER NOT NULL,
    connected INTEGER NOT NULL DEFAULT 0,
    last_seen_ms INTEGER,
    last_batch_ms INTEGER,
    last_sync_at TEXT,
    queued INTEGER,
    watchlist_version INTEGER,
    watchlist_stale INTEGER,
    lanes TEXT,
    clock_offset_ms REAL
  );
  -- Checkpoint credentials: 256-bit random secrets stored as SHA-256; a rotated one expires after the overlap.
  CREATE TABLE checkpoint_credentials (
    secret_hash TEXT PRIMARY KEY,
    checkpoint_id TEXT NOT NULL REFERENCES checkpoints(id) ON DELETE CASCADE,
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER
  );
  CREATE INDEX checkpoint_credentials_by_checkpoint ON checkpoint_credentials(checkpoint_id);

  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    purpose TEXT,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  -- Guard against bugs, not against someone with file access (signed checkpoints do that).
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TABLE audit_checkpoints (
    size INTEGER PRIMARY KEY,
    head_hash TEXT NOT NULL,
    ts_ms INTEGER NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL
  );

  CREATE TABLE watchlist_entries (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    action TEXT NOT NULL,
    category TEXT NOT NULL,
    body TEXT NOT NULL,
    search_text TEXT NOT NULL,
    doc_key TEXT,
    version INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
  );
  CREATE INDEX watchlist_entries_by_doc ON watchlist_entries(doc_key);
  CREATE TABLE watchlist_versions (
    version INTEGER PRIMARY KEY,
    header TEXT NOT NULL,
    ops TEXT NOT NULL,
    hash TEXT NOT NULL,
    signature TEXT NOT NULL,
    actor TEXT NOT NULL,
    created_ms INTEGER NOT NULL
  );
  CREATE TABLE watchlist_entry_versions (
    entry_id TEXT NOT NULL,
    version INTEGER NOT NULL REFERENCES watchlist_versions(version),
    op TEXT NOT NULL,
    PRIMARY KEY (entry_id, version)
  );
  -- Four-eyes: a change proposed by one admin, published only when another admin approves it.
  CREATE TABLE watchlist_proposals (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    ops TEXT NOT NULL,
    details TEXT NOT NULL,
    proposer TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
    decided_by TEXT,
    decided_ms INTEGER,
    version INTEGER
  );
  CREATE TABLE watchlist_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    record TEXT NOT NULL,
    signature TEXT NOT NULL,
    issued_ms INTEGER NOT NULL
  );

  CREATE TABLE crossings (
    ingest_seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    agent_id TEXT NOT NULL,
    epoch TEXT NOT NULL,
    seq INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    checkpoint_id TEXT NOT NULL,
    lane TEXT NOT NULL,
    direction TEXT NOT NULL,
    agent_wall_time TEXT NOT NULL,
    agent_wall_ms INTEGER NOT NULL,
    day TEXT NOT NULL,
    monotonic_ms REAL NOT NULL,
    boot_id TEXT NOT NULL,
    clock_flags TEXT NOT NULL,
    received_ms INTEGER NOT NULL,
    document_code TEXT,
    issuing_state TEXT,
    document_number TEXT,
    document_number_norm TEXT,
    nationality TEXT,
    birth_date TEXT,
    expiry_date TEXT,
    sex TEXT,
    surname TEXT,
    given_names TEXT,
    name_folded TEXT NOT NULL,
    mrz_valid INTEGER NOT NULL,
    mrz_errors TEXT NOT NULL,
    alerts TEXT NOT NULL,
    alert_count INTEGER NOT NULL,
    watchlist_version INTEGER NOT NULL,
    watchlist_head TEXT,
    watchlist_stale INTEGER NOT NULL,
    verdict TEXT NOT NULL,
    decision TEXT,
    officer TEXT,
    decision_note TEXT,
    decided_at TEXT,
    UNIQUE (agent_id, epoch, seq)
  );
  CREATE INDEX crossings_by_time ON crossings(agent_wall_ms);
  CREATE INDEX crossings_by_doc ON crossings(document_number_norm);
  CREATE INDEX crossings_by_checkpoint ON crossings(checkpoint_id, agent_wall_ms);
  CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL,
    crossing_id TEXT NOT NULL,
    decision TEXT NOT NULL,
    officer TEXT NOT NULL,
    note TEXT,
    decided_at TEXT NOT NULL,
    received_ms INTEGER NOT NULL
  );
  CREATE INDEX decisions_by_crossing ON decisions(crossing_id);

  -- Every item an agent ever delivered (crossings and later decisions): the permanent dedup constraint.
  CREATE TABLE sync_items (
    agent_id TEXT NOT NULL,
    epoch TEXT NOT NULL,
    seq INTEGER NOT NULL,
    item_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    received_ms INTEGER NOT NULL,
    PRIMARY KEY (agent_id, epoch, seq)
  );
  -- Items whose id or (agent, epoch, seq) collided with different content: kept, never overwritten.
  CREATE TABLE sync_conflicts (
    id INTEGER PRIMARY KEY,
    agent_id TEXT NOT NULL,
    epoch TEXT NOT NULL,
    seq INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    body TEXT NOT NULL,
    received_ms INTEGER NOT NULL
  );
  CREATE INDEX sync_conflicts_by_seq ON sync_conflicts(agent_id, epoch, seq);
  CREATE TABLE sync_cursors (
    agent_id TEXT NOT NULL,
    epoch TEXT NOT NULL,
    acked_through INTEGER NOT NULL,
    PRIMARY KEY (agent_id, epoch)
  );
  CREATE TABLE sync_gaps (
    id INTEGER PRIMARY KEY,
    agent_id TEXT NOT NULL,
    epoch TEXT NOT NULL,
    from_seq INTEGER NOT NULL,
    to_seq INTEGER NOT NULL,
    created_ms INTEGER NOT NULL
  );

  CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    checkpoint_id TEXT,
    crossing_id TEXT,
    entry_id TEXT,
    message TEXT NOT NULL,
    details TEXT NOT NULL,
    acknowledged_by TEXT,
    acknowledged_ms INTEGER
  );
  CREATE INDEX alerts_by_time ON alerts(created_ms);
  `,
];
