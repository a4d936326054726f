/**
 * The watchlist index: person screening and document lookup over one list version, with a small mutable
 * overlay for changes (watchlist-matching.md §4.10). The base is built once (typed arrays, or loaded from a
 * snapshot); `upsert`/`remove` tombstone base records and rebuild only the overlay, whose cost grows with
 * the number of changes since the base was built. Call `compact()` when the overlay grows large (say over
 * 10,000 changes): it builds a fresh base; callers swap the reference, so a query in flight finishes on the
 * version it started with.
 */
import { AspkError } from '../errors/aspk-error.js';
import type { WatchlistEntry } from './watchlist-entry.js';
import { buildIdTable, encodeEntryRecords, EntryStore, type EntryStoreData } from './entry-store.js';
import { buildPersonCore, type PersonCoreData } from './person-core.js';
import { PersonMatcher, DEFAULT_MATCHER_OPTIONS, type MatcherOptions, type SearchStats } from './person-matcher.js';
import { buildDocumentTable, DocumentTable, type DocumentTableData } from './document-table.js';
import { prepareQuery, type ScreeningQuery } from './person-query.js';
import { decodeSnapshot, encodeSnapshot, readSnapshotMeta, type SectionValue } from './snapshot-codec.js';
import { watchlistEngineFingerprint } from './engine-fingerprint.js';
import { checkSnapshotSections, checkSnapshotStructure, parseSnapshotMeta, type SnapshotMeta } from './snapshot-contents.js';
import { describeOcrDifference, normalizeDocumentNumber } from './document-key.js';
import { canonicalState } from './state-code.js';
import { u32, u8, withSharedArrays } from './large-arrays.js';

/**
 * Default alert threshold (score 0..1). Chosen on the evaluation set (`npm run eval:screening`, see the
 * README): at 0.85 recall is ≥ 0.98 with a false-positive rate ≤ 1 % (namesakes apart) — 100k list, seed
 * 20260101: recall 0.984, false positives 0.80 %; seeds 7 and 42: 0.984–0.986 and 0.45–0.55 %.
 */
export const DEFAULT_ALERT_THRESHOLD = 0.85;
/** Default maximum number of hits returned by `screen`. */
export const DEFAULT_HIT_LIMIT = 10;

/**
 * One screening hit: the entry, a score in 0..1, human-readable reasons and their stable codes. Structurally
 * a superset of the protocol's `ScreeningHit` (`shared/src/protocol/crossing.ts`, which owns that name):
 * pick `entryId, score, reasons, kind, action` before a strict protocol parse.
 */
export interface WatchlistHit {
  entryId: string;
  kind: 'person' | 'document';
  score: number;
  reasons: string[];
  /** Stable reason codes (`name-folded`, `dob-year-only`, `doc-exact`, …), parallel to `reasons`. */
  reasonCodes: string[];
  action: WatchlistEntry['action'];
  category: string;
}

/** A document hit; `match` says whether the number matched as listed or only after OCR folding. */
export interface DocumentHit extends WatchlistHit {
  kind: 'document';
  match: 'exact' | 'ocr-variant';
}

/** Build options. */
export interface WatchlistIndexOptions {
  /** Score given to an OCR-variant-only document hit; default `DEFAULT_ALERT_THRESHOLD + 0.02` (just above the default threshold, below exact hits). */
  ocrVariantScore?: number;
  matcher?: Partial<MatcherOptions>;
  /**
   * Allocate the large arrays on `SharedArrayBuffer`s (`large-arrays.ts`): no full garbage collection per
   * 64 MB during the build (~1.3 s less at 1M + 1M), but memory the collector is not hurried to free. For
   * builds whose index dies with its thread or process (a build worker, a one-shot tool); default false.
   */
  sharedArrays?: boolean;
}

/** Options of one `screen` call. */
export interface ScreenOptions {
  /** Alert threshold in 0..1; default `DEFAULT_ALERT_THRESHOLD`. */
  threshold?: number;
  /** Maximum hits; default `DEFAULT_HIT_LIMIT`. */
  limit?: number;
}

