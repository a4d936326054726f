/**
 * The person part of the watchlist index as flat typed arrays (watchlist-matching.md §4.4–4.6, §4.10):
 * persons ordered by birth year, CSR name/token lists per person, CSR postings per key, the
 * symmetric-deletion map and one-edit neighbour lists. Built once per list version; read-only afterwards.
 * This file is long because the build is one pipeline over the same arrays; each step is its own function.
 */
import type { PersonEntry, WatchlistEntry } from './watchlist-entry.js';
import { clearNameMemos, TOKEN_SURNAME, withinOneEdit } from './fold-name.js';
import { NameStager } from './name-stager.js';
import { buildNameSketches } from './name-sketch.js';
import { analyzeToken, deletionVariants, neighbourable } from './token-keys.js';
import { parsePartialDate } from './birth-date-evidence.js';
import { canonicalState } from './state-code.js';
import { ByteBuilder, hashString, U32Builder } from './typed-buffers.js';
import { AspkError } from '../errors/aspk-error.js';
import { copyU32, f64, i16, i32, u16, u32, u8 } from './large-arrays.js';

/** Every array of the person index; this is exactly what a snapshot stores. */
export interface PersonCoreData {
  /** Number of persons (internal ids 0..count-1, ordered by birth year, unknown years last). */
  count: number;
  /** Internal id → entry-store record. */
  record: Uint32Array;
  /**
   * Birth year (bits 0–15, 0 = unknown) and index into `nationalities` (16–31, 0 = none). Packed words, in
   * the layout the matcher's candidate loop reads, so that loading a snapshot copies nothing per person.
   */
  yearNat: Uint32Array;
  /**
   * The static bits of the matcher's per-person word (see `PersonMatcher`): fewest tokens in any of the
   * person's names capped at 3 (bits 18–19, candidate survival rule §4.7), sex (20–21: 0 unknown, 1 M,
   * 2 F), birth month (22–25) and day (26–30), 0 = unknown.
   */
  traits: Uint32Array;
  /** CSR: person → names (primary, aliases, transliteration readings). */
  nameStart: Uint32Array;
  /** Per name: 0 = primary name, k = alias k (capped at 255). */
  nameAlias: Uint8Array;
  /** CSR: name → token occurrences. */
  nameTokStart: Uint32Array;
  occTok: Uint32Array;
  /** Role bits per occurrence (`TOKEN_SURNAME`, `TOKEN_PATRONYMIC`). */
  occRole: Uint8Array;
  /** First birth year covered by `yearStart`. */
  yearMin: number;
  /** `yearStart[y - yearMin]` = first internal id born in year ≥ y; the last element starts the unknown-year range. */
  yearStart: Uint32Array;
  /** Token dictionary (normalised `A–Z`, including concatenations of adjacent tokens). */
  tokens: string[];
  tokFold1: string[];
  tokFold2: string[];
  tokFamily: Int16Array;
  /**
   * Ids of the tokens of names (not the joined pairs) in the order of their text (`tokByRaw`) and of their
   * first fold (`tokByFold1`), so the tokens a truncated name's last component starts are one binary
   * search away.
   */
  tokByRaw: Uint32Array;
  tokByFold1: Uint32Array;
  /** Occurrences of each token in all names (common-name guard of the scorer). */
  tokCount: Uint32Array;
  /** CSR: token → key ids. */
  tokKeyStart: Uint32Array;
  tokKeys: Uint32Array;
  /** Key dictionary (`s:`, `r:`, `f:` prefixed). */
  keys: string[];
  /**
   * Key k's postings are `postings[keySpan[2k] .. keySpan[2k + 1])`. Keys with equal posting lists share one
   * copy (`shareEqualLists`), so equal lists also have equal positions.
   */
  keySpan: Uint32Array;
  /**
   * Per key, ascending: `id × 2^POSTING_ID_SHIFT + birth month + birth day × 16` (see `POSTING_ID_SHIFT`). The month
   * and day let the candidate scan rule a person out by date without reading anything of the person.
   */
  postings: Uint32Array;
  /** CSR: key → one-edit neighbour key ids (§4.6). */
  nbStart: Uint32Array;
  nbKeys: Uint32Array;
  /** Symmetric-deletion map: sorted hashes of keys and their one-deletion variants, with the key id. */
  delHash: Uint32Array;
  delKey: Uint32Array;
  /** Canonical nationality codes; index 0 is ''. */
  nationalities: string[];
  /**
   * Two words per person: the sketch of the distinct tokens of its names (`buildNameSketches`). Stored, not
   * derived at load: deriving them took ~0.1 s of a 1M-person snapshot load, storing them adds 8 MB.
   */
  sketches: Uint32Array;
}

