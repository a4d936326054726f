/**
 * Body of the index-build worker thread (`build-index-in-worker.ts` starts it through
 * `index-build-worker.mjs`): reads the watchlist cache as committed — head and entries in one read
 * transaction, on its own read-only connection — builds the screening index, and sends it back as
 * snapshot bytes tagged for the index file (transferred, not copied). The main thread goes on screening
 * with the previous index meanwhile; at 1,000,000 entries reading, parsing and building take ~10–30 s.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { WatchlistIndex } from '@aspk/shared';
import { WatchlistCache, type WatchlistHead } from '../store/watchlist-cache.js';
import { indexFileTag } from '../store/index-snapshot-file.js';
import type { SqliteDatabase } from '../store/open-database.js';

/** What the worker sends back. */
export interface IndexBuildResult {
  head: WatchlistHead;
  bytes: Uint8Array;
  unreadable: number;
}

const { file } = workerData as { file: string };
const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  const cache = new WatchlistCache(db as unknown as SqliteDatabase);
  const { head, entries, unreadable } = db.transaction(() => ({ head: cache.head(), ...cache.entries() }))();
  // Shared arrays: no full garbage collection per 64 MB of them while the entries fill this heap; they are
  // freed when this worker exits, and the snapshot bytes handed over are an ordinary, transferable buffer.
  const bytes = WatchlistIndex.build(entries, { sharedArrays: true }).toSnapshot(indexFileTag(head));
  const result: IndexBuildResult = { head, bytes, unreadable: unreadable.length };
  parentPort!.postMessage(result, [bytes.buffer as ArrayBuffer]);
} finally {
  db.close();
}
