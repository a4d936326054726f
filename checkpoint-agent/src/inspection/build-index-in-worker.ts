/**
 * Rebuilds the screening index from the watchlist cache in a worker thread, so that a whole-list
 * replacement from central does not stop screening: at 1,000,000 entries reading and parsing the cached
 * entries and building the index take ~10–30 s, which on the main thread blocked every scan. The worker
 * returns the index as snapshot bytes (transferred); loading them here is ~0.2 s (no hash check: the
 * bytes never left this process). The same bytes, tagged for the index file, are what gets written as
 * `watchlist-index.snap`.
 */
import { Worker } from 'node:worker_threads';
import { WatchlistIndex } from '@aspk/shared';
import type { WatchlistHead } from '../store/watchlist-cache.js';
import type { IndexBuildResult } from './index-build-worker.js';

export interface WorkerBuiltIndex {
  index: WatchlistIndex;
  /** The cache's head as the worker read it, with the entries. */
  head: WatchlistHead;
  /** Snapshot bytes tagged for the index file. */
  bytes: Uint8Array;
  /** Cached entries that no longer parse (skipped). */
  unreadable: number;
}

/** Builds the index of `cacheFile` (`watchlist.db`) in a worker; rejects when the worker fails. */
export function buildIndexInWorker(cacheFile: string): Promise<WorkerBuiltIndex> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./index-build-worker.mjs', import.meta.url), { workerData: { file: cacheFile } });
    let done = false;
    worker.once('message', (m: IndexBuildResult) => {
      done = true;
      try {
        resolve({ index: WatchlistIndex.fromSnapshot(m.bytes, { verifyHash: false }), head: m.head, bytes: m.bytes, unreadable: m.unreadable });
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    worker.once('error', (e) => {
      done = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`index build worker exited with code ${code} before answering`));
    });
  });
}
