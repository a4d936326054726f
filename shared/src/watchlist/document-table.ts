/**
 * Document lookup (watchlist-matching.md §4.9): one open-addressing hash table over typed arrays, keyed on
 * the OCR-folded key (canonical issuing state + folded number). An exact match folds to the same key, so
 * one probe sequence finds both kinds: each candidate is compared with the query's exact key (exact hit)
 * and otherwise with its folded key (OCR-variant hit). A hash hit is always confirmed against the stored key.
 *
 * Why it looks like this (target ≤ 2 µs per lookup at 1,000,000 documents): the query's keys are written
 * as bytes into reused scratch buffers and hashed there (no `STATE|NUMBER` string, no regex, no garbage);
 * each slot holds the 32-bit hash next to the document number (`[hash, doc + 1]` interleaved), so a probe
 * that does not match costs one cache line and never touches the stored keys; the table runs at a load
 * factor of 1/3–2/3 (`tableCapacity`), which keeps probe runs short. Format 2 kept a second table on the
 * exact key: 16 MiB more snapshot at 1M documents and a second probe sequence per lookup, for nothing the
 * folded table cannot answer. Matches go into reused scratch arrays, not one object each.
 */
import type { DocumentEntry, WatchlistEntry } from './watchlist-entry.js';
import { MAX_DOCUMENT_KEY_BYTES, writeExactDocumentKey, writeFoldedDocumentKey } from './document-key.js';
import { ByteBuilder, decodeUtf8, hashBytes, tableCapacity } from './typed-buffers.js';
import { copyU32, u32 } from './large-arrays.js';

/** The arrays of a document table (what a snapshot holds). */
export interface DocumentTableData {
  /** Document i → entry-store record. */
  record: Uint32Array;
  /** Exact keys (`STATE|NUMBER`, ASCII), concatenated; document i is `keyBytes[keyStart[i], keyStart[i+1])`. */
  keyBytes: Uint8Array;
  keyStart: Uint32Array;
  /** OCR-folded-key table: `[hash, doc + 1]` per slot, 0 = empty; length = 2 × a power of two. */
  foldSlots: Uint32Array;
}

function insert(slots: Uint32Array, h: number, doc: number): void {
  const mask = slots.length / 2 - 1;
  let i = h & mask;
  while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
  slots[2 * i] = h;
  slots[2 * i + 1] = doc + 1;
}

/** Builds the table from the documents `entries[records[i]]` (record numbers of the entry store). */
export function buildDocumentTable({ entries, records }: { entries: readonly WatchlistEntry[]; records: Uint32Array }): DocumentTableData {
  const count = records.length;
  const cap = tableCapacity(count);
  const foldSlots = u32(cap * 2);
  const record = copyU32(records);
  const keyStart = u32(count + 1);
  const keys = new ByteBuilder(Math.max(64, count * 14));
  const ex = new Uint8Array(MAX_DOCUMENT_KEY_BYTES);
  const fo = new Uint8Array(MAX_DOCUMENT_KEY_BYTES);
  for (let d = 0; d < count; d++) {
    const entry = entries[records[d]!] as DocumentEntry;
    // The schema guarantees a non-empty number of ≤ 22 characters; −1 (never expected) stores an empty key.
    const n = Math.max(0, writeExactDocumentKey(entry.issuingState, entry.documentNumber, ex));
    for (let i = 0; i < n; i++) keys.byte(ex[i]!);
    keyStart[d + 1] = keys.length;
    if (n === 0) continue;
    insert(foldSlots, hashBytes(fo, 0, writeFoldedDocumentKey(ex, 0, n, fo)), d);
  }
  return { record, keyBytes: keys.finish(), keyStart, foldSlots };
}

/**
 * Lookups over a `DocumentTableData`. Not re-entrant (scratch buffers), like everything on the one JS thread:
 * `lookup` returns the number of matches and leaves them in `matchRecord`/`matchExact`/`matchDoc`, valid
 * until the next call.
 */
export class DocumentTable {
  private readonly ex = new Uint8Array(MAX_DOCUMENT_KEY_BYTES);
  private readonly fo = new Uint8Array(MAX_DOCUMENT_KEY_BYTES);
  private readonly stored = new Uint8Array(MAX_DOCUMENT_KEY_BYTES);
  /** Matches of the last lookup: entry-store record, 1 = exact key, table document index. Grown on demand. */
  matchRecord = new Uint32Array(8);
  matchExact = new Uint8Array(8);
  matchDoc = new Uint32Array(8);

