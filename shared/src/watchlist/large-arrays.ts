/**
 * Zeroed typed arrays for the index's large arrays: on `SharedArrayBuffer`s from `LARGE_BYTES` up while a
 * build runs inside `withSharedArrays` (`WatchlistIndex.build(…, { sharedArrays: true })`), on ordinary
 * buffers otherwise.
 *
 * Why: V8 counts the memory of ordinary `ArrayBuffer`s as external and answers every ~64 MB of its growth
 * with a full mark-compact of the whole heap (`--trace-incremental-marking`: "external memory pressure"). An
 * index is built while its caller still holds the entries — 418 MiB of JS heap for 1M persons + 1M
 * documents — so each of those collections took ~350 ms, and a build allocating ~330 MB of arrays ran four.
 * V8 does not count shared backing stores that way (they may belong to several isolates): allocated on
 * them, the same build ran no full collection (A/B in fresh processes: 13.5 → 11.3 s and 14.6 → 11.2 s on
 * a busy machine, collection time 1.65–1.84 → 0.31–0.34 s). Nothing is shared with another thread.
 *
 * Why opt-in: the same accounting that spares the build leaves the collector unhurried when such memory
 * becomes garbage. A build's discarded intermediate arrays wait for the next collection (+100–115 MiB of
 * peak RSS at 1M + 1M), and an index dropped after a swap would stay resident until the next full
 * collection, which a process with a small heap may not run for hours. So shared buffers are for builds
 * whose arrays die with their thread or process: the agent's build worker (whose arrays are freed when it
 * exits; it hands over snapshot bytes on an ordinary buffer), one-shot tools and benchmarks. An agent's
 * main-thread builds (small lists, `compact()`) and central's use ordinary buffers.
 *
 * `.slice()` and `TypedArray.from` allocate ordinary buffers, so the build copies large arrays with
 * `copyU32` and friends instead.
 */

let shared = false;

/** Runs `build` with large arrays on shared buffers (see the file comment for when that is right). */
export function withSharedArrays<T>(build: () => T): T {
  const before = shared;
  shared = true;
  try {
    return build();
  } finally {
    shared = before;
  }
}

/** Inside `withSharedArrays`, arrays of at least this many bytes get a shared buffer. */
export const LARGE_BYTES = 1 << 20;

function buffer(bytes: number): ArrayBufferLike {
  return shared && bytes >= LARGE_BYTES ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

export const u8 = (n: number): Uint8Array => new Uint8Array(buffer(n));
export const u16 = (n: number): Uint16Array => new Uint16Array(buffer(2 * n));
export const i16 = (n: number): Int16Array => new Int16Array(buffer(2 * n));
export const u32 = (n: number): Uint32Array => new Uint32Array(buffer(4 * n));
export const i32 = (n: number): Int32Array => new Int32Array(buffer(4 * n));
export const f64 = (n: number): Float64Array => new Float64Array(buffer(8 * n));

/** `a[from, to)` copied into a new array (`slice` would allocate an ordinary buffer). */
export function copyU32(a: Uint32Array, from = 0, to = a.length): Uint32Array {
  const out = u32(to - from);
  out.set(a.subarray(from, to));
  return out;
}

/** `a[from, to)` copied into a new array (`slice` would allocate an ordinary buffer). */
export function copyU8(a: Uint8Array, from = 0, to = a.length): Uint8Array {
  const out = u8(to - from);
  out.set(a.subarray(from, to));
  return out;
}
