/**
 * `npm run bench -- watchlist [sizes…]`: watchlist screening at 10k, 100k and 1M persons (+ as many documents).
 * Per size: index build time and memory, snapshot size / write / load time (in memory, and from a file in a
 * fresh process via `../watchlist-load-child.ts`), person screening latency
 * (median, p99, max) and recall — in this process and, as on an agent, in a fresh process holding only the
 * index (`../watchlist-screen-child.ts`) — document lookup latency; on the same data, a linear scan with the same
 * scorer and the general-purpose fuzzy-search library MiniSearch, each with its recall (on a query sample
 * where they are too slow for the full set). Sizes: `WATCHLIST_BENCH_SIZES=10000,100000 npm run bench -- watchlist`.
 */
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { loadavg, tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { transliterateCyrillic, WatchlistIndex, type PersonEntry, type ScreeningQuery, type WatchlistEntry } from '@aspk/shared';
import { SeededRandom } from '../../eval/seeded-random.js';
import { documentEntry, documentProbe, entryFor, plainTraveller, positiveTraveller, randomIdentity } from '../../eval/screening-generator.js';
import { fmtNs, printTable, summarize, type Summary } from '../stats.js';

const SEED = 20260101;
// `npm run bench` passes its arguments as suite filters, so sizes come from the environment.
const sizes = (process.env.WATCHLIST_BENCH_SIZES ?? '').split(',').map(Number).filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000];
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
const mb = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;

interface Probe {
  query: ScreeningQuery;
  target: string | undefined;
}

function dataset(n: number): { entries: WatchlistEntry[]; probes: Probe[]; docProbes: { state: string; number: string; target: string | undefined }[] } {
  const rng = new SeededRandom(SEED + n);
  const entries: WatchlistEntry[] = [];
  const listed: { id: ReturnType<typeof randomIdentity>; entry: PersonEntry }[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomIdentity(rng);
    const e = entryFor(id, `P${i}`, rng);
    entries.push(e);
    if (i % 50 === 0) listed.push({ id, entry: e });
  }
  const docs = [];
  for (let i = 0; i < n; i++) docs.push(documentEntry(rng, `D${i}`));
  for (const d of docs) entries.push(d);
  const probes: Probe[] = [];
  const nq = 4000;
  for (let i = 0; i < nq / 2; i++) {
    const l = listed[rng.int(listed.length)]!;
    probes.push({ query: positiveTraveller(l.id, l.entry, rng).query, target: l.entry.id });
    probes.push({ query: plainTraveller(randomIdentity(rng), rng, 'fresh').query, target: undefined });
  }
  const docProbes = [];
  for (let i = 0; i < 20_000; i++) {
    const d = docs[rng.int(docs.length)]!;
    const p = documentProbe(d, rng);
    docProbes.push({ state: p.state, number: p.number, target: p.positive ? d.id : undefined });
  }
  return { entries, probes, docProbes };
}

