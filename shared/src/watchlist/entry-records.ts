/**
 * Binary entry records (snapshot format 3, watchlist-matching.md §4.10). A record is `varint shapeId`
 * followed by its field values; the shape — which fields, in which order, each with how its value is
 * stored — is kept once per distinct shape, since a list has a handful of them (person with or without
 * aliases, document…). Format 2 wrote a field-name id and a kind byte before every value (~16 bytes per
 * record, 32 MB at 1M + 1M) and full dates as 10-character text; with shapes and packed dates the records
 * of 1M persons + 1M documents take ~60 MB instead of 95 MB, which is most of the snapshot-load saving.
 *
 * Value kinds: `TEXT` length-prefixed UTF-8; `DICT` a varint id into the dictionary (categorical fields:
 * type, category, action, nationality, sex, issuing state, document code, source); `JSON` length-prefixed
 * JSON text (aliases, non-string extra fields); `ID` nothing (the id is stored once, in the id table);
 * `DATE` three bytes for a `YYYY-MM-DD` text (month ≤ 12, day ≤ 31, digits only), rebuilt exactly.
 * Field order is kept, so a decoded entry equals the original field by field.
 */
import { WATCHLIST_ACTIONS, type WatchlistEntry } from './watchlist-entry.js';
import { ByteBuilder, decodeUtf8 } from './typed-buffers.js';
import { u16, u32, u8 } from './large-arrays.js';

/** The record arrays (what a snapshot holds besides the id table). */
export interface EntryRecordData {
  /** Binary entry records, concatenated; record r is `records[recordStart[r], recordStart[r+1])`. */
  records: Uint8Array;
  recordStart: Uint32Array;
  /** CSR of shapes: shape s is `shapeFields[shapeStart[s], shapeStart[s+1])`, each `nameId * 8 + kind`. */
  shapeStart: Uint32Array;
  shapeFields: Uint32Array;
  /** Per record: index of its action in `WATCHLIST_ACTIONS`. */
  action: Uint8Array;
  /** Per record: its category as an index into `dict` (the narrowest array type that holds the dictionary). */
  category: Uint8Array | Uint16Array | Uint32Array;
  /** Field names and categorical values shared by all records. */
  dict: string[];
}

const DICT_FIELDS = new Set(['type', 'category', 'action', 'nationality', 'sex', 'issuingState', 'documentCode', 'source']);
const TEXT = 0;
const DICT = 1;
const JSON_TEXT = 2;
const ID = 3;
const DATE = 4;
const ACTION_INDEX = new Map<string, number>(WATCHLIST_ACTIONS.map((a, i) => [a, i]));

const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

/** Packed `YYYY-MM-DD` (year · 512 + month · 32 + day, 23 bits), or −1 when `s` is not such a text. */
function packDate(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  let v = 0;
  for (const i of DATE_DIGITS) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  const year = Math.floor(v / 10000);
  const month = Math.floor(v / 100) % 100;
  const day = v % 100;
  return month > 12 || day > 31 ? -1 : year * 512 + month * 32 + day;
}

// `get(id)` decodes a date per call: one flat string from its ten character codes.
function unpackDate(v: number): string {
  const y = v >>> 9;
  const m = (v >>> 5) & 15;
  const d = v & 31;
  return String.fromCharCode(48 + Math.floor(y / 1000), 48 + (Math.floor(y / 100) % 10), 48 + (Math.floor(y / 10) % 10), 48 + (y % 10), 45, 48 + Math.floor(m / 10), 48 + (m % 10), 45, 48 + Math.floor(d / 10), 48 + (d % 10));
}

/** Kind in which a field's value is stored; a date's packed value is left in `packed[0]`. */
function kindOf(name: string, v: unknown, packed: number[]): number {
  if (name === 'id') return ID;
  if (typeof v !== 'string') return JSON_TEXT;
  if (DICT_FIELDS.has(name)) return DICT;
  packed[0] = packDate(v);
  return packed[0] >= 0 ? DATE : TEXT;
}

