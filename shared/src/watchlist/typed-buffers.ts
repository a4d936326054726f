/**
 * Small helpers for the typed-array index layout (watchlist-matching.md §4.10): growable builders, a
 * newline-joined UTF-8 string table, and a 32-bit string hash. Typed arrays keep millions of postings out
 * of the traced JS heap.
 */

/** Append-only `Uint32Array` that doubles its capacity. */
export class U32Builder {
  private buf: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.buf = new Uint32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Uint32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  get(i: number): number {
    return this.buf[i]!;
  }
  /** A right-sized copy. */
  finish(): Uint32Array {
    return this.buf.slice(0, this.length);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes strings that contain no `\n` as one UTF-8 blob. */
export function encodeStringTable(list: readonly string[]): Uint8Array {
  return encoder.encode(list.join('\n'));
}

/** Inverse of `encodeStringTable`. */
export function decodeStringTable(bytes: Uint8Array, count: number): string[] {
  if (count === 0) return [];
  const out = decoder.decode(bytes).split('\n');
  return out;
}

/** FNV-1a over UTF-16 code units, 32 bits. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so the low bits index an open-addressing table well.
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