function writeDurably(file: string, bytes: Uint8Array): void {
  const fd = openSync(file, 'w');
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function timeEach<T>(items: readonly T[], fn: (x: T) => unknown): { summary: Summary; results: unknown[] } {
  const samples = new Float64Array(items.length);
  const results: unknown[] = [];
  for (let i = 0; i < Math.min(500, items.length); i++) fn(items[i]!); // warm-up
  for (let i = 0; i < items.length; i++) {
    const t0 = performance.now();
    results.push(fn(items[i]!));
    samples[i] = (performance.now() - t0) * 1e6;
  }
  return { summary: summarize(samples), results };
}

function recallOf(probes: readonly Probe[], results: readonly unknown[], idsOf: (r: unknown) => string[]): string {
  let pos = 0;
  let found = 0;
  probes.forEach((p, i) => {
    if (p.target === undefined) return;
    pos++;
    if (idsOf(results[i]).includes(p.target)) found++;
  });
  return pos === 0 ? '-' : (found / pos).toFixed(4);
}

const rows: Record<string, string | number>[] = [];
const LOAD_AT_START = loadavg().map((x) => x.toFixed(1)).join(' ');
for (const n of SIZES) {
  const c0 = process.cpuUsage();
  const data = dataset(n);
  console.log(`\n${n} persons + ${n} documents generated (${((process.cpuUsage(c0).user) / 1e6).toFixed(1)} s CPU)`);
  gc();
  const heap0 = process.memoryUsage();
  const tb = performance.now();
  const cb = process.cpuUsage();
  // As the agent's build worker builds a large list (shared arrays, see large-arrays.ts).
  let index: WatchlistIndex | undefined = WatchlistIndex.build(data.entries, { sharedArrays: true });
  const buildMs = performance.now() - tb;
  const buildCpuMs = process.cpuUsage(cb).user / 1000;
  // Buffers the build discarded are freed by V8's sweeper after a collection, on a later task: measure
  // after it has run, or the array-buffer figure counts ~100 MiB of garbage at 1M (see large-arrays.ts).
  gc();
  await new Promise((r) => setTimeout(r, 100));
  gc();
  const heap1 = process.memoryUsage();
  const ts = performance.now();
  const snap = index.toSnapshot();
  const snapMs = performance.now() - ts;
  // Loads: the first in a fresh state (what an agent start sees), a second one warm, and one without the
  // SHA-256 check (for a caller that verified a signature over the same bytes).
  const timed = <T>(f: () => T): { value: T; ms: number; cpuMs: number } => {
    const t = performance.now();
    const c = process.cpuUsage();
    const value = f();
    return { value, ms: performance.now() - t, cpuMs: process.cpuUsage(c).user / 1000 };
  };
  index = undefined; // screening below runs on the loaded copy, as on an agent started from a snapshot
  const load1 = timed(() => WatchlistIndex.fromSnapshot(snap));
  const load2 = timed(() => WatchlistIndex.fromSnapshot(snap).size);
  const loadNoHash = timed(() => WatchlistIndex.fromSnapshot(snap, { verifyHash: false }).size);
  const loaded = load1.value;
  // What an agent start sees: the snapshot file (written here, so in the page cache) loaded by a fresh
  // process (`watchlist-load-child.ts`): the agent's way (huge-page advice, two threads read and check), the
  // same without the advice, then the obvious way, one thread, with and without the check.
  const snapFile = join(tmpdir(), `watchlist-bench-${process.pid}.snap`);
  // Written and fsynced as the agent writes its index file: loads then do not compete with the kernel
  // writing 200 MiB of dirty pages back.
  writeDurably(snapFile, snap);
  const fileLoads = ['agent', 'agent-4k', 'hash', 'nohash'].map((mode) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../watchlist-load-child.ts', import.meta.url)), snapFile, mode], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const m = JSON.parse(r.stdout) as { readMs: number; fromSnapshotMs: number; totalMs: number };
    const label = { agent: 'as the agent (huge-page advice, two threads read and check)', 'agent-4k': 'two threads without the advice', hash: 'one thread, SHA-256 checked', nohash: 'one thread, no check' }[mode];
    return `${label} ${m.totalMs.toFixed(0)} ms (read ${m.readMs.toFixed(0)} + fromSnapshot ${m.fromSnapshotMs.toFixed(0)})`;
  });
  // Screening as on an agent: a fresh process holding only the index and the probes (`watchlist-screen-child.ts`).
  const probesFile = join(tmpdir(), `watchlist-bench-${process.pid}-probes.json`);
  writeFileSync(probesFile, JSON.stringify(data.probes.map((p) => ({ query: p.query, target: p.target ?? null }))));
  const agentLike = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../watchlist-screen-child.ts', import.meta.url)), snapFile, probesFile], { encoding: 'utf8', maxBuffer: 1 << 20 });
  rmSync(probesFile);
  rmSync(snapFile);
  if (agentLike.status !== 0) throw new Error(agentLike.stderr);
  const child = JSON.parse(agentLike.stdout) as Record<'first' | 'second', { summary: Summary; recall: number }> & { heapMiB: number };
  for (const [key, label] of [['first', 'first pass'], ['second', 'second pass']] as const) {
    const r = child[key];
    rows.push({ size: n, method: `screen, index-only process, ${label}`, queries: data.probes.length, median: fmtNs(r.summary.medianNs), p99: fmtNs(r.summary.p99Ns), max: fmtNs(r.summary.maxNs), recall: r.recall.toFixed(4), 'negatives alerted': '' });
  }
  console.log(`load from file in a fresh process: ${fileLoads.join('; ')}`);
  console.log(`screening in a process holding only the index: JS heap ${child.heapMiB.toFixed(0)} MiB`);
  console.log(`build ${(buildMs / 1000).toFixed(2)} s wall (${(buildCpuMs / 1000).toFixed(2)} s CPU incl. GC threads); heap +${mb(heap1.heapUsed - heap0.heapUsed)}, array buffers +${mb(heap1.arrayBuffers - heap0.arrayBuffers)}; snapshot ${mb(snap.length)} written in ${snapMs.toFixed(0)} ms; loaded in ${load1.ms.toFixed(0)} ms wall / ${load1.cpuMs.toFixed(0)} ms CPU (again: ${load2.ms.toFixed(0)} / ${load2.cpuMs.toFixed(0)} ms; without the SHA-256 check: ${loadNoHash.ms.toFixed(0)} / ${loadNoHash.cpuMs.toFixed(0)} ms)`);

  // MiniSearch first, so that its index and the entry objects can be released before the engine is timed:
  // the agent holds neither (its entries live in SQLite), and a large retained heap lengthens every GC.
  {
    const persons = data.entries.filter((e): e is PersonEntry => e.type === 'person');
    const tm = performance.now();
    const mini = new MiniSearch<{ id: string; name: string }>({ fields: ['name'], storeFields: [] });
    mini.addAll(persons.map((p) => ({ id: p.id, name: `${transliterateCyrillic(p.surname)[0]} ${transliterateCyrillic(p.givenNames)[0]}` })));
    const miniBuildMs = performance.now() - tm;
    const miniSample = data.probes.slice(0, Math.min(data.probes.length, Math.floor(4e8 / n)));
    const ms = timeEach(miniSample, (p) => mini.search(`${p.query.surname} ${p.query.givenNames}`, { fuzzy: 0.2, prefix: true, combineWith: 'AND' }).slice(0, 10));
    rows.push({ size: n, method: `MiniSearch (fuzzy 0.2, built in ${(miniBuildMs / 1000).toFixed(1)} s)`, queries: miniSample.length, median: fmtNs(ms.summary.medianNs), p99: fmtNs(ms.summary.p99Ns), max: fmtNs(ms.summary.maxNs), recall: recallOf(miniSample, ms.results, (r) => (r as { id: string }[]).map((x) => x.id)), 'negatives alerted': '' });
  }
  data.entries.length = 0;
  gc();
  console.log(`heap while screening (entries and MiniSearch released): ${mb(process.memoryUsage().heapUsed)}, array buffers ${mb(process.memoryUsage().arrayBuffers)}`);

  // Garbage-collection pauses during the screening runs (the doc's "no multi-millisecond GC pauses").
  const gcPauses: number[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcPauses.push(e.duration);
  });
  obs.observe({ entryTypes: ['gc'] });
  const screen = timeEach(data.probes, (p) => loaded.screen(p.query, { limit: 100 }));
  const ids = (r: unknown): string[] => (r as { entryId: string }[]).map((h) => h.entryId);
  const fresh = data.probes.filter((p) => p.target === undefined).length;
  const alerted = data.probes.filter((p, i) => p.target === undefined && (screen.results[i] as unknown[]).length > 0).length;
  rows.push({ size: n, method: 'WatchlistIndex.screen', queries: data.probes.length, median: fmtNs(screen.summary.medianNs), p99: fmtNs(screen.summary.p99Ns), max: fmtNs(screen.summary.maxNs), recall: recallOf(data.probes, screen.results, ids), 'negatives alerted': `${((alerted / fresh) * 100).toFixed(1)} %` });

  const screen10 = timeEach(data.probes, (p) => loaded.screen(p.query));
  rows.push({ size: n, method: 'WatchlistIndex.screen (default limit 10)', queries: data.probes.length, median: fmtNs(screen10.summary.medianNs), p99: fmtNs(screen10.summary.p99Ns), max: fmtNs(screen10.summary.maxNs), recall: recallOf(data.probes, screen10.results, ids), 'negatives alerted': '' });
  await new Promise((r) => setTimeout(r, 10)); // the observer delivers on a later macrotask
  obs.disconnect();
  gcPauses.sort((a, b) => b - a);
  console.log(`GC during ${2 * data.probes.length} screenings: ${gcPauses.length} pauses, longest ${(gcPauses[0] ?? 0).toFixed(2)} ms, total ${gcPauses.reduce((a, b) => a + b, 0).toFixed(0)} ms`);

  const getIds = data.probes.slice(0, 2000).map((_, i) => `P${(i * 7919) % n}`);
  const gets = timeEach(getIds, (id) => loaded.get(id));
  rows.push({ size: n, method: 'get(id) (snapshot record decode)', queries: getIds.length, median: fmtNs(gets.summary.medianNs), p99: fmtNs(gets.summary.p99Ns), max: fmtNs(gets.summary.maxNs), recall: '', 'negatives alerted': '' });

  const docs = timeEach(data.docProbes, (d) => loaded.lookupDocument(d.state, d.number));
  let dPos = 0;
  let dHit = 0;
  data.docProbes.forEach((d, i) => {
    if (d.target === undefined) return;
    dPos++;
    if (ids(docs.results[i]).includes(d.target)) dHit++;
  });
  rows.push({ size: n, method: 'lookupDocument', queries: data.docProbes.length, median: fmtNs(docs.summary.medianNs), p99: fmtNs(docs.summary.p99Ns), max: fmtNs(docs.summary.maxNs), recall: (dHit / dPos).toFixed(4), 'negatives alerted': '' });

  // Baselines on a sample: a linear scan costs ~1 µs per entry per query.
  const sampleSize = Math.max(10, Math.min(data.probes.length, Math.floor(2e8 / (n * 40))));
  const sample = data.probes.slice(0, sampleSize);
  const linear = timeEach(sample, (p) => loaded.screenLinear(p.query));
  rows.push({ size: n, method: 'linear scan, same scorer', queries: sample.length, median: fmtNs(linear.summary.medianNs), p99: fmtNs(linear.summary.p99Ns), max: fmtNs(linear.summary.maxNs), recall: recallOf(sample, linear.results, ids), 'negatives alerted': '' });

  console.log(`heap after everything: ${mb(process.memoryUsage().heapUsed)}, array buffers ${mb(process.memoryUsage().arrayBuffers)}`);
}
console.log('\nRecall: share of generated positives (variant rules of watchlist-matching.md §5) whose entry is a hit at the default threshold (MiniSearch: in its top 10 by name only). Load average of the machine is printed because other jobs share the 2 cores:');
console.log(`load average at start ${LOAD_AT_START}, at end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
printTable(rows);