interface Layer {
  store: EntryStore;
  persons: PersonMatcher;
  docs: DocumentTable;
}

/**
 * Builds one layer. `keepObjects`: the overlay keeps references to its (few) entry objects; the base
 * encodes its entries into binary records so that the caller's objects can be collected (see EntryStore).
 */
function buildLayer(entries: readonly WatchlistEntry[], matcher: MatcherOptions, keepObjects: boolean, idTable = buildIdTable(entries).table): Layer {
  // Record numbers per kind in two flat arrays (no per-entry wrapper objects: see person-core.ts).
  let nPersons = 0;
  for (let r = 0; r < entries.length; r++) if (entries[r]!.type === 'person') nPersons++;
  const persons = u32(nPersons);
  const docs = u32(entries.length - nPersons);
  for (let r = 0, p = 0, d = 0; r < entries.length; r++) {
    if (entries[r]!.type === 'person') persons[p++] = r;
    else docs[d++] = r;
  }
  return {
    store: keepObjects ? new EntryStore(idTable, entries) : new EntryStore({ ...idTable, ...encodeEntryRecords(entries.length, (r) => entries[r]!) }),
    persons: new PersonMatcher(buildPersonCore({ entries, records: persons }), matcher),
    docs: new DocumentTable(buildDocumentTable({ entries, records: docs })),
  };
}

export class WatchlistIndex {
  private readonly tombstones: Uint8Array;
  private tombstoned = 0;
  private readonly overlayEntries = new Map<string, WatchlistEntry>();
  private overlay: Layer | undefined;

  private constructor(
    private readonly base: Layer,
    private readonly opts: { ocrVariantScore: number; matcher: MatcherOptions },
  ) {
    this.tombstones = u8(base.store.count);
  }

  /**
   * Builds an index from validated entries (ids must be unique; a later duplicate replaces an earlier one).
   * Several seconds and ~150 MB of typed arrays for 1,000,000 + 1,000,000 entries; see the README for
   * measured figures.
   */
  static build(entries: readonly WatchlistEntry[], options: WatchlistIndexOptions = {}): WatchlistIndex {
    if (options.sharedArrays === true) return withSharedArrays(() => WatchlistIndex.build(entries, { ...options, sharedArrays: false }));
    // The base keeps no reference to `entries` or its objects (binary records, see EntryStore).
    // Duplicate ids: the last one wins. The id table built here finds them in the same pass (a Map of a
    // million ids costs seconds); only a list with duplicates pays for a second table over the survivors.
    const opts = { ocrVariantScore: options.ocrVariantScore ?? DEFAULT_ALERT_THRESHOLD + 0.02, matcher: { ...DEFAULT_MATCHER_OPTIONS, ...options.matcher } };
    const { table, superseded } = buildIdTable(entries);
    if (superseded.length === 0) return new WatchlistIndex(buildLayer(entries, opts.matcher, false, table), opts);
    const dropped = u8(entries.length);
    for (const r of superseded) dropped[r] = 1;
    return new WatchlistIndex(buildLayer(entries.filter((_, i) => dropped[i] === 0), opts.matcher, false), opts);
  }

  /** Number of live entries (persons and documents). */
  get size(): number {
    return this.base.store.count - this.tombstoned + this.overlayEntries.size;
  }

  /** Records of the base list (removed ones included): the range of `entryAt`. */
  get baseRecords(): number {
    return this.base.store.count;
  }

  /** The base list's entry at record `r` (0 ≤ r < `baseRecords`), or undefined when it was removed (for warm-up sampling). */
  entryAt(r: number): WatchlistEntry | undefined {
    return r < 0 || r >= this.base.store.count || this.tombstones[r] === 1 ? undefined : this.base.store.entry(r);
  }