/**
 * The persons to index: `entries[records[i]]` for every i (each a person), `records[i]` being its
 * entry-store record number. Two flat inputs instead of a million `{ entry, record }` objects: those
 * objects live through the whole build, get promoted to the old generation and cost seconds of GC.
 */
export interface PersonInputs {
  entries: readonly WatchlistEntry[];
  records: Uint32Array;
}

interface Staged {
  /** Per input person: offsets into the staged name arrays. */
  personNameStart: U32Builder;
  nameAlias: ByteBuilder;
  nameTokStart: U32Builder;
  occTok: U32Builder;
  occRole: ByteBuilder;
  /** Per input person: concatenation token ids (postings only). */
  personConcatStart: U32Builder;
  concatTok: U32Builder;
  tokens: string[];
  tokenId: Map<string, number>;
}

function internToken(s: Staged, text: string): number {
  let id = s.tokenId.get(text);
  if (id === undefined) {
    id = s.tokens.length;
    s.tokens.push(text);
    s.tokenId.set(text, id);
  }
  return id;
}

function stageNames({ entries, records }: PersonInputs): Staged {
  const count = records.length;
  const s: Staged = {
    personNameStart: new U32Builder(count + 1),
    nameAlias: new ByteBuilder(count + 64),
    nameTokStart: new U32Builder(count * 2 + 1),
    occTok: new U32Builder(count * 4),
    occRole: new ByteBuilder(count * 4 + 64),
    personConcatStart: new U32Builder(count + 1),
    concatTok: new U32Builder(1024),
    tokens: [],
    tokenId: new Map(),
  };
  s.nameTokStart.push(0);
  const stager = new NameStager();
  const texts = stager.texts;
  // Token id per stager text, once interned: the dictionary `Map` is asked once per distinct field's
  // token instead of once per occurrence (3.5M lookups at 1M persons, ~1.5 s on the development VM).
  let textToken = i32(1 << 16).fill(-1);
  const tokenOf = (k: number): number => {
    if (k >= textToken.length) {
      const next = i32(Math.max(k + 1, textToken.length * 2)).fill(-1);
      next.set(textToken);
      textToken = next;
    }
    let id = textToken[k]!;
    if (id < 0) textToken[k] = id = internToken(s, texts[k]!);
    return id;
  };
  // Emits one list of a name variant: tokens, roles and concatenations, interned in token order (the
  // order the per-name path used, so token ids are unchanged).
  const emit = (list: number): void => {
    const pool = stager.pool;
    const n = pool[list]!;
    for (let i = 0, at = list + 1; i < n; i++, at += 3) {
      s.occTok.push(tokenOf(pool[at]!));
      s.occRole.byte(pool[at + 1]!);
      const c = pool[at + 2]!;
      if (c >= 0) s.concatTok.push(tokenOf(c));
    }
  };
  const seenS = [0, 0, 0];
  const seenG = [0, 0, 0];
  for (let p = 0; p < count; p++) {
    const entry = entries[records[p]!] as PersonEntry;
    s.personNameStart.push(s.nameAlias.length);
    s.personConcatStart.push(s.concatTok.length);
    const aliases = entry.aliases;
    const nNames = 1 + (aliases?.length ?? 0);
    for (let a = 0; a < nNames; a++) {
      const n = a === 0 ? entry : aliases![a - 1]!;
      // The variants of `normalizeNameVariants`: reading i of the surname with reading i of the given
      // names (the last repeated), empty and repeated variants dropped.
      const so = stager.field(n.surname, TOKEN_SURNAME);
      const go = stager.field(n.givenNames, 0);
      const pool = stager.pool;
      const ns = pool[so]!;
      const ng = pool[go]!;
      let kept = 0;
      for (let i = 0; i < Math.max(ns, ng); i++) {
        const sl = pool[so + 1 + Math.min(i, ns - 1)]!;
        const gl = pool[go + 1 + Math.min(i, ng - 1)]!;
        if (pool[sl]! + pool[gl]! === 0) continue;
        let dup = false;
        for (let j = 0; j < kept && !dup; j++) dup = seenS[j] === sl && seenG[j] === gl;
        if (dup) continue;
        seenS[kept] = sl;
        seenG[kept++] = gl;
        s.nameAlias.byte(Math.min(a, 255));
        emit(sl);
        emit(gl);
        s.nameTokStart.push(s.occTok.length);
      }
    }
  }
  s.personNameStart.push(s.nameAlias.length);
  s.personConcatStart.push(s.concatTok.length);
  return s;
}

