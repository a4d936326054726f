import { AspkError, isAspkError } from '@aspk/shared';

/**
 * Maps a better-sqlite3 error to the one `AspkError` with a stable code, so callers (the console, the
 * lanes) never look at SQLite's message text. Extended result codes are folded to their primary code
 * (`SQLITE_IOERR_FSYNC` → `STORE_IO`).
 */
export function toStoreError(e: unknown, what: string): AspkError {
  if (isAspkError(e)) return e;
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : '';
  const message = e instanceof Error ? e.message : String(e);
  if (code.startsWith('SQLITE_FULL')) return new AspkError('STORE_FULL', `${what}: the disk is full`, { sqlite: code }, { cause: e });
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) {
    return new AspkError('STORE_IO', `${what}: disk I/O error`, { sqlite: code }, { cause: e });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    return new AspkError('STORE_CORRUPT', `${what}: the database file is damaged`, { sqlite: code }, { cause: e });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AspkError('STORE_BUSY', `${what}: the database is busy`, { sqlite: code }, { cause: e });
  }
  return new AspkError('INTERNAL', `${what}: ${message}`, { sqlite: code || undefined }, { cause: e });
}
