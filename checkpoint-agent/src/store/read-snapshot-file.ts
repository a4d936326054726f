/**
 * Reads a watchlist snapshot file and checks its digests with several threads at once, for an agent start
 * (watchlist-matching.md §4.10: "a compact binary snapshot that loads in under 1 s").
 *
 * Why threads for a file read: on the project's VMs a load is bound by the first touch of fresh memory, not
 * by the disk (the file is in the page cache) or the hash — reading the 204 MiB file of a 1M + 1M list into
 * new memory took 0.7–1.0 s and the first pass over it (the SHA-256 check) 0.5–0.7 s more, while hashing
 * memory already touched runs at ~1.4 GB/s. That cost is paid per page by the thread that touches it, and measured, two threads reading
 * and hashing one half each took 0.77–0.78 s where one thread took 1.26–1.42 s. The snapshot's digests are
 * per 4 MiB chunk (shared's `snapshot-codec.ts`), so each thread checks what it read, right after reading it.
 *
 * The workers share one `SharedArrayBuffer` with this thread (no copy; typed arrays over it screen as fast as
 * over an ordinary buffer, measured) and read through this thread's file descriptor with positional reads,
 * so all of them read the same file even if it is replaced meanwhile. They run a small script of Node
 * built-ins (`WORKER_SCRIPT`), so they need no TypeScript loader. The calling thread reads one share
 * itself: it is blocked for that share, which at an agent start is what it waits for anyway.
 *
 * Before any thread reads, the buffer is advised to be backed by huge pages (`adviseHugePages`), which where
 * the kernel allows it removes most of the first-touch cost; the threads still halve what remains.
 *
 * One cost of the shared buffer: V8 does not count its memory as pressure on the collector, so once the
 * index viewing it is dropped (after a whole-list replacement) the buffer stays resident until the next
 * full collection. The agent reads this file once, at start, so that is one buffer at most.
 */
import { open } from 'node:fs/promises';
import { readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AspkError, snapshotChunks, snapshotHeaderLength } from '@aspk/shared';
import { adviseHugePages } from './advise-huge-pages.js';

/** Reads bytes `[from, to)` of the file behind `fd` into the same positions of `bytes`. */
function readRange(fd: number, bytes: Uint8Array, from: number, to: number): void {
  for (let at = from; at < to; ) {
    const n = readSync(fd, bytes, at, to - at, at);
    if (n === 0) throw new Error('snapshot file ended before the length it had when opened');
    at += n;
  }
}

/** Reads `ranges` of the file behind `fd` into `bytes` and returns the SHA-256 (hex) of each range. */
function readAndDigest(fd: number, bytes: Uint8Array, ranges: readonly (readonly [number, number])[]): string[] {
  return ranges.map(([from, to]) => {
    readRange(fd, bytes, from, to);
    return createHash('sha256').update(bytes.subarray(from, to)).digest('hex');
  });
}

// `readAndDigest` again, as the workers' whole program (`eval: true` runs it as a CommonJS script). Written
// out rather than taken from `readAndDigest.toString()`: a transform of this module (coverage counters,
// helper calls) would leak into that text and break the workers only.
const WORKER_SCRIPT = `
const { readSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const { fd, buffer, ranges } = workerData;
const bytes = new Uint8Array(buffer);
parentPort.postMessage(ranges.map(([from, to]) => {
  for (let at = from; at < to; ) {
    const n = readSync(fd, bytes, at, to - at, at);
    if (n === 0) throw new Error('snapshot file ended before the length it had when opened');
    at += n;
  }
  return createHash('sha256').update(bytes.subarray(from, to)).digest('hex');
}));
`;

function inWorker(fd: number, buffer: SharedArrayBuffer, ranges: readonly (readonly [number, number])[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { eval: true, workerData: { fd, buffer, ranges } });
    let answer: string[] | undefined;
    worker.once('message', (m: string[]) => (answer = m));
    worker.once('error', reject);
    worker.once('exit', (code) => (answer !== undefined ? resolve(answer) : reject(new Error(`snapshot reader thread exited with code ${code} before answering`))));
  });
}

