/**
 * Child process of the watchlist benchmarks: loads a snapshot file in a fresh process, as an agent does at
 * start, and prints the timings as one JSON line. Run by `watchlist-scale.ts` and `suites/watchlist.ts`, not
 * by hand:
 *
 *   node --import tsx test/bench/watchlist-load-child.ts FILE [agent|agent-4k|hash|nohash]
 *
 * - `agent`: the agent's way (`IndexSnapshotFile.load`): `readSnapshotFile` advises huge pages for its
 *   buffer, reads the file and checks its digests with two threads, then `WatchlistIndex.fromSnapshot`
 *   without a second check;
 * - `agent-4k`: the same without the huge-page advice (the threads alone);
 * - `hash`: the obvious way: one thread, one `readSync` into an ordinary buffer, `fromSnapshot` with the check;
 * - `nohash`: the same without the check (for a caller that verified a signature over the bytes).
 *
 * On VMs where every first touch of a 4 KiB page is expensive (this one: ~5 ms per MiB, read plus first
 * pass) that touch is most of the load time; see `checkpoint-agent/src/store/advise-huge-pages.ts`.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { WatchlistIndex } from '@aspk/shared';
import { readSnapshotFile } from '@aspk/checkpoint-agent';

const [file, mode = 'agent'] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: watchlist-load-child.ts FILE [agent|agent-4k|hash|nohash]');
const t0 = performance.now();
const c0 = process.cpuUsage();
let bytes: Uint8Array;
if (mode === 'agent' || mode === 'agent-4k') {
  const read = await readSnapshotFile(file, { threads: 2, hugePages: mode === 'agent' });
  if (read === null) throw new Error('unreachable: no accept callback');
  bytes = read;
} else {
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  bytes = new Uint8Array(size);
  for (let off = 0; off < size; ) off += readSync(fd, bytes, off, size - off, off);
  closeSync(fd);
}
const t1 = performance.now();
const index = WatchlistIndex.fromSnapshot(bytes, { verifyHash: mode === 'hash' });
const t2 = performance.now();
const cpu = process.cpuUsage(c0);
console.log(JSON.stringify({ bytes: bytes.length, readMs: t1 - t0, fromSnapshotMs: t2 - t1, totalMs: t2 - t0, cpuMs: (cpu.user + cpu.system) / 1000, entries: index.size }));
