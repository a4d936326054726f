/**
 * Entry records kept outside the JS heap: every entry as one UTF-8 JSON record in a single buffer, ids in a
 * second buffer, and an open-addressing id → record table. A million entry objects would cost several
 * hundred MB of traced heap; here `get(id)` decodes one record on demand (about a microsecond).
 */
import type { WatchlistEntry } from './watchlist-entry.js';
import { hashString, pow2AtLeast, U32Builder } from './typed-buffers.js';

/** The arrays of an entry store (what a snapshot holds). */
export interface EntryStoreData {
  json: Uint8Array;
  jsonStart: Uint32Array;
  ids: Uint8Array;
  idStart: Uint32Array;
  /** Open-addressing slots: record number or −1. */
  idSlots: Int32Array;
  idHash: Uint32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

class ByteBuilder {
  buf = new Uint8Array(1 << 16);
  length = 0;
  append(s: string): void {
    // Worst case three bytes per UTF-16 unit.
    if (this.length + s.length * 3 > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + s.length * 3));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.length += encoder.encodeInto(s, this.buf.subarray(this.length)).written;
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** The id → record table alone (built at index build time; the JSON records only when a snapshot is written). */
export function buildIdTable(entries: readonly WatchlistEntry[]): Pick<EntryStoreData, 'ids' | 'idStart' | 'idSlots' | 'idHash'> {
  const ids = new ByteBuilder();
  const idStart = new U32Builder(entries.length + 1);
  idStart.push(0);
  const cap = pow2AtLeast(entries.length * 2 + 2);
  const idSlots = new Int32Array(cap).fill(-1);
  const idHash = new Uint32Array(cap);
  for (let r = 0; r < entries.length; r++) {
    const id = entries[r]!.id;
    ids.append(id);
    idStart.push(ids.length);
    const h = hashString(id);
    let i = h & (cap - 1);
    while (idSlots[i] !== -1) i = (i + 1) & (cap - 1);
    idSlots[i] = r;
    idHash[i] = h;
  }
  return { ids: ids.finish(), idStart: idStart.finish(), idSlots, idHash };
}

/** Positions of entries whose id occurs again later in `entries` (the later one wins). */
export function findSupersededIds(entries: readonly WatchlistEntry[]): Set<number> {
  const out = new Set<number>();
  const cap = pow2AtLeast(entries.length * 2 + 2);
  const slots = new Int32Array(cap).fill(-1);
  const hashes = new Uint32Array(cap);
  for (let r = 0; r < entries.length; r++) {
    const id = entries[r]!.id;
    const h = hashString(id);
    let i = h & (cap - 1);
    for (; slots[i] !== -1; i = (i + 1) & (cap - 1)) {
      if (hashes[i] === h && entries[slots[i]!]!.id === id) {
        out.add(slots[i]!);
        break;
      }
    }
    slots[i] = r;
    hashes[i] = h;
  }
  return out;
}

/** JSON records of all entries (for a snapshot). */
export function encodeEntryRecords(count: number, entryAt: (record: number) => WatchlistEntry): Pick<EntryStoreData, 'json' | 'jsonStart'> {
  const json = new ByteBuilder();
  const jsonStart = new U32Builder(count + 1);
  jsonStart.push(0);
  for (let r = 0; r < count; r++) {
    json.append(JSON.stringify(entryAt(r)));
    jsonStart.push(json.length);
  }
  return { json: json.finish(), jsonStart: jsonStart.finish() };
}

/**
 * Read access to the entries of one index layer. A freshly built index keeps a reference to the caller's
 * entry objects (no copy, no serialisation: the caller already holds them); an index loaded from a
 * snapshot keeps them as UTF-8 JSON records in the snapshot buffer and decodes one per hit or `get`.
 */
export class EntryStore {
  readonly count: number;
  constructor(
    readonly data: Pick<EntryStoreData, 'ids' | 'idStart' | 'idSlots' | 'idHash'> & Partial<Pick<EntryStoreData, 'json' | 'jsonStart'>>,
    private readonly objects?: readonly WatchlistEntry[],
  ) {
    this.count = data.idStart.length - 1;
  }

  /** All arrays, JSON records included (encoded now when the store holds objects). */
  snapshotData(): EntryStoreData {
    if (this.data.json !== undefined && this.data.jsonStart !== undefined) return this.data as EntryStoreData;
    return { ...this.data, ...encodeEntryRecords(this.count, (r) => this.entry(r)) };
  }

  /** Record number of `id`, or −1. */
  find(id: string): number {
    const { idSlots, idHash, ids, idStart } = this.data;
    const mask = idSlots.length - 1;
    const h = hashString(id);
    const bytes = encoder.encode(id);
    for (let i = h & mask; idSlots[i] !== -1; i = (i + 1) & mask) {
      if (idHash[i] !== h) continue;
      const r = idSlots[i]!;
      const a = idStart[r]!;
      if (idStart[r + 1]! - a !== bytes.length) continue;
      let same = true;
      for (let j = 0; j < bytes.length && same; j++) same = ids[a + j] === bytes[j];
      if (same) return r;
    }
    return -1;
  }

  id(record: number): string {
    return decoder.decode(this.data.ids.subarray(this.data.idStart[record]!, this.data.idStart[record + 1]!));
  }

  entry(record: number): WatchlistEntry {
    if (this.objects !== undefined) return this.objects[record]!;
    return JSON.parse(decoder.decode(this.data.json!.subarray(this.data.jsonStart![record]!, this.data.jsonStart![record + 1]!))) as WatchlistEntry;
  }
}
