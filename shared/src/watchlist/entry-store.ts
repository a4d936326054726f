/**
 * Entry records kept outside the JS heap (watchlist-matching.md §4.10). A million entry objects would cost
 * several hundred MB of traced heap, and a million JSON records made a 480 MB snapshot that took 20 s to
 * write; instead every entry is one compact binary record in a single buffer (format in
 * `entry-records.ts`: one shape id per record, categorical values as ids into one small dictionary, packed
 * dates), ids sit in a second buffer with an open-addressing id → record table, and the two fields a hit
 * needs (action, category) are columns, so reporting a hit decodes nothing. `get(id)` decodes one record lazily.
 */
import { WATCHLIST_ACTIONS, type WatchlistEntry } from './watchlist-entry.js';
import { decodeEntryRecord, encodeEntryRecords, type EntryRecordData } from './entry-records.js';
import { ByteBuilder, decodeUtf8, hashBytes, tableCapacity, U32Builder } from './typed-buffers.js';
import { i32 } from './large-arrays.js';

export { encodeEntryRecords };

/** The arrays of an entry store (what a snapshot holds): the id table and the binary records. */
export interface EntryStoreData extends EntryRecordData {
  /** Entry ids as UTF-8, concatenated; record r is `ids[idStart[r], idStart[r+1])`. */
  ids: Uint8Array;
  idStart: Uint32Array;
  /** Open-addressing slots (linear probing on `hashBytes` of the id): record number or −1. */
  idSlots: Int32Array;
}

/** The id part of the store, built with the index (the records are encoded only when a snapshot is written). */
export type IdTableData = Pick<EntryStoreData, 'ids' | 'idStart' | 'idSlots'>;

function idEquals(ids: Uint8Array, idStart: Uint32Array, r: number, key: Uint8Array, keyLen: number): boolean {
  const a = idStart[r]!;
  if (idStart[r + 1]! - a !== keyLen) return false;
  for (let j = 0; j < keyLen; j++) if (ids[a + j] !== key[j]) return false;
  return true;
}

/**
 * Builds the id → record table and reports ids that occur more than once (positions of the earlier
 * occurrences: the later one wins). One pass, no `Map`: a `Map` of a million ids costs seconds and ~100 MB.
 */
export function buildIdTable(entries: readonly WatchlistEntry[]): { table: IdTableData; superseded: number[] } {
  // ~8 bytes per id (list ids such as `P123456`): a builder at least 3/4 full is kept as a view, not copied.
  const ids = new ByteBuilder(Math.max(64, entries.length * 8));
  const idStart = new U32Builder(entries.length + 1);
  idStart.push(0);
  const cap = tableCapacity(entries.length);
  const mask = cap - 1;
  const idSlots = i32(cap).fill(-1);
  const superseded: number[] = [];
  for (let r = 0; r < entries.length; r++) {
    const from = ids.length;
    ids.utf8(entries[r]!.id);
    idStart.push(ids.length);
    const len = ids.length - from;
    const buf = ids.buf;
    let i = hashBytes(buf, from, ids.length) & mask;
    for (; idSlots[i] !== -1; i = (i + 1) & mask) {
      const other = idSlots[i]!;
      const a = idStart.get(other);
      if (idStart.get(other + 1) - a !== len) continue;
      let same = true;
      for (let j = 0; j < len && same; j++) same = buf[a + j] === buf[from + j];
      if (same) break;
    }
    if (idSlots[i] !== -1) superseded.push(idSlots[i]!);
    idSlots[i] = r;
  }
  return { table: { ids: ids.finish(), idStart: idStart.finish(), idSlots }, superseded };
}

/**
 * Read access to the entries of one index layer. The base layer holds binary records only (built or
 * loaded from a snapshot): it decodes one record per `get` and reads hits from the action/category
 * columns, and it keeps no reference to the caller's entry objects — a million retained entry objects are
 * ~0.5 GB of traced heap and make every major GC pause for hundreds of milliseconds. The small overlay
 * layer (changes since the base) keeps its entry objects, which the index holds anyway.
 */
export class EntryStore {
  readonly count: number;
  private readonly scratch = new ByteBuilder(256);
  constructor(
    readonly data: IdTableData & Partial<Omit<EntryStoreData, keyof IdTableData>>,
    private readonly objects?: readonly WatchlistEntry[],
  ) {
    this.count = data.idStart.length - 1;
  }

  /** All arrays, records included (encoded now when the store holds objects). */
  snapshotData(): EntryStoreData {
    const d = this.data;
    if (d.records !== undefined && d.recordStart !== undefined && d.shapeStart !== undefined && d.shapeFields !== undefined && d.action !== undefined && d.category !== undefined && d.dict !== undefined) {
      return { ...d, records: d.records, recordStart: d.recordStart, shapeStart: d.shapeStart, shapeFields: d.shapeFields, action: d.action, category: d.category, dict: d.dict };
    }
    return { ...d, ...encodeEntryRecords(this.count, (r) => this.entry(r)) };
  }

  /** Record number of `id`, or −1. */
  find(id: string): number {
    const { idSlots, ids, idStart } = this.data;
    const s = this.scratch;
    s.length = 0;
    s.utf8(id);
    const mask = idSlots.length - 1;
    // Bounded by the table's size, like the document table's probes (a malformed snapshot cannot hang it).
    for (let i = hashBytes(s.buf, 0, s.length) & mask, left = mask; idSlots[i] !== -1 && left-- >= 0; i = (i + 1) & mask) {
      const r = idSlots[i]!;
      if (idEquals(ids, idStart, r, s.buf, s.length)) return r;
    }
    return -1;
  }

  id(record: number): string {
    return decodeUtf8(this.data.ids, this.data.idStart[record]!, this.data.idStart[record + 1]!);
  }

  /** The entry's action (what a hit reports) without decoding the record. */
  action(record: number): WatchlistEntry['action'] {
    if (this.objects !== undefined) return this.objects[record]!.action;
    return WATCHLIST_ACTIONS[this.data.action![record]!]!;
  }

  /** The entry's category without decoding the record. */
  category(record: number): string {
    if (this.objects !== undefined) return this.objects[record]!.category;
    return this.data.dict![this.data.category![record]!]!;
  }

  entry(record: number): WatchlistEntry {
    if (this.objects !== undefined) return this.objects[record]!;
    return decodeEntryRecord(this.data as EntryStoreData, record, this.id(record));
  }
}