  /** Number of changes held in the overlay since the base was built (a hint for when to `compact`). */
  get pendingChanges(): number {
    return this.overlayEntries.size + this.tombstoned;
  }

  /** The entry with this id, or undefined. */
  get(id: string): WatchlistEntry | undefined {
    const o = this.overlayEntries.get(id);
    if (o !== undefined) return o;
    return this.entryAt(this.base.store.find(id));
  }

  /** Adds or replaces one entry without rebuilding the base. */
  upsert(entry: WatchlistEntry): void {
    this.applyChanges([entry], []);
  }

  /** Removes one entry; returns false when the id was not present. */
  remove(id: string): boolean {
    const present = this.get(id) !== undefined;
    if (present) this.applyChanges([], [id]);
    return present;
  }

  /** Applies a batch of changes with a single overlay rebuild (use this for list deltas). */
  applyChanges(upserts: readonly WatchlistEntry[], removals: readonly string[]): void {
    const tomb = (id: string): void => {
      const r = this.base.store.find(id);
      if (r >= 0 && this.tombstones[r] === 0) (this.tombstones[r] = 1), this.tombstoned++;
    };
    for (const id of removals) tomb(id), this.overlayEntries.delete(id);
    for (const e of upserts) tomb(e.id), this.overlayEntries.set(e.id, e);
    this.overlay = this.overlayEntries.size === 0 ? undefined : buildLayer([...this.overlayEntries.values()], this.opts.matcher, true);
    this.layerList = undefined;
  }

  /** A new index with base and overlay merged (a full build); swap it in atomically. */
  compact(): WatchlistIndex {
    const entries: WatchlistEntry[] = [];
    for (let r = 0; r < this.base.store.count; r++) if (this.tombstones[r] === 0) entries.push(this.base.store.entry(r));
    entries.push(...this.overlayEntries.values());
    return WatchlistIndex.build(entries, { ocrVariantScore: this.opts.ocrVariantScore, matcher: this.opts.matcher });
  }

  // Cached per change (not rebuilt per query): the hot path should allocate only for its hits.
  // `tombstones` (1 = removed, by record) is undefined when no entry of the layer is removed: the person
  // matcher then reads no record number per candidate.
  private layerList: { layer: Layer; tombstones: Uint8Array | undefined }[] | undefined;

  private layers(): { layer: Layer; tombstones: Uint8Array | undefined }[] {
    if (this.layerList !== undefined) return this.layerList;
    const out = [{ layer: this.base, tombstones: this.tombstoned === 0 ? undefined : this.tombstones }];
    if (this.overlay !== undefined) out.push({ layer: this.overlay, tombstones: undefined });
    this.layerList = out;
    return out;
  }

  // Id, action and category come from the store's columns: a loaded index decodes no entry record per hit.
  private hit(layer: Layer, record: number, kind: 'person' | 'document', score: number, reasons: string[], reasonCodes: string[]): WatchlistHit {
    const s = layer.store;
    return { entryId: s.id(record), kind, score, reasons, reasonCodes, action: s.action(record), category: s.category(record) };
  }