interface TokenTables {
  tokFold1: string[];
  tokFold2: string[];
  tokFamily: Int16Array;
  tokKeyStart: Uint32Array;
  tokKeys: Uint32Array;
  keys: string[];
  keyId: Map<string, number>;
}

/**
 * Token ids ordered by `texts[id]` (code-unit order, the order `startsWith` ranges follow; ties by id),
 * without the ids marked 1 in `leaveOut`. ~60 ms per order at 1M entries (0.6 % of the build).
 */
export function sortedTokenIds(texts: readonly string[], leaveOut?: Uint8Array): Uint32Array {
  const ids: number[] = [];
  for (let id = 0; id < texts.length; id++) if (leaveOut?.[id] !== 1) ids.push(id);
  ids.sort((a, b) => (texts[a]! < texts[b]! ? -1 : texts[a]! > texts[b]! ? 1 : a - b));
  return Uint32Array.from(ids);
}

function analyzeTokens(tokens: readonly string[], isConcat: Uint8Array): TokenTables {
  const keyId = new Map<string, number>();
  const keys: string[] = [];
  const tokFold1: string[] = new Array<string>(tokens.length);
  const tokFold2: string[] = new Array<string>(tokens.length);
  const tokFamily = i16(tokens.length);
  const tokKeyStart = u32(tokens.length + 1);
  const tokKeys = new U32Builder(tokens.length * 3);
  for (let t = 0; t < tokens.length; t++) {
    const a = analyzeToken(tokens[t]!, isConcat[t] === 1);
    tokFold1[t] = a.fold1;
    tokFold2[t] = a.fold2;
    tokFamily[t] = a.family;
    for (const k of a.keys) {
      let id = keyId.get(k);
      if (id === undefined) {
        id = keys.length;
        keys.push(k);
        keyId.set(k, id);
      }
      tokKeys.push(id);
    }
    tokKeyStart[t + 1] = tokKeys.length;
  }
  return { tokFold1, tokFold2, tokFamily, tokKeyStart, tokKeys: tokKeys.finish(), keys, keyId };
}

/**
 * `YYYY-MM-DD` (ASCII digits) as `YYYYMMDD` with `parsePartialDate`'s rules (month 00 clears the day), 0
 * when that function would reject it, −1 for any other text (the caller then asks `parsePartialDate`).
 * Most list dates are full dates, and a regex plus an object per person cost ~0.5 s of a 1M build;
 * `person-core.test.ts` checks the two agree.
 */
