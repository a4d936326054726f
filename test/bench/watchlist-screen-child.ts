/**
 * Child process of the watchlist benchmark: person screening as on an agent, in a process that holds only
 * the index (loaded from the snapshot file the parent wrote, the way the agent loads it: `readSnapshotFile`,
 * whose buffer is advised to be backed by huge pages) and the probe queries. The bench process
 * itself also holds the generated data set and the generator's tables (~650 MiB of JS heap at 1M), which
 * the agent does not: its entries live in SQLite. A warm-up over the first 500 probes (as in-process), then
 * two passes over all probes with the default limit: the first still pays for a fresh process (V8 has not
 * yet optimised all of the screening code, and new memory is mapped on first touch), the second is the
 * steady state. Prints one JSON line; run by `suites/watchlist.ts`, not by hand:
 *
 *   node --import tsx test/bench/watchlist-screen-child.ts SNAPSHOT PROBES.json
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { WatchlistIndex, type ScreeningQuery } from '@aspk/shared';
import { readSnapshotFile } from '@aspk/checkpoint-agent';
import { summarize, type Summary } from './stats.js';

const [snapFile, probesFile] = process.argv.slice(2);
if (snapFile === undefined || probesFile === undefined) throw new Error('usage: watchlist-screen-child.ts SNAPSHOT PROBES.json');
const bytes = await readSnapshotFile(snapFile, { hugePages: process.env.WATCHLIST_BENCH_HUGE_PAGES !== '0' });
if (bytes === null) throw new Error('unreachable: no accept callback');
const index = WatchlistIndex.fromSnapshot(bytes, { verifyHash: false });
const probes = JSON.parse(readFileSync(probesFile, 'utf8')) as { query: ScreeningQuery; target: string | null }[];

function pass(): { summary: Summary; recall: number } {
  const samples = new Float64Array(probes.length);
  let positives = 0;
  let found = 0;
  for (let i = 0; i < probes.length; i++) {
    const p = probes[i]!;
    const t0 = performance.now();
    const hits = index.screen(p.query);
    samples[i] = (performance.now() - t0) * 1e6;
    if (p.target === null) continue;
    positives++;
    if (hits.some((h) => h.entryId === p.target)) found++;
  }
  return { summary: summarize(samples), recall: positives === 0 ? NaN : found / positives };
}

for (let i = 0; i < Math.min(500, probes.length); i++) index.screen(probes[i]!.query);
const first = pass();
const second = pass();
console.log(JSON.stringify({ first, second, heapMiB: process.memoryUsage().heapUsed / 2 ** 20 }));