  /**
   * Screens one traveller: person matching (names, birth date, nationality, sex) and, when the query has
   * an issuing state and document number, document lookup. Hits at or above the threshold, best first.
   */
  screen(query: ScreeningQuery, options: ScreenOptions = {}): WatchlistHit[] {
    const threshold = options.threshold ?? DEFAULT_ALERT_THRESHOLD;
    const limit = options.limit ?? DEFAULT_HIT_LIMIT;
    const hits: WatchlistHit[] = [];
    const pq = prepareQuery(query);
    for (const { layer, tombstones } of this.layers()) {
      for (const m of layer.persons.search(pq, threshold, limit, tombstones)) hits.push(this.hit(layer, m.record, 'person', m.score, m.reasons, m.codes));
    }
    if (query.issuingState !== undefined && query.documentNumber !== undefined) {
      for (const d of this.lookupDocument(query.issuingState, query.documentNumber)) if (d.score >= threshold) hits.push(d);
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.length > limit ? hits.slice(0, limit) : hits;
  }

  /**
   * Person screening by scoring every entry (no index): the brute-force reference the benchmark and tests
   * compare `screen` against. Far too slow for the hot path (seconds per query at 1,000,000 entries).
   */
  screenLinear(query: ScreeningQuery, options: ScreenOptions = {}): WatchlistHit[] {
    const threshold = options.threshold ?? DEFAULT_ALERT_THRESHOLD;
    const limit = options.limit ?? DEFAULT_HIT_LIMIT;
    const pq = prepareQuery(query);
    const hits: WatchlistHit[] = [];
    for (const { layer, tombstones } of this.layers()) {
      for (const m of layer.persons.scanAll(pq, threshold, limit, tombstones)) hits.push(this.hit(layer, m.record, 'person', m.score, m.reasons, m.codes));
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.length > limit ? hits.slice(0, limit) : hits;
  }

  /**
   * Work counters of the last `screen` (persons reached, candidates, names scored), summed over the base list
   * and the pending changes: for benchmarks and tests of candidate generation.
   */
  lastPersonSearchStats(): SearchStats {
    const out: SearchStats = { touched: 0, survivors: 0, scored: 0 };
    for (const { layer } of this.layers()) {
      const s = layer.persons.lastStats;
      out.touched += s.touched;
      out.survivors += s.survivors;
      out.scored += s.scored;
    }
    return out;
  }

  /** Listed documents with this issuing state and number: exact matches (score 1) and OCR-folded variants. */
  lookupDocument(issuingState: string, documentNumber: string): DocumentHit[] {
    const out: DocumentHit[] = [];
    const layers = this.layers();
    for (let l = 0; l < layers.length; l++) {
      const { layer, tombstones } = layers[l]!;
      const docs = layer.docs;
      const found = docs.lookup(issuingState, documentNumber, tombstones);
      if (found === 0) continue; // the common case: no strings built for a miss
      const number = normalizeDocumentNumber(documentNumber);
      const s = layer.store;
      for (let k = 0; k < found; k++) {
        const record = docs.matchRecord[k]!;
        const exact = docs.matchExact[k] === 1;
        let reason: string;
        if (exact) reason = `document ${canonicalState(issuingState)} ${number} is listed`;
        else {
          const listed = docs.listed(docs.matchDoc[k]!);
          reason = `document number ${number} ~ listed ${listed}: OCR-confusable characters (${describeOcrDifference(number, listed)})`;
        }
        // One object literal of fixed shape (no `{ ...hit }` spread): a hit costs a few hundred ns, not µs.
        out.push({
          entryId: s.id(record),
          kind: 'document',
          score: exact ? 1 : this.opts.ocrVariantScore,
          reasons: [reason],
          reasonCodes: [exact ? 'doc-exact' : 'doc-ocr-variant'],
          action: s.action(record),
          category: s.category(record),
          match: exact ? 'exact' : 'ocr-variant',
        });
      }
    }
    return out.length > 1 ? out.sort((a, b) => b.score - a.score) : out;
  }

  /**
   * The whole index (base, tombstones and overlay entries) as one binary snapshot. `tag` is the caller's
   * (JSON; e.g. the list version the index holds), read back without loading by `snapshotTag`.
   */
  toSnapshot(tag?: unknown): Uint8Array {
    const p = this.base.persons.core;
    const { tokens, tokFold1, tokFold2, keys, nationalities, count, yearMin, ...personArrays } = p;
    // Tombstones as the list of dead record numbers: usually empty, where a byte per entry was 2 MB at 1M + 1M.
    const dead = new Uint32Array(this.tombstoned);
    for (let r = 0, k = 0; k < dead.length; r++) if (this.tombstones[r] === 1) dead[k++] = r;
    const sections: Record<string, SectionValue> = { tokens, tokFold1, tokFold2, keys, nationalities, tombstones: dead };
    for (const [k, v] of Object.entries(personArrays)) sections[`p.${k}`] = v as SectionValue;
    for (const [k, v] of Object.entries(this.base.docs.data)) sections[`d.${k}`] = v as SectionValue;
    for (const [k, v] of Object.entries(this.base.store.snapshotData())) sections[`e.${k}`] = v as SectionValue;
    const meta: SnapshotMeta = { count, yearMin, ocrVariantScore: this.opts.ocrVariantScore, matcher: this.opts.matcher, overlay: [...this.overlayEntries.values()], engine: watchlistEngineFingerprint(), tag };
    return encodeSnapshot(meta, sections);
  }

  /**
   * Loads a snapshot made by `toSnapshot` (typed arrays are views on `bytes`; do not modify it afterwards).
   * The SHA-256 digests of the body are checked unless `verifyHash: false` — for a caller that has just
   * verified a signature over the same bytes, or read them with the agent's `readSnapshotFile` (which checks
   * them with several threads). At 1,000,000 + 1,000,000 entries the snapshot is ~204 MiB (format 8) and the check
   * costs 0.15–0.6 s of the load, the upper figure on pages just read from a file (see the README for
   * measured figures). Snapshots of another format, written by code with other name-key rules
   * (`watchlistEngineFingerprint`), or whose metadata or sections are not what `toSnapshot` writes, throw
   * `WATCHLIST_SNAPSHOT_INVALID`.
   */
  static fromSnapshot(bytes: Uint8Array, options: { verifyHash?: boolean } = {}): WatchlistIndex {
    const { meta, sections } = decodeSnapshot(bytes, options);
    const m = parseSnapshotMeta(meta);
    if (m.engine !== watchlistEngineFingerprint()) throw new AspkError('WATCHLIST_SNAPSHOT_INVALID', 'snapshot was built by another version of the watchlist engine (its name keys may differ): rebuild it from the list');
    checkSnapshotSections(sections, m.count);
    checkSnapshotStructure(sections, m.count);
    const pick = (prefix: string): Record<string, unknown> => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of sections) if (k.startsWith(prefix)) o[k.slice(prefix.length)] = v;
      return o;
    };
    const need = (name: string): SectionValue => sections.get(name)!;
    const core = {
      ...pick('p.'),
      tokens: need('tokens'), tokFold1: need('tokFold1'), tokFold2: need('tokFold2'), keys: need('keys'), nationalities: need('nationalities'),
      count: m.count, yearMin: m.yearMin,
    } as unknown as PersonCoreData;
    const base: Layer = {
      store: new EntryStore(pick('e.') as unknown as EntryStoreData),
      persons: new PersonMatcher(core, m.matcher),
      docs: new DocumentTable(pick('d.') as unknown as DocumentTableData),
    };
    const index = new WatchlistIndex(base, { ocrVariantScore: m.ocrVariantScore, matcher: m.matcher });
    const dead = need('tombstones') as Uint32Array;
    for (let i = 0; i < dead.length; i++) {
      const r = dead[i]!;
      if (r >= index.tombstones.length || index.tombstones[r] === 1) throw new AspkError('WATCHLIST_SNAPSHOT_INVALID', 'snapshot tombstone out of range or repeated');
      index.tombstones[r] = 1;
    }
    index.tombstoned = dead.length;
    if (m.overlay.length > 0) {
      for (const e of m.overlay) index.overlayEntries.set(e.id, e);
      index.overlay = buildLayer(m.overlay, m.matcher, true);
    }
    index.layerList = undefined;
    return index;
  }

  /**
   * The `tag` a snapshot was written with, from its header alone (no hash check, nothing loaded), so a
   * caller can tell whether a stored snapshot is the one it wants before paying for the load.
   */
  static snapshotTag(bytes: Uint8Array): unknown {
    const meta = readSnapshotMeta(bytes);
    return typeof meta === 'object' && meta !== null && 'tag' in meta ? meta.tag : undefined;
  }
}