export interface ReadSnapshotFileOptions {
  /**
   * Threads that read and check, this one included: default the machine's parallelism, at most 4; a given
   * number is taken as an integer from 1 to 8 (anything else, NaN included, means the default).
   */
  threads?: number;
  /** Advise huge pages for the buffer before reading into it (`adviseHugePages`); default true. */
  hugePages?: boolean;
  /**
   * Called with the file's first bytes (magic and header, enough for `WatchlistIndex.snapshotTag`) before
   * the body is read; `false` ends the read with `null`, so a file for another list costs a small read only.
   */
  accept?: (head: Uint8Array) => boolean;
}

/**
 * The bytes of snapshot `file`, every chunk's SHA-256 checked (pass them to `WatchlistIndex.fromSnapshot`
 * with `verifyHash: false`), or `null` when `accept` refused its header. Rejects with
 * `WATCHLIST_SNAPSHOT_INVALID` when the file is not a snapshot of this format, is truncated or extended,
 * or a chunk does not match its digest; with the file system's error (`ENOENT`, `EIO`, …) when it cannot
 * be read.
 */
export async function readSnapshotFile(file: string, options: ReadSnapshotFileOptions = {}): Promise<Uint8Array | null> {
  const wanted = options.threads;
  const threads = wanted !== undefined && Number.isFinite(wanted) ? Math.max(1, Math.min(8, Math.floor(wanted))) : Math.max(1, Math.min(4, availableParallelism()));
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const first = new Uint8Array(Math.min(size, 12));
    readRange(fh.fd, first, 0, first.length);
    const headLen = snapshotHeaderLength(first);
    const head = new Uint8Array(Math.min(size, 12 + headLen));
    readRange(fh.fd, head, 0, head.length);
    const { ranges, sha256 } = snapshotChunks(head, size);
    if (options.accept !== undefined && !options.accept(head)) return null;
    const buffer = new SharedArrayBuffer(size);
    const bytes = new Uint8Array(buffer);
    // Before the first touch: with huge pages the reads below fault once per 2 MiB instead of per 4 KiB.
    if (options.hugePages !== false) adviseHugePages(bytes);
    // The header and the padding before the body (not covered by the digests; the header is parsed again
    // and checked field by field by `fromSnapshot`).
    readRange(fh.fd, bytes, 0, ranges[0]?.[0] ?? size);
    // Contiguous shares of about equal size; the first is this thread's.
    const shares: [number, number][][] = [];
    const per = Math.ceil(ranges.length / threads);
    for (let i = 0; i < ranges.length; i += per) shares.push(ranges.slice(i, i + per));
    const pending = shares.slice(1).map((share) => inWorker(fh.fd, buffer, share));
    let own: string[] | Error;
    try {
      own = readAndDigest(fh.fd, bytes, shares[0] ?? []);
    } catch (e) {
      own = e instanceof Error ? e : new Error(String(e));
    }
    // Every worker has finished before the descriptor they read through is closed.
    const settled = await Promise.allSettled(pending);
    if (own instanceof Error) throw own;
    const digests = [...own];
    for (const s of settled) {
      if (s.status === 'rejected') throw s.reason instanceof Error ? s.reason : new Error(String(s.reason));
      digests.push(...s.value);
    }
    // Every chunk read and checked exactly once: a share lost on the way must not pass as "no mismatch".
    if (digests.length !== sha256.length) throw new Error(`snapshot reader threads answered ${digests.length} of ${sha256.length} chunk digests`);
    digests.forEach((d, i) => {
      if (d !== sha256[i]) throw new AspkError('WATCHLIST_SNAPSHOT_INVALID', `snapshot body hash mismatch in chunk ${i} (corrupt or altered)`);
    });
    return bytes;
  } finally {
    await fh.close();
  }
}
