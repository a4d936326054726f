import Database from 'better-sqlite3';
import { AspkError } from '@aspk/shared';
import { MIGRATIONS } from './schema.js';

export type Db = Database.Database;

/** Result of opening: the handle and how long `PRAGMA integrity_check` took (logged by the caller). */
export interface OpenedDatabase {
  db: Db;
  integrityMs: number;
}

/**
 * Opens (creating if needed) central's database with the settings of reliability-security.md §2.1 — WAL,
 * `synchronous=FULL`, foreign keys, `secure_delete`, 5 s busy timeout — checks integrity and migrates.
 * Throws `STORE_CORRUPT` when the file is damaged: central then refuses to start rather than write into it.
 */
export function openDatabase(file: string): OpenedDatabase {
  let db: Db;
  try {
    db = new Database(file, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
  } catch (e) {
    throw new AspkError('STORE_CORRUPT', `cannot open database ${file}`, undefined, { cause: e });
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  const t0 = performance.now();
  const check = db.pragma('integrity_check', { simple: true });
  const integrityMs = performance.now() - t0;
  if (check !== 'ok') {
    db.close();
    throw new AspkError('STORE_CORRUPT', `database ${file} failed integrity_check`, { result: check });
  }
  migrate(db);
  return { db, integrityMs };
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] ?? '');
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
