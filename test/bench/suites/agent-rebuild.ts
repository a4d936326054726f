/**
 * Whole-list replacement on a serving agent: `buildIndexInWorker` on a `watchlist.db` of N persons + N
 * documents (`AGENT_REBUILD_SIZE`, default 1,000,000), with the main thread's event-loop delay sampled
 * (10 ms resolution) while the worker reads, parses and builds — what an officer's scan would wait. The
 * alternative in the same run: the same build on the main thread (reading the entries and
 * `WatchlistIndex.build`), which blocks for its whole duration.
 *
 *   npm run bench -- agent-rebuild          AGENT_REBUILD_SIZE=100000 npm run bench -- agent-rebuild
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WatchlistIndex } from '@aspk/shared';
import { buildIndexInWorker, openDatabase, WATCHLIST_CACHE_MIGRATIONS, WatchlistCache } from '@aspk/checkpoint-agent';
import { writeWatchlistCache } from '../write-watchlist-cache.js';

const n = Number(process.env.AGENT_REBUILD_SIZE ?? 1_000_000);
const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`load average at start ${load()}`);
const dir = mkdtempSync(join(tmpdir(), 'aspk-agent-rebuild-'));
try {
  const file = join(dir, 'watchlist.db');
  writeWatchlistCache(file, n);
  (globalThis as { gc?: () => void }).gc?.();

  const delay = monitorEventLoopDelay({ resolution: 10 });
  let t = performance.now();
  delay.enable();
  const built = await buildIndexInWorker(file);
  delay.disable();
  const workerMs = performance.now() - t;
  if (built.index.size !== 2 * n) throw new Error('worker index is incomplete');

  const db = openDatabase(file, WATCHLIST_CACHE_MIGRATIONS);
  t = performance.now();
  const here = WatchlistIndex.build(new WatchlistCache(db).entries().entries);
  const mainMs = performance.now() - t;
  db.close();
  if (here.size !== 2 * n) throw new Error('main-thread index is incomplete');
  console.log(`\nwhole-list rebuild of ${n} + ${n} entries from watchlist.db (load average now ${load()}):`);
  console.log(`  in a worker:          ${(workerMs / 1000).toFixed(1)} s wall; main-thread event-loop delay meanwhile p50 ${(delay.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms, max ${(delay.max / 1e6).toFixed(0)} ms`);
  console.log(`  on the main thread:   ${(mainMs / 1000).toFixed(1)} s wall, all of it blocking (${(mainMs / (delay.max / 1e6)).toFixed(0)}× the worker path's longest pause)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
