/**
 * Focused watchlist scale check (the three budgets of the "Watchlist screening engine" issue) without the
 * full benchmark's baselines: `node --expose-gc --import tsx test/bench/watchlist-scale.ts [N]` (default
 * 1,000,000 persons + N documents, seed as in `suites/watchlist.ts`). Prints, in this order:
 * - index build wall and CPU time in this process (it holds only the generated entries), and its heap;
 * - snapshot size, written to a temporary file;
 * - loads of that file, each in a fresh process (`watchlist-load-child.ts`): three as the agent loads it
 *   (huge-page advice, two threads read and check the digests, then `fromSnapshot`), two without the advice,
 *   two the obvious way (one thread, one `readSync`, `fromSnapshot` with the SHA-256 check), one without the check. The file was just written, so it is in the page
 *   cache: this measures a warm-cache agent start, not a cold disk;
 * - document lookup latency (20,000 probes: exact, OCR-confusable, leading zeros, other state, other character).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WatchlistIndex, type DocumentEntry, type WatchlistEntry } from '@aspk/shared';
import { SeededRandom } from '../eval/seeded-random.js';
import { documentEntry, documentProbe, entryFor, randomIdentity } from '../eval/screening-generator.js';
import { fmtNs, summarize } from './stats.js';

const n = Number(process.argv[2] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`load average at start ${load()}`);
const rng = new SeededRandom(20260101 + n);
let entries: WatchlistEntry[] = [];
for (let i = 0; i < n; i++) entries.push(entryFor(randomIdentity(rng), `P${i}`, rng));
const docs: DocumentEntry[] = [];
for (let i = 0; i < n; i++) docs.push(documentEntry(rng, `D${i}`));
for (const d of docs) entries.push(d);
gc();
const t0 = performance.now();
const c0 = process.cpuUsage();
// As the agent's build worker builds a large list (shared arrays, see large-arrays.ts).
const index = WatchlistIndex.build(entries, { sharedArrays: true });
const cpu = process.cpuUsage(c0);
console.log(`build ${n} + ${n}: ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${(cpu.user / 1e6).toFixed(2)} s user + ${(cpu.system / 1e6).toFixed(2)} s system CPU (GC threads included); heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB with the entries`);
entries = [];
gc();
console.log(`heap with the entries released: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);

const snap = index.toSnapshot();
const file = join(tmpdir(), `watchlist-scale-${process.pid}.snap`);
// Written and fsynced as the agent writes its index file, so the loads do not compete with the kernel
// writing 200 MiB of dirty pages back.
const fd = openSync(file, 'w');
for (let at = 0; at < snap.length; ) at += writeSync(fd, snap, at, snap.length - at);
fsyncSync(fd);
closeSync(fd);
console.log(`snapshot ${(snap.length / 2 ** 20).toFixed(1)} MiB`);
const child = fileURLToPath(new URL('./watchlist-load-child.ts', import.meta.url));
for (const mode of ['agent', 'agent', 'agent', 'agent-4k', 'agent-4k', 'hash', 'hash', 'nohash']) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, file, mode], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const m = JSON.parse(r.stdout) as { readMs: number; fromSnapshotMs: number; totalMs: number; cpuMs: number };
  const label = { agent: 'as the agent: huge-page advice, two threads read and check', 'agent-4k': 'two threads, no advice', hash: 'one thread, SHA-256 checked', nohash: 'one thread, no check' }[mode];
  console.log(`fresh-process load (${label}): read ${m.readMs.toFixed(0)} ms + fromSnapshot ${m.fromSnapshotMs.toFixed(0)} ms = ${m.totalMs.toFixed(0)} ms wall, ${m.cpuMs.toFixed(0)} ms CPU`);
}
// WATCHLIST_SNAPSHOT_KEEP=1 leaves the file for further load experiments (its path is printed).
if (process.env.WATCHLIST_SNAPSHOT_KEEP === '1') console.log(`snapshot kept at ${file}`);
else rmSync(file);

const probes = Array.from({ length: 20_000 }, () => documentProbe(docs[rng.int(docs.length)]!, rng));
for (let i = 0; i < 2000; i++) index.lookupDocument(probes[i]!.state, probes[i]!.number);
const samples = new Float64Array(probes.length);
for (let i = 0; i < probes.length; i++) {
  const t = performance.now();
  index.lookupDocument(probes[i]!.state, probes[i]!.number);
  samples[i] = (performance.now() - t) * 1e6;
}
const s = summarize(samples);
console.log(`lookupDocument: median ${fmtNs(s.medianNs)}, p99 ${fmtNs(s.p99Ns)}, max ${fmtNs(s.maxNs)} (${probes.length} probes)`);
console.log(`load average at end ${load()}`);