  constructor(readonly data: DocumentTableData) {}

  get count(): number {
    return this.data.record.length;
  }

  private keyEquals(d: number, key: Uint8Array, len: number): boolean {
    const { keyBytes, keyStart } = this.data;
    const a = keyStart[d]!;
    if (keyStart[d + 1]! - a !== len) return false;
    for (let i = 0; i < len; i++) if (keyBytes[a + i] !== key[i]) return false;
    return true;
  }

  /** The stored number (normalised) of table document `d`, for reasons. */
  listed(d: number): string {
    const { keyBytes, keyStart } = this.data;
    const a = keyStart[d]!;
    const b = keyStart[d + 1]!;
    let bar = a;
    while (bar < b && keyBytes[bar] !== 124) bar++;
    return decodeUtf8(keyBytes, bar + 1, b);
  }

  private add(at: number, record: number, exact: number, d: number): void {
    if (at === this.matchRecord.length) {
      const grow = <T extends Uint32Array | Uint8Array>(a: T, next: T): T => (next.set(a), next);
      this.matchRecord = grow(this.matchRecord, new Uint32Array(at * 2));
      this.matchExact = grow(this.matchExact, new Uint8Array(at * 2));
      this.matchDoc = grow(this.matchDoc, new Uint32Array(at * 2));
    }
    this.matchRecord[at] = record;
    this.matchExact[at] = exact;
    this.matchDoc[at] = d;
  }

  /**
   * Finds the documents listed under one issuing state and number: exact matches first, then
   * OCR-folded-only matches, each in table order (ascending document index, as format 2's two tables
   * returned them), skipping removed records (`tombstones[record] === 1`; undefined when none is removed).
   * Returns how many; read them from the match arrays.
   */
  lookup(issuingState: string, documentNumber: string, tombstones: Uint8Array | undefined): number {
    if (this.count === 0) return 0;
    const { ex, fo, stored } = this;
    const n = writeExactDocumentKey(issuingState, documentNumber, ex);
    if (n < 0) return 0;
    const { foldSlots, record, keyBytes, keyStart } = this.data;
    const mask = foldSlots.length / 2 - 1;
    const fn = writeFoldedDocumentKey(ex, 0, n, fo);
    const h = hashBytes(fo, 0, fn);
    let exact = 0;
    let variants = 0;
    // Pass 1 collects exact matches; pass 2 (only when a candidate was not exact) the OCR variants after
    // them. Candidates with the same hash sit in insertion order along one probe run, so each kind comes
    // out in ascending document order.
    let other = false;
    // Probes are bounded by the table's size: a table without a free slot (only a malformed snapshot could
    // hold one, see `checkSnapshotStructure`) ends the loop instead of hanging the lookup.
    for (let i = h & mask, left = mask; foldSlots[2 * i + 1] !== 0 && left-- >= 0; i = (i + 1) & mask) {
      if (foldSlots[2 * i] !== h) continue;
      const d = foldSlots[2 * i + 1]! - 1;
      if (tombstones !== undefined && tombstones[record[d]!] === 1) continue;
      if (this.keyEquals(d, ex, n)) this.add(exact++, record[d]!, 1, d);
      else other = true;
    }
    if (!other) return exact;
    for (let i = h & mask, left = mask; foldSlots[2 * i + 1] !== 0 && left-- >= 0; i = (i + 1) & mask) {
      if (foldSlots[2 * i] !== h) continue;
      const d = foldSlots[2 * i + 1]! - 1;
      if ((tombstones !== undefined && tombstones[record[d]!] === 1) || this.keyEquals(d, ex, n)) continue;
      // Confirm: the stored key folds to the query's folded key (a 32-bit hash can collide).
      const sn = writeFoldedDocumentKey(keyBytes, keyStart[d]!, keyStart[d + 1]!, stored);
      let same = sn === fn;
      for (let j = 0; j < fn && same; j++) same = stored[j] === fo[j];
      if (same) this.add(exact + variants++, record[d]!, 0, d);
    }
    return exact + variants;
  }
}
