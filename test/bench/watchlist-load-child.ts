/**
 * Child process of the watchlist benchmarks: loads a snapshot file the way an agent would at start — in a
 * fresh process, one `readSync` into a preallocated buffer, then `WatchlistIndex.fromSnapshot` — and prints
 * the timings as one JSON line. Run by `watchlist-scale.ts` and `suites/watchlist.ts`, not by hand:
 *
 *   node --import tsx test/bench/watchlist-load-child.ts FILE [hash|nohash|hash+thp]
 *
 * `hash+thp` only labels the run: the parent starts it with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, which
 * makes glibc back large allocations (the snapshot buffer) with transparent huge pages. On VMs where
 * every first touch of a 4 KiB page is expensive (this one: ~5 ms per MiB, read plus first pass) that is
 * most of the load time; see the README's deployment notes.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { WatchlistIndex } from '@aspk/shared';

const [file, mode] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: watchlist-load-child.ts FILE [hash|nohash|hash+thp]');
const t0 = performance.now();
const c0 = process.cpuUsage();
const fd = openSync(file, 'r');
const size = fstatSync(fd).size;
const bytes = new Uint8Array(size);
for (let off = 0; off < size; ) off += readSync(fd, bytes, off, size - off, off);
closeSync(fd);
const t1 = performance.now();
const index = WatchlistIndex.fromSnapshot(bytes, { verifyHash: mode !== 'nohash' });
const t2 = performance.now();
const cpu = process.cpuUsage(c0);
console.log(JSON.stringify({ bytes: size, readMs: t1 - t0, fromSnapshotMs: t2 - t1, totalMs: t2 - t0, cpuMs: (cpu.user + cpu.system) / 1000, entries: index.size }));