/** Encodes all entries into records (see the file comment for the format). */
export function encodeEntryRecords(count: number, entryAt: (record: number) => WatchlistEntry): EntryRecordData {
  const dict: string[] = [];
  const dictId = new Map<string, number>();
  const intern = (s: string): number => {
    let id = dictId.get(s);
    if (id === undefined) (id = dict.length), dict.push(s), dictId.set(s, id);
    return id;
  };
  // Shapes through a trie keyed by `nameId * 8 + kind`: one small-integer Map step per field, no string
  // key per record. Node 0 is the empty shape; `shapeOf[node]` is the shape id ending there (−1 if none).
  const trie: Map<number, number>[] = [new Map()];
  const shapeOf: number[] = [-1];
  const shapes: number[][] = [];
  const path: number[] = [];
  const dates: number[] = [];
  const packed = [0];
  const out = new ByteBuilder(Math.max(64, count * 32));
  const recordStart = u32(count + 1);
  const action = u8(count);
  const category = u32(count);
  for (let r = 0; r < count; r++) {
    const e = entryAt(r) as unknown as Record<string, unknown>;
    // for…in twice instead of Object.keys: no array per entry (this runs for every entry of a build).
    let node = 0;
    path.length = 0;
    dates.length = 0;
    for (const k in e) {
      const v = e[k];
      if (v === undefined) continue; // JSON would drop it too
      const kind = kindOf(k, v, packed);
      if (kind === DATE) dates.push(packed[0]!);
      const step = intern(k) * 8 + kind;
      path.push(step);
      let next = trie[node]!.get(step);
      if (next === undefined) (next = trie.length), trie.push(new Map()), shapeOf.push(-1), trie[node]!.set(step, next);
      node = next;
    }
    let shape = shapeOf[node]!;
    if (shape < 0) (shape = shapes.length), shapes.push(path.slice()), (shapeOf[node] = shape);
    out.varint(shape);
    // Second pass writes the values; kinds come from the shape (no second look at each value's type).
    let f = 0;
    let d = 0;
    for (const k in e) {
      const v = e[k];
      if (v === undefined) continue;
      const kind = path[f++]! & 7;
      if (kind === DICT) out.varint(intern(v as string));
      else if (kind === TEXT) out.string(v as string);
      else if (kind === DATE) {
        const p = dates[d++]!;
        out.byte(p & 255), out.byte((p >>> 8) & 255), out.byte(p >>> 16);
      } else if (kind === JSON_TEXT) out.string(JSON.stringify(v));
    }
    recordStart[r + 1] = out.length;
    action[r] = ACTION_INDEX.get(e['action'] as string) ?? 0;
    category[r] = intern(e['category'] as string);
  }
  const shapeStart = new Uint32Array(shapes.length + 1);
  const shapeFields = new Uint32Array(shapes.reduce((n, s) => n + s.length, 0));
  shapes.forEach((s, i) => {
    shapeFields.set(s, shapeStart[i]!);
    shapeStart[i + 1] = shapeStart[i]! + s.length;
  });
  return { records: out.finish(), recordStart, shapeStart, shapeFields, action, category: narrow(category, dict.length), dict };
}

/** The narrowest unsigned array for ids below `limit` (the category column is 1 byte per entry, not 4). */
function narrow(ids: Uint32Array, limit: number): Uint8Array | Uint16Array | Uint32Array {
  const out = limit <= 256 ? u8(ids.length) : limit <= 65536 ? u16(ids.length) : undefined;
  if (out === undefined) return ids;
  out.set(ids);
  return out;
  return ids;
}

/** Decodes record `r`; `id` is its id (stored in the id table, not in the record). */
export function decodeEntryRecord(data: EntryRecordData, r: number, id: string): WatchlistEntry {
  const { records, shapeStart, shapeFields, dict } = data;
  let at = data.recordStart[r]!;
  // Varints inline (no position object per call): `get(id)` is on the officer's screen path.
  let shape = 0;
  for (let shift = 0; ; shift += 7) {
    const c = records[at++]!;
    shape += (c & 0x7f) * 2 ** shift;
    if (c < 0x80) break;
  }
  const e: Record<string, unknown> = {};
  for (let f = shapeStart[shape]!; f < shapeStart[shape + 1]!; f++) {
    const step = shapeFields[f]!;
    const name = dict[step >>> 3]!;
    const kind = step & 7;
    if (kind === ID) {
      e[name] = id;
      continue;
    }
    if (kind === DATE) {
      e[name] = unpackDate(records[at]! | (records[at + 1]! << 8) | (records[at + 2]! << 16));
      at += 3;
      continue;
    }
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const c = records[at++]!;
      v += (c & 0x7f) * 2 ** shift;
      if (c < 0x80) break;
    }
    if (kind === DICT) e[name] = dict[v];
    else {
      const text = decodeUtf8(records, at, at + v);
      at += v;
      e[name] = kind === TEXT ? text : (JSON.parse(text) as unknown);
    }
  }
  return e as unknown as WatchlistEntry;
}
