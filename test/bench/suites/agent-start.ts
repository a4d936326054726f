/**
 * Agent start with a large watchlist: `startAgent` on a data folder whose cache holds N persons + N
 * documents (`AGENT_START_SIZE`, default 1,000,000), each start in a fresh process. The first start has
 * no index file: it reads the cached entries, builds the index and writes the file; the next ones load
 * the file (`IndexSnapshotFile`). Then the file is removed to time the rebuild once more, so the ratio
 * compares the two ways to start on the same machine in the same run.
 *
 *   npm run bench -- agent-start          AGENT_START_SIZE=100000 npm run bench -- agent-start
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDEX_SNAPSHOT_FILE, WATCHLIST_DB_FILE } from '@aspk/checkpoint-agent';
import { writeWatchlistCache } from '../write-watchlist-cache.js';

const n = Number(process.env.AGENT_START_SIZE ?? 1_000_000);
const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`load average at start ${load()}`);
const dir = mkdtempSync(join(tmpdir(), 'aspk-agent-start-'));
try {
  const t = performance.now();
  writeWatchlistCache(join(dir, WATCHLIST_DB_FILE), n);
  console.log(`cache with ${n} persons + ${n} documents generated and written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const child = fileURLToPath(new URL('../agent-start-child.ts', import.meta.url));
  interface Start { startMs: number; ready: boolean; fromFile: boolean; fileLoadMs: number | null; fileWriteMs: number | null; closeMs: number; entries: number }
  const start = (): Start => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', child, dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const s = JSON.parse(r.stdout) as Start;
    if (!s.ready || s.entries !== 2 * n) throw new Error(`agent started without its list: ${r.stdout}`);
    return s;
  };
  const rebuilds: Start[] = [];
  const fromFile: Start[] = [];
  rebuilds.push(start());
  for (let i = 0; i < 3; i++) fromFile.push(start());
  rmSync(join(dir, INDEX_SNAPSHOT_FILE));
  rebuilds.push(start());
  fromFile.push(start());
  if (rebuilds.some((s) => s.fromFile) || fromFile.some((s) => !s.fromFile)) throw new Error('a start did not take the expected path');
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  console.log(`\nstartAgent, fresh process each, ${n} + ${n} entries (load average now ${load()}):`);
  console.log(`  from the cache (read entries, build index, encode the index file; written in the background): ${rebuilds.map((s) => fmt(s.startMs)).join(', ')}; index file saved in ${rebuilds.map((s) => fmt(s.fileWriteMs ?? 0)).join(', ')}`);
  console.log(`  from the index file:                                           ${fromFile.map((s) => fmt(s.startMs)).join(', ')}; file load ${fromFile.map((s) => fmt(s.fileLoadMs ?? 0)).join(', ')} of it`);
  console.log(`  median ${fmt(median(rebuilds.map((s) => s.startMs)))} vs ${fmt(median(fromFile.map((s) => s.startMs)))}: ${(median(rebuilds.map((s) => s.startMs)) / median(fromFile.map((s) => s.startMs))).toFixed(1)}× faster from the file`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
