import { mkdirSync, renameSync, existsSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { AspkError } from '@aspk/shared';
import { toStoreError } from './sqlite-error.js';

/** One schema step; `up` runs inside the migration's transaction. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

export type SqliteDatabase = Database.Database;

/**
 * Opens (creating if needed) a SQLite file with the settings of reliability-security.md §2.1: WAL,
 * `synchronous=FULL` (NORMAL may lose the last commits on power loss, letting the agent reuse sequence
 * numbers), foreign keys, `secure_delete` (purged rows must not linger in free pages), 5 s busy timeout.
 * Runs `PRAGMA integrity_check` (not `quick_check`, which misses damaged b-trees) and refuses a damaged
 * file with `AspkError('STORE_CORRUPT')` whose details carry the recovery steps. Then applies pending
 * migrations, each in its own immediate transaction, recorded in `schema_migrations`.
 */
export function openDatabase(file: string, migrations: readonly Migration[], now: () => number = Date.now): SqliteDatabase {
  mkdirSync(dirname(file), { recursive: true });
  let db: SqliteDatabase;
  try {
    db = new Database(file, { timeout: 5000 });
  } catch (e) {
    throw toStoreError(e, `cannot open ${file}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new AspkError('STORE_CORRUPT', `integrity check failed for ${file}`, { file, problems: problems.slice(0, 10) });
    }
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL)');
    const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)');
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      db.transaction(() => {
        db.exec(m.up);
        record.run(m.version, m.name, now());
      }).immediate();
    }
    return db;
  } catch (e) {
    db.close();
    const err = toStoreError(e, `cannot use ${file}`);
    if (err.code === 'STORE_CORRUPT') {
      throw new AspkError('STORE_CORRUPT', `${err.message}. Refusing to start on a damaged database.`, {
        file,
        ...(typeof err.details === 'object' && err.details !== null ? err.details : {}),
        recovery: `stop the agent, run \`aspk-agent store quarantine --config FILE\` (renames ${basename(file)} and its -wal/-shm with a timestamp, never deletes them), then start again: a fresh database with a new epoch is created and central records the gap.`,
      });
    }
    throw err;
  }
}

/**
 * Moves a database and its `-wal`/`-shm` files aside as one unit (they must never be separated: a stale
 * WAL applied to another file corrupts it), renaming them `<name>.corrupt-<ISO time>`. Returns the new
 * paths. Nothing is deleted: a quarantined file is examined by hand, never merged automatically.
 */
export function quarantineDatabase(file: string, at: Date = new Date()): string[] {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const moved: string[] = [];
  for (const suffix of ['', '-wal', '-shm']) {
    const from = file + suffix;
    if (!existsSync(from)) continue;
    const to = join(dirname(file), `${basename(file)}.corrupt-${stamp}${suffix}`);
    renameSync(from, to);
    moved.push(to);
  }
  return moved;
}
