/**
 * Small helpers for the typed-array index layout (watchlist-matching.md §4.10): growable builders, an
 * offset-table UTF-8 string table, byte and string hashes, and open-addressing table sizing. Typed arrays
 * keep millions of postings and records out of the traced JS heap.
 */
import { copyU32, copyU8, u32, u8 } from './large-arrays.js';

/** Append-only `Uint32Array` that doubles its capacity. */
export class U32Builder {
  private buf: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.buf = u32(capacity);
  }
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = u32(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  get(i: number): number {
    return this.buf[i]!;
  }
  /**
   * The contents: a view when the buffer is at least 3/4 full, else a right-sized copy. Every copy is an
   * ArrayBuffer allocation, and V8 answers each ~64 MB of them with a full GC that marks the caller's whole
   * heap (the entry objects: ~0.5 s per GC at 1M entries), so a build avoids the copies it can.
   */
  finish(): Uint32Array {
    return this.length * 4 >= this.buf.length * 3 ? this.buf.subarray(0, this.length) : copyU32(this.buf, 0, this.length);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Throws on malformed UTF-8, so a decoded length equal to the byte length proves the bytes are ASCII. */
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Append-only byte buffer that doubles its capacity; strings go in as UTF-8. */
export class ByteBuilder {
  buf: Uint8Array;
  length = 0;
  constructor(capacity = 1 << 16) {
    this.buf = u8(capacity);
  }
  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = u8(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  byte(b: number): void {
    this.reserve(1);
    this.buf[this.length++] = b;
  }
  /** Unsigned LEB128 (1 byte below 128): most lengths and dictionary ids in a record are small. */
  varint(v: number): void {
    this.reserve(5);
    while (v >= 0x80) {
      this.buf[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.length++] = v;
  }
  /** UTF-8 bytes of `s` (no length prefix). */
  utf8(s: string): void {
    this.reserve(s.length * 3);
    // ASCII fast path: list ids, codes and MRZ-style names are ASCII, and a per-char copy of a short string
    // is several times faster than a TextEncoder.encodeInto call (which costs ~100 ns of fixed overhead).
    let i = 0;
    const start = this.length;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      this.buf[start + i] = c;
    }
    if (i === s.length) {
      this.length += i;
      return;
    }
    this.length += encoder.encodeInto(s, this.buf.subarray(this.length)).written;
  }
  /** Length-prefixed UTF-8 string. */
  string(s: string): void {
    const at = this.length;
    this.varint(0); // placeholder of one byte, patched below when the encoded length fits
    const from = this.length;
    this.utf8(s);
    const n = this.length - from;
    if (n < 0x80) {
      this.buf[at] = n;
      return;
    }
    // Rare long string: re-encode with the right-sized prefix.
    this.length = at;
    const bytes = encoder.encode(s);
    this.varint(bytes.length);
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }
  /** The contents: a view when at least 3/4 full, else a right-sized copy (see `U32Builder.finish`). */
  finish(): Uint8Array {
    return this.length * 4 >= this.buf.length * 3 ? this.buf.subarray(0, this.length) : copyU8(this.buf, 0, this.length);
  }
}

/** Decodes UTF-8 `bytes[from, to)`; short ASCII runs without TextDecoder (its call overhead dominates them). */
export function decodeUtf8(bytes: Uint8Array, from: number, to: number): string {
  if (to - from <= 32) {
    let s = '';
    for (let i = from; i < to; i++) {
      const c = bytes[i]!;
      if (c >= 0x80) return decoder.decode(bytes.subarray(from, to));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decoder.decode(bytes.subarray(from, to));
}

/**
 * A list of arbitrary strings (newlines included) as one buffer: `u32 count`, `u32 offsets[count + 1]`,
 * then the UTF-8 blob. One section instead of a million small JS strings in the snapshot.
 */
export function encodeStringTable(list: readonly string[]): Uint8Array {
  const blob = new ByteBuilder(Math.max(64, list.length * 8));
  const offsets = new Uint32Array(list.length + 1);
  for (let i = 0; i < list.length; i++) {
    blob.utf8(list[i]!);
    offsets[i + 1] = blob.length;
  }
  const head = 4 + offsets.byteLength;
  const out = new Uint8Array(head + blob.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, list.length, true);
  for (let i = 0; i <= list.length; i++) dv.setUint32(4 + i * 4, offsets[i]!, true);
  out.set(blob.buf.subarray(0, blob.length), head);
  return out;
}

/** Inverse of `encodeStringTable`; throws a `RangeError` on a table that does not fit its bytes. */
export function decodeStringTable(bytes: Uint8Array, count: number): string[] {
  if (count === 0) return [];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 || dv.getUint32(0, true) !== count || bytes.length < 4 + (count + 1) * 4) throw new RangeError('string table header does not match its section');
  const head = 4 + (count + 1) * 4;
  const out = new Array<string>(count);
  let prev = dv.getUint32(4, true);
  const end = dv.getUint32(4 + count * 4, true);
  if (prev === 0 && head + end <= bytes.length) {
    // Fast path: one decode of the whole blob, then substrings. When the blob is ASCII (every name table in
    // practice) byte offsets are character offsets; building ~250k strings a character at a time took
    // ~100 ms of a 1M-entry snapshot load.
    let all = '';
    try {
      all = strictDecoder.decode(bytes.subarray(head, head + end));
    } catch {
      // malformed somewhere: the per-string loop below decodes each string as before
    }
    if (all.length === end) {
      for (let i = 0; i < count; i++) {
        const next = dv.getUint32(8 + i * 4, true);
        if (next < prev || next > end) throw new RangeError('string table offset out of bounds');
        out[i] = all.slice(prev, next);
        prev = next;
      }
      return out;
    }
  }
  for (let i = 0; i < count; i++) {
    const next = dv.getUint32(8 + i * 4, true);
    if (next < prev || head + next > bytes.length) throw new RangeError('string table offset out of bounds');
    out[i] = decodeUtf8(bytes, head + prev, head + next);
    prev = next;
  }
  return out;
}

/** FNV-1a over bytes `[from, to)` with the same avalanche as `hashString` (equal for ASCII input). */
export function hashBytes(bytes: Uint8Array, from: number, to: number, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = from; i < to; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/**
 * Capacity of an open-addressing table for `n` keys: a power of two (slot = hash & mask) at a load factor
 * between ~0.33 and ~0.67 — `pow2AtLeast(2n)` would waste up to 4× the memory just above a power of two.
 */
export function tableCapacity(n: number): number {
  return pow2AtLeast(Math.ceil(n * 1.5) + 2);
}

/** FNV-1a over UTF-16 code units, 32 bits. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Final avalanche (murmur3 fmix32) so the low bits of an FNV hash index an open-addressing table well. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Smallest power of two ≥ `n`. */
export function pow2AtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Index of the first element ≥ `value` in the sorted range `[lo, hi)` of `arr`. */
export function lowerBound(arr: Uint32Array, lo: number, hi: number, value: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
