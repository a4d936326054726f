/**
 * Document lookup (watchlist-matching.md §4.9): two open-addressing hash tables over typed arrays, one on
 * the exact key (canonical issuing state + number) and one on the OCR-folded key. A hash hit is confirmed
 * against the stored key before it is reported.
 *
 * Why it looks like this (target ≤ 2 µs per lookup at 1,000,000 documents): the query's keys are written
 * as bytes into reused scratch buffers and hashed there (no `STATE|NUMBER` string, no regex, no garbage);
 * each slot holds the 32-bit hash next to the document number (`[hash, doc + 1]` interleaved), so a probe
 * that does not match costs one cache line and never touches the stored keys; the tables run at a load
 * factor of 1/3–2/3 (`tableCapacity`), which keeps probe runs short without doubling memory.
 */
import type { DocumentEntry, WatchlistEntry } from './watchlist-entry.js';
import { MAX_DOCUMENT_KEY_BYTES, writeExactDocumentKey, writeFoldedDocumentKey } from './document-key.js';
import { ByteBuilder, decodeUtf8, hashBytes, tableCapacity } from './typed-buffers.js';

/** The arrays of a document table (what a snapshot holds). */
export interface DocumentTableData {
  /** Document i → entry-store record. */
  record: Uint32Array;
  /** Exact keys (`STATE|NUMBER`, ASCII), concatenated; document i is `keyBytes[keyStart[i], keyStart[i+1])`. */
  keyBytes: Uint8Array;
  keyStart: Uint32Array;
  /** Exact-key table: `[hash, doc + 1]` per slot, 0 = empty; length = 2 × a power of two. */
  exactSlots: Uint32Array;
  /** OCR-folded-key table, same layout. */
  foldSlots: Uint32Array;
}

/** A document the table found: which one and whether the key matched exactly or only after OCR folding. */
export interface DocumentMatch {
  record: number;
  exact: boolean;
  /** The stored number (normalised), for reasons. */
  listed: string;
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
  const exactSlots = new Uint32Array(cap * 2);
  const foldSlots = new Uint32Array(cap * 2);
  const record = records.slice();
  const keyStart = new Uint32Array(count + 1);
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
    insert(exactSlots, hashBytes(ex, 0, n), d);
    insert(foldSlots, hashBytes(fo, 0, writeFoldedDocumentKey(ex, 0, n, fo)), d);
  }
  return { record, keyBytes: keys.finish(), keyStart, exactSlots, foldSlots };
}

/** Lookups over a `DocumentTableData`. Not re-entrant (scratch buffers), like everything on the one JS thread. */
export class DocumentTable {
  private readonly ex = new Uint8Array(MAX_DOCUMENT_KEY_BYTES);
  private readonly fo = new Uint8Array(MAX_DOCUMENT_KEY_BYTES);
  private readonly stored = new Uint8Array(MAX_DOCUMENT_KEY_BYTES);

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

  private listed(d: number): string {
    const { keyBytes, keyStart } = this.data;
    const a = keyStart[d]!;
    const b = keyStart[d + 1]!;
    let bar = a;
    while (bar < b && keyBytes[bar] !== 124) bar++;
    return decodeUtf8(keyBytes, bar + 1, b);
  }

  /** Exact matches, then OCR-folded-only matches, for one issuing state and number. */
  lookup(issuingState: string, documentNumber: string, isDeleted: (record: number) => boolean): DocumentMatch[] {
    const out: DocumentMatch[] = [];
    if (this.count === 0) return out;
    const { ex, fo, stored } = this;
    const n = writeExactDocumentKey(issuingState, documentNumber, ex);
    if (n < 0) return out;
    const { exactSlots, foldSlots, record, keyBytes, keyStart } = this.data;
    const mask = exactSlots.length / 2 - 1;
    const h1 = hashBytes(ex, 0, n);
    for (let i = h1 & mask; exactSlots[2 * i + 1] !== 0; i = (i + 1) & mask) {
      if (exactSlots[2 * i] !== h1) continue;
      const d = exactSlots[2 * i + 1]! - 1;
      if (this.keyEquals(d, ex, n) && !isDeleted(record[d]!)) out.push({ record: record[d]!, exact: true, listed: this.listed(d) });
    }
    const fn = writeFoldedDocumentKey(ex, 0, n, fo);
    const h2 = hashBytes(fo, 0, fn);
    for (let i = h2 & mask; foldSlots[2 * i + 1] !== 0; i = (i + 1) & mask) {
      if (foldSlots[2 * i] !== h2) continue;
      const d = foldSlots[2 * i + 1]! - 1;
      if (isDeleted(record[d]!) || this.keyEquals(d, ex, n)) continue;
      // Confirm: the stored key folds to the query's folded key (a 32-bit hash can collide).
      const sn = writeFoldedDocumentKey(keyBytes, keyStart[d]!, keyStart[d + 1]!, stored);
      let same = sn === fn;
      for (let j = 0; j < fn && same; j++) same = stored[j] === fo[j];
      if (same) out.push({ record: record[d]!, exact: false, listed: this.listed(d) });
    }
    return out;
  }
}