export function fullDate(t: string): number {
  if (t.length !== 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return -1;
  let v = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  const year = Math.floor(v / 10000);
  const month = Math.floor(v / 100) % 100;
  const day = month === 0 ? 0 : v % 100;
  if (year === 0 || month > 12 || day > 31) return 0;
  return year * 10000 + month * 100 + day;
}

/** Counting sort of persons by birth year (unknown last): returns input index per internal id. */
function orderByYear(years: Uint16Array): { order: Uint32Array; yearMin: number; yearStart: Uint32Array } {
  let yearMin = 9999;
  let yearMax = 0;
  for (const y of years) if (y !== 0) (yearMin = Math.min(yearMin, y)), (yearMax = Math.max(yearMax, y));
  if (yearMax === 0) yearMin = yearMax = 1900;
  const buckets = yearMax - yearMin + 2; // last bucket: unknown year
  const counts = new Uint32Array(buckets + 1);
  for (const y of years) counts[(y === 0 ? buckets - 1 : y - yearMin) + 1]!++;
  for (let b = 0; b < buckets; b++) counts[b + 1]! += counts[b]!;
  const yearStart = counts.slice(0, buckets);
  const cursor = counts.slice(0, buckets);
  const order = u32(years.length);
  for (let i = 0; i < years.length; i++) {
    const y = years[i]!;
    order[cursor[y === 0 ? buckets - 1 : y - yearMin]!++] = i;
  }
  return { order, yearMin, yearStart };
}

/**
 * A posting packs the person's internal id (times 2^9, multiplied rather than shifted so ids of 2^22 and
 * more stay positive) above its birth month (bits 0–3) and day (bits 4–8), as the
 * static bits 22–30 of its `traits` word hold them. At 1M persons the matcher's date filter rules out about
 * half of the postings a slow query reads; with the date in the posting those persons cost no random read
 * at all. Ids stay ordered, so lists stay sorted by id; at most 2^23 persons (`MAX_PERSONS`).
 */
export const POSTING_ID_SHIFT = 9;
export const MAX_PERSONS = 2 ** (32 - POSTING_ID_SHIFT) - 1;

/**
 * CSR postings: for every person, the union of its tokens' keys (deduplicated with a stamp array). Two
 * passes over the persons, count then fill, instead of staging ~5M (key, id) pairs: the pairs were 64 MB
 * of temporary arrays at 1M persons, and temporary ArrayBuffers cost full GCs (see `U32Builder.finish`).
 */
function buildPostings(core: Pick<PersonCoreData, 'count' | 'nameStart' | 'nameTokStart' | 'occTok' | 'tokKeyStart' | 'tokKeys' | 'traits'>, concatOf: (id: number) => Uint32Array, keyCount: number) {
  const stamp = i32(keyCount).fill(-1);
  const keyPostStart = u32(keyCount + 1);
  let postings = u32(0);
  let cursor = keyPostStart;
  // Pass 0 counts (into keyPostStart[key + 1]); pass 1 writes each id at its key's cursor.
  for (let pass = 0; pass < 2; pass++) {
    const addToken = (id: number, t: number): void => {
      for (let k = core.tokKeyStart[t]!; k < core.tokKeyStart[t + 1]!; k++) {
        const key = core.tokKeys[k]!;
        if (stamp[key] === id) continue;
        stamp[key] = id;
        if (pass === 0) keyPostStart[key + 1]!++;
        else postings[cursor[key]!++] = id * (1 << POSTING_ID_SHIFT) + ((core.traits[id]! >>> 22) & 0x1ff);
      }
    };
    for (let id = 0; id < core.count; id++) {
      for (let o = core.nameTokStart[core.nameStart[id]!]!; o < core.nameTokStart[core.nameStart[id + 1]!]!; o++) addToken(id, core.occTok[o]!);
      for (const t of concatOf(id)) addToken(id, t);
    }
    if (pass === 0) {
      for (let k = 0; k < keyCount; k++) keyPostStart[k + 1]! += keyPostStart[k]!;
      cursor = keyPostStart.slice(0, keyCount);
      postings = u32(keyPostStart[keyCount]!);
      stamp.fill(-1);
    }
  }
  // Ids are visited in ascending order, so every posting list comes out sorted.
  return shareEqualLists(keyPostStart, postings);
}

/**
 * Keeps one copy of each distinct posting list: keys whose lists are equal get the same span. Why: the
 * skeleton of a token's first fold (`s:`) and of its raw spelling (`r:`) differ for few tokens, so their
 * keys mostly hold the same persons: at 1M persons 39 % of the postings were such copies (1.9M of 4.95M,
 * 7.7 MB of index and snapshot). A query reads the keys of both, and their one-edit neighbours, which are
 * twins again; with one copy, equal spans have equal positions, so `SpanJobs` recognises a span already
 * read from its four numbers, without comparing postings (that comparison, and the read of each span's
 * first id that its hash took, were 7–8 % of the slowest queries' time). Lists are compared in full, so
 * only equal lists are ever shared. The kept lists are compacted to the front of `postings` in key order.
 */
function shareEqualLists(keyPostStart: Uint32Array, postings: Uint32Array): { keySpan: Uint32Array; postings: Uint32Array } {
  const keyCount = keyPostStart.length - 1;
  const keySpan = u32(2 * keyCount);
  // Kept keys by a hash of their list, chained through `next` on collisions.
  const headByHash = new Map<number, number>();
  const next = i32(keyCount).fill(-1);
  let out = 0;
  for (let k = 0; k < keyCount; k++) {
    const a = keyPostStart[k]!;
    const n = keyPostStart[k + 1]! - a;
    let h = n;
    for (let i = a; i < a + n; i++) h = Math.imul(h ^ postings[i]!, 0x01000193);
    let same = -1;
    const head = n === 0 ? undefined : headByHash.get(h);
    for (let c = head ?? -1; c >= 0 && same < 0; c = next[c]!) {
      const ca = keySpan[2 * c]!;
      if (keySpan[2 * c + 1]! - ca !== n) continue;
      let i = 0;
      while (i < n && postings[ca + i] === postings[a + i]) i++;
      if (i === n) same = c;
    }
    if (same >= 0) {
      keySpan[2 * k] = keySpan[2 * same]!;
      keySpan[2 * k + 1] = keySpan[2 * same + 1]!;
      continue;
    }
    // out ≤ a: the kept lists before this one are no longer than the lists read so far.
    postings.copyWithin(out, a, a + n);
    keySpan[2 * k] = out;
    keySpan[2 * k + 1] = out + n;
    out += n;
    if (n === 0) continue;
    if (head !== undefined) next[k] = head;
    headByHash.set(h, k);
  }
  return { keySpan, postings: copyU32(postings, 0, out) };
}

/** Symmetric-deletion map and the verified one-edit neighbour lists of every neighbourable key (§4.6). */
export function buildNeighbours(keys: readonly string[]) {
  const hashes = new U32Builder(keys.length * 6);
  const owners = new U32Builder(keys.length * 6);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (!neighbourable(key)) continue;
    for (const v of new Set(deletionVariants(key))) {
      hashes.push(hashString(v));
      owners.push(k);
    }
  }
  const n = hashes.length;
  const delHash = u32(n);
  const delKey = u32(n);
  // Sort (hash, key) pairs packed into one float64 each (32 + 21 bits < 2^53): a native numeric sort is
  // several times faster than a comparator over an index array at a million keys.
  if (keys.length < 2 ** 21) {
    const packed = f64(n);
    for (let i = 0; i < n; i++) packed[i] = hashes.get(i) * 2 ** 21 + owners.get(i);
    packed.sort();
    for (let i = 0; i < n; i++) {
      const v = packed[i]!;
      const h = Math.floor(v / 2 ** 21);
      delHash[i] = h;
      delKey[i] = v - h * 2 ** 21;
    }
  } else {
    const idx = u32(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    const h = hashes.finish();
    const o = owners.finish();
    idx.sort((a, b) => h[a]! - h[b]! || o[a]! - o[b]!);
    for (let i = 0; i < n; i++) (delHash[i] = h[idx[i]!]!), (delKey[i] = o[idx[i]!]!);
  }
  const nbStart = u32(keys.length + 1);
  const nbKeys = new U32Builder(keys.length);
  const seen = i32(keys.length).fill(-1);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (neighbourable(key)) {
      seen[k] = k;
      for (const v of new Set(deletionVariants(key))) {
        const hv = hashString(v);
        let i = lowerBoundHash(delHash, hv);
        for (; i < n && delHash[i] === hv; i++) {
          const other = delKey[i]!;
          if (seen[other] === k) continue;
          seen[other] = k;
          if (withinOneEdit(key.slice(2), keys[other]!.slice(2)) && key.slice(0, 2) === keys[other]!.slice(0, 2)) nbKeys.push(other);
        }
      }
    }
    nbStart[k + 1] = nbKeys.length;
  }
  return { delHash, delKey, nbStart, nbKeys: nbKeys.finish() };
}

