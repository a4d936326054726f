/**
 * Zeroed typed arrays for the index's large arrays, allocated on `SharedArrayBuffer`s from `LARGE_BYTES` up.
 *
 * Why: V8 counts the memory of ordinary `ArrayBuffer`s as external and answers every ~64 MB of its growth
 * with a full mark-compact of the whole heap (`--trace-incremental-marking`: "external memory pressure"). An
 * index is built while its caller still holds the entries — 418 MiB of JS heap for 1M persons + 1M
 * documents — so each of those collections took ~350 ms, and a build allocating ~330 MB of arrays ran four.
 * V8 does not count shared backing stores that way (they may belong to several isolates): allocated on
 * them, the same build ran no full collection (A/B in fresh processes: 10.4 → 9.4 s and 14.1 → 11.9 s,
 * collection time 1.5 → 0.3 s). Nothing is shared with another thread; an array's memory is freed when the
 * array is collected, as any buffer's, only without hurrying the collector: a build's discarded
 * intermediate arrays (builders that doubled) stay allocated until the next collection.
 *
 * `.slice()` and `TypedArray.from` allocate ordinary buffers, so the build copies large arrays with
 * `copyU32` and friends instead.
 */

/** Arrays of at least this many bytes get a shared buffer; smaller ones an ordinary buffer. */
export const LARGE_BYTES = 1 << 20;

function buffer(bytes: number): ArrayBufferLike {
  return bytes >= LARGE_BYTES ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
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
