/**
 * Entry records kept outside the JS heap (watchlist-matching.md §4.10). A million entry objects would cost
 * several hundred MB of traced heap, and a million JSON records made a 480 MB snapshot that took 20 s to
 * write; instead every entry is one compact binary record in a single buffer (field names and categorical
 * values such as category, action, nationality and issuing state are ids into one small dictionary), ids
 * sit in a second buffer with an open-addressing id → record table, and the two fields a hit needs
 * (action, category) are columns, so reporting a hit decodes nothing. `get(id)` decodes one record lazily.
 */
import { WATCHLIST_ACTIONS, type WatchlistEntry } from './watchlist-entry.js';
import { ByteBuilder, decodeUtf8, hashBytes, tableCapacity, U32Builder } from './typed-buffers.js';

/** The arrays of an entry store (what a snapshot holds). */
export interface EntryStoreData {
  /** Entry ids as UTF-8, concatenated; record r is `ids[idStart[r], idStart[r+1])`. */
  ids: Uint8Array;
  idStart: Uint32Array;
  /** Open-addressing slots (linear probing on `hashBytes` of the id): record number or −1. */
  idSlots: Int32Array;
  /** Binary entry records (format in `encodeEntryRecords`), concatenated. */
  records: Uint8Array;
  recordStart: Uint32Array;
  /** Per record: index of its action in `WATCHLIST_ACTIONS`. */
  action: Uint8Array;
  /** Per record: its category as an index into `dict`. */
  category: Uint32Array;
  /** Field names and categorical values shared by all records. */
  dict: string[];
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
  const ids = new ByteBuilder(Math.max(64, entries.length * 10));
  const idStart = new U32Builder(entries.length + 1);
  idStart.push(0);
  const cap = tableCapacity(entries.length);
  const mask = cap - 1;
  const idSlots = new Int32Array(cap).fill(-1);
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

/** Fields whose values are categorical (few distinct values): stored once in the dictionary. */
const DICT_FIELDS = new Set(['type', 'category', 'action', 'nationality', 'sex', 'issuingState', 'documentCode', 'source']);
const KIND_TEXT = 0;
const KIND_DICT = 1;
const KIND_JSON = 2;
const KIND_ID = 3;
const ACTION_INDEX = new Map<string, number>(WATCHLIST_ACTIONS.map((a, i) => [a, i]));

/**
 * Binary records of all entries. A record is `varint fieldCount`, then per field `varint nameId`,
 * `byte kind` and the value: kind 0 a length-prefixed UTF-8 string, 1 a `varint` dictionary id, 2 a
 * length-prefixed JSON text (aliases, non-string extra fields), 3 the record's own id (stored once, in
 * `ids`). Field order is kept, so a decoded entry equals the original field by field.
 */
export function encodeEntryRecords(count: number, entryAt: (record: number) => WatchlistEntry): Pick<EntryStoreData, 'records' | 'recordStart' | 'action' | 'category' | 'dict'> {
  const dict: string[] = [];
  const dictId = new Map<string, number>();
  const intern = (s: string): number => {
    let id = dictId.get(s);
    if (id === undefined) (id = dict.length), dict.push(s), dictId.set(s, id);
    return id;
  };
  const out = new ByteBuilder(Math.max(64, count * 48));
  const recordStart = new Uint32Array(count + 1);
  const action = new Uint8Array(count);
  const category = new Uint32Array(count);
  for (let r = 0; r < count; r++) {
    const e = entryAt(r) as unknown as Record<string, unknown>;
    // for…in twice instead of Object.keys: no array per entry (this runs for every entry of a build).
    let fields = 0;
    for (const k in e) if (e[k] !== undefined) fields++;
    out.varint(fields);
    for (const k in e) {
      const v = e[k];
      if (v === undefined) continue; // JSON would drop it too
      out.varint(intern(k));
      if (k === 'id') out.byte(KIND_ID);
      else if (typeof v === 'string' && DICT_FIELDS.has(k)) out.byte(KIND_DICT), out.varint(intern(v));
      else if (typeof v === 'string') out.byte(KIND_TEXT), out.string(v);
      else out.byte(KIND_JSON), out.string(JSON.stringify(v));
    }
    recordStart[r + 1] = out.length;
    action[r] = ACTION_INDEX.get(e['action'] as string) ?? 0;
    category[r] = intern(e['category'] as string);
  }
  return { records: out.finish(), recordStart, action, category, dict };
}

function readVarint(b: Uint8Array, pos: { at: number }): number {
  let v = 0;
  let shift = 0;
  for (;;) {
    const c = b[pos.at++]!;
    v += (c & 0x7f) * 2 ** shift;
    if (c < 0x80) return v;
    shift += 7;
  }
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
    if (d.records !== undefined && d.recordStart !== undefined && d.action !== undefined && d.category !== undefined && d.dict !== undefined) {
      return { ...d, records: d.records, recordStart: d.recordStart, action: d.action, category: d.category, dict: d.dict };
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
    for (let i = hashBytes(s.buf, 0, s.length) & mask; idSlots[i] !== -1; i = (i + 1) & mask) {
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
    const { records, recordStart, dict } = this.data as EntryStoreData;
    const pos = { at: recordStart[record]! };
    const n = readVarint(records, pos);
    const e: Record<string, unknown> = {};
    for (let f = 0; f < n; f++) {
      const name = dict[readVarint(records, pos)]!;
      const kind = records[pos.at++]!;
      if (kind === KIND_ID) e[name] = this.id(record);
      else if (kind === KIND_DICT) e[name] = dict[readVarint(records, pos)];
      else {
        const len = readVarint(records, pos);
        const text = decodeUtf8(records, pos.at, pos.at + len);
        pos.at += len;
        e[name] = kind === KIND_TEXT ? text : (JSON.parse(text) as unknown);
      }
    }
    return e as unknown as WatchlistEntry;
  }
}