/** First index in sorted `arr` whose value is ≥ `v`. */
export function lowerBoundHash(arr: Uint32Array, v: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Builds the person index arrays from validated entries. */
export function buildPersonCore(persons: PersonInputs): PersonCoreData {
  const count = persons.records.length;
  if (count > MAX_PERSONS) throw new AspkError('WATCHLIST_IMPORT_INVALID', `a watchlist holds at most ${MAX_PERSONS} persons (${count} given)`);
  const staged = stageNames(persons);
  // The name memos only pay off inside one build; free them rather than keep them for the process lifetime.
  clearNameMemos();
  const isConcat = u8(staged.tokens.length);
  for (let i = 0; i < staged.concatTok.length; i++) isConcat[staged.concatTok.get(i)] = 1;
  for (let i = 0; i < staged.occTok.length; i++) isConcat[staged.occTok.get(i)] = 0;
  const tt = analyzeTokens(staged.tokens, isConcat);

  // Dates parsed once into columns (input order), not kept as a million short-lived-but-retained objects.
  const years = u16(count);
  const months = u8(count);
  const days = u8(count);
  const natIn = u16(count);
  const sexIn = u8(count);
  const natSeen = new Map<string, number>();
  const natSeenText: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = persons.entries[persons.records[i]!] as PersonEntry;
    // Nationality and sex read here, in input order, while the entry is at hand: the column loop below
    // visits persons in birth-year order, and a second random walk over a million entry objects is
    // ~2 cache misses per person.
    const natText = entry.nationality === undefined ? '' : canonicalState(entry.nationality);
    let ni = natSeen.get(natText);
    if (ni === undefined) (ni = natSeenText.length), natSeenText.push(natText), natSeen.set(natText, ni);
    natIn[i] = ni;
    sexIn[i] = entry.sex === 'M' ? 1 : entry.sex === 'F' ? 2 : 0;
    const text = entry.birthDate;
    const packed = text === undefined ? -1 : fullDate(text);
    if (packed > 0) {
      years[i] = Math.floor(packed / 10000);
      months[i] = Math.floor(packed / 100) % 100;
      days[i] = packed % 100;
      continue;
    }
    if (packed === 0) continue;
    const d = parsePartialDate(text);
    if (d === undefined) continue;
    years[i] = d.year;
    months[i] = d.month;
    days[i] = d.day;
  }
  const { order, yearMin, yearStart } = orderByYear(years);

  const nationalities = [''];
  const natIndex = new Map<string, number>([['', 0]]);
  const record = u32(count);
  const yearNat = u32(count);
  const traits = u32(count);
  const nameStart = u32(count + 1);
  const nameAlias = u8(staged.nameAlias.length);
  let nNames = 0;
  const nameTokStart = new U32Builder(staged.nameAlias.length + 1);
  nameTokStart.push(0);
  const occTok = new U32Builder(staged.occTok.length);
  const occRole = u8(staged.occTok.length);
  for (let id = 0; id < count; id++) {
    const src = order[id]!;
    record[id] = persons.records[src]!;
    // Nationality ids in order of first use by internal id (as the snapshot has always numbered them).
    const n = natSeenText[natIn[src]!]!;
    let ni = natIndex.get(n);
    if (ni === undefined) (ni = nationalities.length), nationalities.push(n), natIndex.set(n, ni);
    yearNat[id] = (years[src]! | (ni << 16)) >>> 0;
    let fewest = 255;
    for (let nm = staged.personNameStart.get(src); nm < staged.personNameStart.get(src + 1); nm++) {
      nameAlias[nNames++] = staged.nameAlias.buf[nm]!;
      const from = staged.nameTokStart.get(nm);
      const to = staged.nameTokStart.get(nm + 1);
      fewest = Math.min(fewest, to - from);
      for (let o = from; o < to; o++) {
        occRole[occTok.length] = staged.occRole.buf[o]!;
        occTok.push(staged.occTok.get(o));
      }
      nameTokStart.push(occTok.length);
    }
    const minTokens = Math.min(3, fewest === 255 ? 1 : Math.max(1, fewest));
    traits[id] = ((minTokens << 18) | (sexIn[src]! << 20) | (months[src]! << 22) | (days[src]! << 26)) >>> 0;
    nameStart[id + 1] = nNames;
  }
  const base = { count, nameStart, nameTokStart: nameTokStart.finish(), occTok: occTok.finish(), tokKeyStart: tt.tokKeyStart, tokKeys: tt.tokKeys };
  // Counted over primary names only: an alias in an old transliteration (ALICHER) is not a common name.
  const tokCount = u32(staged.tokens.length);
  for (let n = 0; n < staged.nameAlias.length; n++) {
    if (staged.nameAlias.buf[n] !== 0) continue;
    for (let o = staged.nameTokStart.get(n); o < staged.nameTokStart.get(n + 1); o++) tokCount[staged.occTok.get(o)]!++;
  }
  const concatAll = staged.concatTok.finish();
  const concatOf = (id: number): Uint32Array => {
    const src = order[id]!;
    return concatAll.subarray(staged.personConcatStart.get(src), staged.personConcatStart.get(src + 1));
  };
  const { keySpan, postings } = buildPostings({ ...base, traits }, concatOf, tt.keys.length);
  const nb = buildNeighbours(tt.keys);
  return {
    ...base,
    record, yearNat, traits,
    nameAlias,
    occRole,
    yearMin, yearStart,
    tokens: staged.tokens, tokFold1: tt.tokFold1, tokFold2: tt.tokFold2, tokFamily: tt.tokFamily, tokCount,
    // Name tokens only: a truncated component is compared with the tokens of names, not with the joined
    // pairs (`ZHIBEK` starts hundreds of `ZHIBEK…` concatenations, one per following name).
    tokByRaw: sortedTokenIds(staged.tokens, isConcat), tokByFold1: sortedTokenIds(tt.tokFold1, isConcat),
    keys: tt.keys, keySpan, postings,
    ...nb,
    nationalities,
    sketches: buildNameSketches(base),
  };
}
