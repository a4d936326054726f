/**
 * Candidate generation and scoring over one `PersonCoreData` (watchlist-matching.md §4.5–4.8). Scratch
 * buffers are allocated once per matcher and reused, so a query allocates only for its few hits.
 */
import { POSTING_ID_SHIFT, type PersonCoreData } from './person-core.js';
import type { PreparedQuery, QueryItem } from './person-query.js';
import { deletionVariants, neighbourable } from './token-keys.js';
import { TOKEN_PATRONYMIC, withinOneEditFrom } from './fold-name.js';
import { hashString, lowerBound } from './typed-buffers.js';
import { scoreName, nameReasons, tokenLengths, type NameDetail, type TokenSource } from './name-scorer.js';
import { compareBirthDates, dateCase, DATE_CASES, type PartialDate } from './birth-date-evidence.js';
import { TokenSimCache } from './token-sim-cache.js';
import { buildTokenMeta } from './token-meta.js';
import { SpanJobs } from './span-jobs.js';
import { keyTokenLists, UnitBuckets } from './name-sketch.js';
import { maxTokenUnitMatching } from './max-token-unit-matching.js';
import { CandidateTable } from './candidate-table.js';
import { u32, u8 } from './large-arrays.js';

/** Tuning of candidate generation and evidence weights. Defaults in `DEFAULT_MATCHER_OPTIONS`. */
export interface MatcherOptions {
  /** Birth-year window half-width in years (entries with unknown year are always searched). */
  yearWindow: number;
  /**
   * A unit with more postings than this in the window is not scanned but only marked on the candidates the
   * scanned units produce, unless it is the rarest unit or the rarest name with postings (see `search`).
   */
  largeUnit: number;
  /**
   * A key is frequent (the common-name guard of candidate generation, §4.6: a frequent key skips its frequent
   * one-edit neighbours) above `max(50, count / frequentDivisor)` postings. Default 100, not the N/1000 of §4.6:
   * measured on the evaluation set (100k, seed 20260101, threshold 0.85), N/1000 lowers recall from 0.9747 to
   * 0.9731 (D1, D4, E1 variants lose neighbours) at the same false-positive rate.
   */
  frequentDivisor: number;
  /** A token is a common name (guard of the scorer) from `count / commonDivisor` occurrences in primary names (at least 3). */
  commonDivisor: number;
  nationalityDiffers: number;
  sexDiffers: number;
  /**
   * Taken off when the document's name is common on the list (about `commonNameExpected` or more entries are
   * expected to carry it by chance: list size × the product of its tokens' shares) and the birth date does not
   * confirm it (a year off by one, or no date). Same-name strangers are then likely; measured on the
   * evaluation set, most false alerts at the default threshold were of this kind (SMIRNOV ALEKSANDR, 1975,
   * against a year-only 1976).
   */
  commonNameDoubt: number;
  commonNameExpected: number;
}

export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = { yearWindow: 1, largeUnit: 2000, frequentDivisor: 100, commonDivisor: 2000, nationalityDiffers: -0.03, sexDiffers: -0.05, commonNameDoubt: 0.08, commonNameExpected: 0.5 };

/** A scored person candidate before it is turned into a public hit. */
export interface PersonMatch {
  record: number;
  score: number;
  reasons: string[];
  codes: string[];
}

interface Scored {
  id: number;
  score: number;
  bestName: number;
  natDiffers: boolean;
  sexDiffers: boolean;
  /** `commonNameDoubt` was applied. */
  commonName: boolean;
}

interface Unit {
  bit: number;
  /** Query tokens the unit stands for (two for a concatenation). */
  mask: number;
  exact: number[];
  neighbours: number[];
  /** Keys taken from a concatenation because one of its parts has them (see `dropPartKeys`). */
  partKeys: number[];
  count: number;
  prefix: QueryItem | undefined;
  raw: string;
  /**
   * Posting spans of the unit's keys in the query's year window, four numbers per key (exact keys first, then
   * neighbours): the window's range and the unknown-year range. Found once by `spansOf` (binary searches in
   * long posting lists, a cache miss at nearly every probe at 1M entries) and reused by `scan` and `markSkipped`.
   */
  spans: number[];
  /** Bits of later query items that repeat this one (`AIGERIM AIGERIM`); they are not scanned on their own. */
  twins: number;
  /** Exact and neighbour key ids, for counting an entry's occurrences of a repeated token (only when `twins`). */
  keySet: Set<number> | undefined;
}

/** Work counters of the last `search` (for benchmarks and tests of candidate generation). */
export interface SearchStats {
  /** Persons reached through the scanned units' postings whose list date does not already rule them out (`hopeless`). */
  touched: number;
  /** Persons that passed candidate survival (§4.7). */
  survivors: number;
  /** Persons whose name was scored (survivors not pruned by date, nationality, sex or distinct tokens). */
  scored: number;
}

const MAX_UNITS = 16;
/**
 * Flag bits of a reached person (see `PersonMatcher.reached`): unit bits 0–15, then these, then from bit
 * `MD_SHIFT` the birth month and day its postings carry (month in 4 bits, day in 5, as in a posting).
 */
const EXACT_HIT = 1 << 16;
/** A skipped unit's exact key holds the person (set by `markSkipped`, used only when the scanned units fall short). */
const MERGED_EXACT = 1 << 17;
const MD_SHIFT = 18;
/** A posting's birth month and day (its low `POSTING_ID_SHIFT` bits) as reached-person flags. */
const mdFlags = (p: number): number => (p & 0x1ff) << MD_SHIFT;

/** A unit with at most this many postings in the year window lets an exact match alone make a candidate. */
const RARE_UNIT = 32;
/**
 * A truncated name's last component of at least this many letters is looked up in the sorted token
 * dictionary, and the skeleton keys of the (at most `PREFIX_TOKENS`) tokens that start with it become the
 * unit's exact keys (see `prefixAsKeys`). Shorter or more productive prefixes keep the per-candidate test.
 */
const PREFIX_KEY_MIN = 3;
const PREFIX_TOKENS = 48;
/**
 * Keys with at least this many postings get a row of `yearOffsets`. Shorter lists are searched: a binary
 * search over fewer than 64 ids touches at most four cache lines.
 */
const YEAR_TABLE_MIN = 64;

/** Words of a key's state in `PersonMatcher.keyState` (word 0 is the query stamp). */
const KS_UNITS = 1;
const KS_SKIPPED = 2;
const KS_SEEN = 3;
/** In `KS_SKIPPED`: the key is an exact key of a skipped unit. */
const KS_EXACT = 1 << 16;

export class PersonMatcher implements TokenSource {
  readonly tokens: string[];
  readonly tokFold1: string[];
  readonly tokFold2: string[];
  readonly tokFamily: Int16Array;
  readonly simCache: TokenSimCache;
  readonly tokMeta: Uint32Array;
  readonly tokLen: Uint8Array;
  private readonly tokenMap: Map<string, number>;
  private readonly keyMap: Map<string, number>;
  /**
   * The persons the current query reached through its postings, with unit bits, exact flags and the birth
   * month and day their postings carry (see `EXACT_HIT`, `MD_SHIFT`): everything the candidate loop needs to
   * decide survival, so that a person who does not survive costs no read of a per-person array. (The first
   * design kept these bits in a 4 MiB word per person: a cache miss per posting at 1M entries.)
   */
  private readonly reached = new CandidateTable();
  /**
   * Per person, static: the fewest tokens of one of its names capped at 3 (bits 18–19), sex (20–21), birth
   * month (22–25) and day (26–30) — the core's `traits`, read for survivors only.
   */
  private readonly traits: Uint32Array;
  /**
   * One bit per person whose shortest name has one token (survival then needs one matched unit, §4.7):
   * 128 KiB at 1M persons, so the test per reached person stays in the CPU's cache where `traits` does not.
   */
  private readonly oneToken: Uint32Array;
  /**
   * One bit per 512 persons: some person of the block has a one-token name (256 bytes at 1M persons, always
   * cached). Such persons are rare (a few hundred in a generated 1M list), so this spares nearly every read
   * of `oneToken`, which missed the cache for most reached persons.
   */
  private readonly oneTokenBlocks: Uint32Array;
  /**
   * One bit per person, set for the candidates while `markSkipped` reads the skipped units' postings: 128 KiB
   * at 1M persons, so the membership test per posting stays in the CPU's cache.
   */
  private readonly candidateBits: Uint32Array;
  /** Birth year (0–15, 0 = unknown) and nationality index (16–31), one word per person; month and day are in `traits`. */
  private readonly yearNat: Uint32Array;
  /**
   * The current query's state of each key, four words per key (`KS_*`): the query's stamp when the key
   * belongs to one of its units; the bits of the units it belongs to (`distinctUnits`, the overlap check);
   * the bits of the skipped units it belongs to, with `KS_EXACT` when it is an exact key of one (`verify`);
   * and the `unitFor` stamp (`unitSeen` before). One cache line holds four keys' state: as five separate
   * arrays (and a sixth for the unit stamps) a key cost up to six cache misses, and the slowest queries at
   * 1M entries touch hundreds of keys.
   */
  private readonly keyState: Uint32Array;
  private stamp = 0;
  private readonly frequent: number;
  private readonly commonCount: number;
  private readonly unknownStart: number;
  /**
   * Per key with `YEAR_TABLE_MIN` postings or more (`yearRow[key]` ≥ 0): for every slot `y` of `yearStart`,
   * the position of its first posting of an id ≥ `yearStart[y]`. The query's year window then costs two
   * reads per key instead of three binary searches over a long list (one cache miss at nearly every probe
   * at 1M entries: a tenth of the slowest queries' time). A row is filled the first time a query needs its
   * key (`yearRowReady`), one pass over that key's postings: filling all of them (about 14,000 keys at 1M
   * persons) when the index is loaded took ~20 ms of every start. The rows are allocated up front: rows ×
   * year slots × 4 bytes, 3 MiB for a list born over 57 years, ~20 MiB if its birth years span four
   * centuries (zeroed pages the system commits only when a row is written). Not kept in the snapshot.
   */
  private readonly yearRow: Int32Array;
  private readonly yearOffsets: Uint32Array;
  private readonly yearRowReady: Uint8Array;
  /**
   * `delBucket[b]` = first position in the sorted `delHash` whose top bits are `b` (`h >>> delShift`), so a
   * deletion variant's entries are found with two reads and a short walk instead of a binary search over
   * ~390k hashes at 1M entries (19 probes, most of them cache misses): the lookup of a query token absent
   * from the dictionary (a typo) was a tenth of the slowest queries' time. ~1 MiB, built with the matcher.
   */
  private readonly delBucket: Uint32Array;
  private readonly delShift: number;
  /** Name sketches and their per-query unit buckets, a cheap bound of `distinctUnits` (see name-sketch.ts). */
  private readonly unitBuckets: UnitBuckets;
  /** The distinct posting spans of the current query's scan, then of its merge (see span-jobs.ts). */
  private readonly jobs: SpanJobs;
  /** Stamp of `unitFor` and `expand` (in `keyState`): which keys a unit's neighbour list already holds (see there). */
  private unitGen = 0;
  /** Where `touchSpans`, `gatherSurvivors` and `gatherNames` leave their reads. */
  private sink = 0;
  private survivorScratch = { id: new Uint32Array(1024), m: new Uint32Array(1024) };
  /**
   * Date pre-filter of the current query (see `hopeless`): its birth date, the id range of its birth year
   * (persons are ordered by year), the years taken for ids below and above that range, and per date case
   * whether that case alone keeps a score below the threshold.
   */
  private queryDate: PartialDate | undefined;
  private sameLo = 0;
  private sameHi = 0;
  private yearBelow = 0;
  private yearAbove = 0;
  private readonly hopelessCase = new Uint8Array(DATE_CASES.length);
  private filterDates = false;
  /** Counters of the last `search`. */
  readonly lastStats: SearchStats = { touched: 0, survivors: 0, scored: 0 };
  /** Entries expected to carry the current query's name by chance (see `MatcherOptions.commonNameDoubt`). */
  private expectedNamesakes = 0;

  constructor(
    readonly core: PersonCoreData,
    private readonly opts: MatcherOptions = DEFAULT_MATCHER_OPTIONS,
  ) {
    this.tokens = core.tokens;
    this.tokFold1 = core.tokFold1;
    this.tokFold2 = core.tokFold2;
    this.tokFamily = core.tokFamily;
    this.simCache = new TokenSimCache(core.tokens.length);
    this.tokMeta = buildTokenMeta(core.tokens, core.tokFold1, core.tokFold2);
    this.tokLen = tokenLengths(core.tokens);
    // Filled in loops: `new Map(list.map((x, i) => [x, i]))` allocated a pair per token and key and took
    // twice as long (~70 ms of a 1M-entry snapshot load, half of it garbage collection).
    this.tokenMap = indexOf(core.tokens);
    this.keyMap = indexOf(core.keys);
    this.traits = core.traits;
    this.oneToken = u32((core.count + 31) >>> 5);
    this.oneTokenBlocks = u32((core.count + 16383) >>> 14);
    for (let id = 0; id < core.count; id++) {
      if (((core.traits[id]! >>> 18) & 3) !== 1) continue;
      this.oneToken[id >>> 5]! |= 1 << (id & 31);
      this.oneTokenBlocks[id >>> 14]! |= 1 << ((id >>> 9) & 31);
    }
    this.candidateBits = u32((core.count + 31) >>> 5);
    this.yearNat = core.yearNat;
    this.keyState = u32(4 * core.keys.length);
    this.frequent = Math.max(50, core.count / opts.frequentDivisor);
    this.commonCount = Math.max(3, core.count / opts.commonDivisor);
    this.unknownStart = core.yearStart[core.yearStart.length - 1] ?? core.count;
    [this.yearRow, this.yearOffsets, this.yearRowReady] = yearOffsetTable(core);
    [this.delBucket, this.delShift] = hashBuckets(core.delHash);
    this.jobs = new SpanJobs();
    this.unitBuckets = new UnitBuckets(core.sketches, keyTokenLists(core));
  }

  tokenIdOf(text: string): number | undefined {
    return this.tokenMap.get(text);
  }

  isCommon(token: number): boolean {
    return this.core.tokCount[token]! >= this.commonCount;
  }

  private df(key: number): number {
    return this.core.keySpan[2 * key + 1]! - this.core.keySpan[2 * key]!;
  }

  /** First position of hash `h` (or of the next larger hash) in the sorted `delHash`. */
  private firstDeletion(h: number): number {
    const { delHash } = this.core;
    const b = h >>> this.delShift;
    let i = this.delBucket[b]!;
    const end = this.delBucket[b + 1]!;
    while (i < end && delHash[i]! < h) i++;
    return i;
  }

  /**
   * Appends to `out` the key ids within one edit of a query key absent from the dictionary (symmetric-deletion
   * lookup), skipping those stamped `gen` (`KS_SEEN`, already in `out`) and stamping those it adds.
   */
  private expand(key: string, out: number[], gen: number): void {
    const { delHash, delKey, keys } = this.core;
    const ks = this.keyState;
    const c0 = key.charCodeAt(0);
    const c1 = key.charCodeAt(1);
    for (const v of deletionVariants(key)) {
      // A deletion of the query key may itself be a (short, unregistered) dictionary key: MT3 → MT. A
      // registered (neighbourable) one is in the deletion map under its own hash and found below, so the
      // dictionary is asked only for the short ones (a string hash and a cache miss per variant saved).
      const direct = v === key || neighbourable(v) ? undefined : this.keyMap.get(v);
      if (direct !== undefined && ks[4 * direct + KS_SEEN] !== gen) (ks[4 * direct + KS_SEEN] = gen), out.push(direct);
      const h = hashString(v);
      for (let i = this.firstDeletion(h); i < delHash.length && delHash[i] === h; i++) {
        const k = delKey[i]!;
        if (ks[4 * k + KS_SEEN] === gen) continue;
        const text = keys[k]!;
        // Same key type (`s:`, `r:`), then one edit apart after it.
        if (text.charCodeAt(0) !== c0 || text.charCodeAt(1) !== c1 || !withinOneEditFrom(text, key, 2)) continue;
        ks[4 * k + KS_SEEN] = gen;
        out.push(k);
      }
    }
  }

  private unitFor(item: QueryItem, bit: number): Unit {
    const exact: number[] = [];
    const neighbours: number[] = [];
    // `KS_SEEN` of key k is `gen`: k is in `neighbours` (a stamp instead of `includes`: common keys have
    // dozens of neighbours, and a short skeleton's deletions are shared by hundreds of keys in `expand`).
    this.unitGen = (this.unitGen + 1) >>> 0;
    // As for the query stamp: on wrap-around no old unit stamp may equal a new one. (Between searches: the
    // query stamps cleared with them are set anew when this search registers its keys.)
    if (this.unitGen === 0) this.keyState.fill(0), (this.unitGen = 1);
    const gen = this.unitGen;
    const ks = this.keyState;
    for (const k of item.keys) {
      const id = this.keyMap.get(k);
      if (id !== undefined) {
        if (!exact.includes(id)) exact.push(id);
        if (!neighbourable(k)) {
          // A two-letter skeleton in the dictionary has no build-time neighbours; expand it here so a typo
          // in a vowel-rich token (KOUAIN → KN for KOVAIN → KVN) stays retrievable. Only for tokens of five
          // letters or more: short names (ALI, OLGA) have two-letter skeletons by nature, and expanding
          // them would scan many postings for little recall.
          if (k.startsWith('s:') && k.length === 4 && item.raw.length >= 5) this.expand(k, neighbours, gen);
          continue;
        }
        const guard = this.df(id) > this.frequent;
        for (let n = this.core.nbStart[id]!; n < this.core.nbStart[id + 1]!; n++) {
          const nb = this.core.nbKeys[n]!;
          if (guard && this.df(nb) > this.frequent) continue;
          if (ks[4 * nb + KS_SEEN] !== gen) (ks[4 * nb + KS_SEEN] = gen), neighbours.push(nb);
        }
      } else if (neighbourable(k) || ((k.startsWith('s:') || k.startsWith('r:')) && k.length === 4)) {
        // Absent key: one-edit expansion through the deletion map; two-letter skeletons too (one letter lost
        // from a three-letter skeleton, e.g. SARIE for SARIEV), which only the query side can afford.
        this.expand(k, neighbours, gen);
      }
    }
    return { bit, mask: item.mask, exact, neighbours: neighbours.filter((n) => !exact.includes(n)), partKeys: [], count: 0, spans: [], prefix: item.prefix ? item : undefined, raw: item.raw, twins: 0, keySet: undefined };
  }

  /**
   * Turns a truncated component (`GALYMOVI` of GALYMOVICH) into index keys: the skeleton keys of every
   * token that starts with it (raw or first fold) join the unit's exact keys, and the unit stops being a
   * prefix unit. Its candidates then come from postings like any unit's, instead of every candidate's
   * names being walked and compared as strings (`verify`: three dependent cache misses per candidate, a
   * third of the time of the slowest queries at 1M). A token key's postings hold every person with a token
   * of that skeleton, so the candidates are a superset of the prefix test's; scoring is unchanged. (One
   * nuance: the added keys can overlap another unit's, and a candidate that matched both units with one
   * and the same token then meets the distinct-token check, as §4.7 asks of any two units.) Left as it is
   * when more than `PREFIX_TOKENS` tokens start with the prefix.
   */
  private prefixAsKeys(u: Unit): void {
    const { tokByRaw, tokByFold1, tokKeyStart, tokKeys, keys } = this.core;
    const p = u.prefix!;
    const found: number[] = [];
    for (const [order, texts, start] of [[tokByRaw, this.tokens, p.raw], [tokByFold1, this.tokFold1, p.fold1]] as const) {
      for (let i = lowerBoundText(order, texts, start); i < order.length && texts[order[i]!]!.startsWith(start); i++) {
        const t = order[i]!;
        if (found.includes(t)) continue;
        if (found.length === PREFIX_TOKENS) return;
        found.push(t);
      }
    }
    for (const t of found) {
      for (let k = tokKeyStart[t]!; k < tokKeyStart[t + 1]!; k++) {
        const key = tokKeys[k]!;
        // Skeleton keys only: `r:` keys add nothing a token's own skeleton lacks, `f:` (family) keys would
        // pull in the whole name family.
        if (keys[key]!.charCodeAt(0) !== 115 /* s */ || u.exact.includes(key)) continue;
        u.exact.push(key);
        const n = u.neighbours.indexOf(key);
        if (n >= 0) u.neighbours.splice(n, 1);
      }
    }
    u.prefix = undefined;
  }

  /** The query's year window as slots of `yearStart`: ids `[yearStart[from], yearStart[to])`. */
  private windowOf(q: PreparedQuery): [number, number] {
    const { yearStart, yearMin } = this.core;
    const last = yearStart.length - 1;
    if (q.date === undefined) return [0, last];
    const clamp = (y: number): number => Math.max(0, Math.min(last, y - yearMin));
    return [clamp(q.date.year - this.opts.yearWindow), clamp(q.date.year + this.opts.yearWindow + 1)];
  }

  /**
   * Appends to `u.spans` the posting spans of each of the unit's keys in the window of year slots
   * `[from, to)` plus the unknown-year range (the whole list when the window covers every year), and sets
   * `u.count` to the postings they hold.
   */
  private spansOf(u: Unit, from: number, to: number): void {
    const { keySpan, postings, yearStart } = this.core;
    const last = yearStart.length - 1;
    const lo = yearStart[from]!;
    const hi = yearStart[to]!;
    const whole = lo === 0 && hi === this.unknownStart;
    // Postings are ids shifted above the birth month and day (person-core.ts): search for id × 2^shift.
    const scale = 2 ** POSTING_ID_SHIFT;
    const spans = u.spans;
    spans.length = 0;
    let count = 0;
    for (let e = 0; e < 2; e++) {
      for (const key of e === 0 ? u.exact : u.neighbours) {
        const a = keySpan[2 * key]!;
        const b = keySpan[2 * key + 1]!;
        const row = this.yearRow[key]!;
        if (whole) spans.push(a, b, b, b);
        else if (row >= 0) {
          const at = row * yearStart.length;
          if (this.yearRowReady[row] === 0) fillYearRow(this.core, key, this.yearOffsets, at), (this.yearRowReady[row] = 1);
          spans.push(this.yearOffsets[at + from]!, this.yearOffsets[at + to]!, this.yearOffsets[at + last]!, b);
        } else {
          const w0 = lowerBound(postings, a, b, lo * scale);
          const w1 = lowerBound(postings, w0, b, hi * scale);
          spans.push(w0, w1, lowerBound(postings, w1, b, this.unknownStart * scale), b);
        }
        count += spans[spans.length - 3]! - spans[spans.length - 4]! + (b - spans[spans.length - 2]!);
      }
    }
    u.count = count;
  }

  /**
   * True when the person's list date alone keeps every score below the threshold: its `dateCase`, from the
   * birth month and day its posting carries (`md`: month in bits 0–3, day in 4–8) and the year its id
   * implies, is one `beginDates` marked hopeless. Decided before the person is added to `reached`, so a
   * ruled-out posting costs no work beyond its read.
   * The exact pruning after survival would drop such a person anyway; tested where a posting is read, the
   * namesakes of a common name with other birth dates never become candidates (at 1M entries they were most
   * of the 1,000–1,900 survivors of the slowest queries). An id outside the query's year is taken as one
   * year off, which with a window wider than ±1 year only makes the test more lenient.
   */
  private hopeless(md: number, id: number): boolean {
    if (id >= this.unknownStart) return false;
    const year = id < this.sameLo ? this.yearBelow : id < this.sameHi ? this.queryDate!.year : this.yearAbove;
    return this.hopelessCase[dateCase(this.queryDate, year, md & 0xf, (md >>> 4) & 0x1f)] === 1;
  }

  /**
   * Reads one posting per cache line of every span of `jobs`, before they are processed. Why: the spans of a
   * query are many and mostly short (a key's year window, its neighbours'), and at 1M entries their postings
   * are rarely still cached from the previous query; read in order, each span's first line is a cache miss
   * the processing loop waits for, one after the other. These reads depend on nothing, so the CPU overlaps
   * their misses, and the loop that follows finds the lines cached. `sink` keeps the reads from being
   * optimised away.
   */
  private touchSpans(jobs: SpanJobs): void {
    const { postings } = this.core;
    const { spans } = jobs;
    let x = 0;
    for (let r = 0; r < 4 * jobs.count; r += 2) for (let i = spans[r]!; i < spans[r + 1]!; i += 16) x ^= postings[i]!;
    this.sink ^= x;
  }

  /**
   * Reads the per-key words `spansOf` reads (each key's span and year row, then the row's offsets for the
   * window) for all the query's keys at once, one level of indirection per pass (see `touchSpans`).
   */
  private gatherKeys(units: readonly Unit[], from: number, to: number): void {
    const { keySpan, yearStart } = this.core;
    const { yearRow, yearRowReady, yearOffsets } = this;
    let x = 0;
    const years = yearStart.length;
    for (let pass = 0; pass < 2; pass++) {
      for (const u of units) {
        for (const list of [u.exact, u.neighbours]) {
          for (const k of list) {
            const row = yearRow[k]!;
            if (pass === 0) x ^= keySpan[2 * k]! ^ row;
            else if (row >= 0 && yearRowReady[row] === 1) x ^= yearOffsets[row * years + from]! ^ yearOffsets[row * years + to]! ^ yearOffsets[(row + 1) * years - 1]!;
          }
        }
      }
    }
    this.sink ^= x;
  }

  /** The survivors' scratch arrays (ids, and per survivor its unit bits and flags, then its date case), at least `n` long. */
  private scratch(n: number): { id: Uint32Array; m: Uint32Array } {
    if (this.survivorScratch.id.length < n) {
      const size = Math.max(n, 2 * this.survivorScratch.id.length);
      this.survivorScratch = { id: new Uint32Array(size), m: new Uint32Array(size) };
    }
    return this.survivorScratch;
  }

  /**
   * Reads the per-person words the pruning of survivors needs (`traits`, `yearNat`, and the name sketch
   * when `sketches` — the query has units that share keys) for all of them at once, before that pruning
   * reads them one survivor after the other. Why: like `touchSpans`; these are random reads at 1M entries,
   * and reads that depend on nothing overlap their cache misses.
   */
  private gatherSurvivors(ids: Uint32Array, n: number, sketches: boolean): void {
    const { traits, yearNat, unitBuckets } = this;
    let x = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      x ^= traits[id]! ^ yearNat[id]! ^ (sketches ? unitBuckets.sketchWord(id) : 0);
    }
    this.sink ^= x;
  }

  /**
   * Reads what the scorer reads of the persons about to be scored, one level of indirection per pass
   * (names, then their token lists, then their tokens, then each token's memo slot and letter signature):
   * the scorer's reads of a person depend on each other, but across persons they do not, and each pass
   * overlaps their cache misses (see `touchSpans`).
   */
  private gatherNames(ids: Uint32Array, n: number): void {
    const { nameStart, nameTokStart, occTok, occRole } = this.core;
    const { tokMeta, simCache } = this;
    let x = 0;
    for (let i = 0; i < n; i++) x ^= nameStart[ids[i]!]!;
    for (let i = 0; i < n; i++) x ^= nameTokStart[nameStart[ids[i]!]!]!;
    for (let i = 0; i < n; i++) {
      const o = nameTokStart[nameStart[ids[i]!]!]!;
      x ^= occTok[o]! ^ occRole[o]!;
    }
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      for (let o = nameTokStart[nameStart[id]!]!; o < nameTokStart[nameStart[id + 1]!]!; o++) {
        const t = occTok[o]!;
        x ^= tokMeta[2 * t]! ^ simCache.peek(t);
      }
    }
    this.sink ^= x;
  }

  /** Marks the persons of the key spans `spans[s..s+4)` (see `Unit.spans`) with `flags` (unit bits, `EXACT_HIT`). */
  private scan(spans: readonly number[], s: number, flags: number): void {
    const { postings } = this.core;
    const { reached } = this;
    const dated = this.filterDates;
    for (let r = s; r < s + 4; r += 2) {
      // The unknown-year range (the second span) has no list date to rule anyone out; `hopeless` also keeps
      // unknown-year ids of a first span that is the whole posting list.
      const filter = dated && r === s;
      for (let i = spans[r]!; i < spans[r + 1]!; i++) {
        const p = postings[i]!;
        const id = p >>> POSTING_ID_SHIFT;
        if (filter && this.hopeless(p, id)) continue;
        reached.add(id, flags | mdFlags(p));
      }
    }
  }

  /**
   * Makes candidates of the persons born in the document's year whose full list date confirms the
   * document's (`dateConfirms`) and who hold an exact key of skipped unit `u`. Such a person survives on
   * that one exact key (the rule for an other token with an error no key bridges, EIENA for ELENA), but a
   * skipped unit only marks candidates that scanned units produced: at 1M entries a listed `AZAMAT UULU
   * BAKAIBEK` was missed for `AZAMAT UULU BAIAIBEK` (AZAMAT is skipped as very common, and BAIAIBEK reaches
   * nothing). The date is in each posting, so only the confirmed persons cost a random read: about one in
   * 365 of the year's postings for a full document date, one in 12 for a year and month.
   */
  private scanConfirmed(u: Unit, date: PartialDate): void {
    const { postings } = this.core;
    const { spans } = u;
    const scale = 2 ** POSTING_ID_SHIFT;
    const flags = u.bit | MERGED_EXACT;
    for (let s = 0; s < 4 * u.exact.length; s += 4) {
      // The window span holds ids in [lo, hi): the document's year is the part [sameLo, sameHi).
      const a = lowerBound(postings, spans[s]!, spans[s + 1]!, this.sameLo * scale);
      const b = lowerBound(postings, a, spans[s + 1]!, this.sameHi * scale);
      for (let i = a; i < b; i++) {
        const p = postings[i]!;
        if (!dateConfirms(date, p & 0x1ff)) continue;
        this.reached.add(p >>> POSTING_ID_SHIFT, flags | mdFlags(p));
      }
    }
  }

  /**
   * Marks the reached persons that appear in the postings of the skipped (very common) units' keys
   * inside the window: their unit bits join their flags, with `MERGED_EXACT` for an exact key. Each
   * posting is tested against the candidate bitmap, so the postings are read sequentially and the only
   * random writes are the hits. (Before: each key's postings merged with the sorted candidates by
   * galloping. A skipped unit has 40–60 keys — its neighbours — so that was 40–60 merges per query, a
   * fifth of the time of the slowest queries at 1M entries.) The candidates stay in scan order: sorting them
   * so that the loop read their per-person words in ascending order cost more than it saved (measured, A/B,
   * when those words were a per-person array).
   */
  private markSkipped(skipped: readonly Unit[]): void {
    const { reached, candidateBits: bits } = this;
    const { postings } = this.core;
    const n = reached.count;
    for (let i = 0; i < n; i++) {
      const id = reached.id(reached.order[i]!);
      bits[id >>> 5]! |= 1 << (id & 31);
    }
    const jobs = this.jobs;
    jobs.reset();
    for (const u of skipped) for (let s = 0; s < u.spans.length; s += 4) jobs.add(u.spans, s, u.bit | (s < 4 * u.exact.length ? MERGED_EXACT : 0));
    this.touchSpans(jobs);
    const { spans } = jobs;
    for (let j = 0; j < jobs.count; j++) {
      const flag = jobs.flags[j]!;
      for (let r = 4 * j; r < 4 * j + 4; r += 2) {
        for (let i = spans[r]!; i < spans[r + 1]!; i++) {
          const id = postings[i]! >>> POSTING_ID_SHIFT;
          if ((bits[id >>> 5]! & (1 << (id & 31))) !== 0) reached.flags[reached.slotOf(id)]! |= flag;
        }
      }
    }
    for (let i = 0; i < n; i++) bits[reached.id(reached.order[i]!) >>> 5] = 0;
  }

  /**
   * The most units of `bits` that different tokens of one of the person's names match through their keys
   * (a maximum bipartite matching between the name's tokens and the units; both sides are tiny).
   */
  private distinctUnits(id: number, bits: number, prefixUnits: readonly Unit[]): number {
    const { nameStart, nameTokStart, occTok, tokKeyStart, tokKeys } = this.core;
    let best = 0;
    for (let n = nameStart[id]!; n < nameStart[id + 1]!; n++) {
      const from = nameTokStart[n]!;
      const count = Math.min(nameTokStart[n + 1]! - from, MAX_NAME_TOKENS);
      for (let i = 0; i < count; i++) {
        const t = occTok[from + i]!;
        let u = 0;
        for (let k = tokKeyStart[t]!; k < tokKeyStart[t + 1]!; k++) {
          const key = tokKeys[k]!;
          if (this.keyState[4 * key] === this.stamp) u |= this.keyState[4 * key + KS_UNITS]!;
        }
        for (const p of prefixUnits) {
          if ((u & p.bit) === 0 && (this.tokFold1[t]!.startsWith(p.prefix!.fold1) || this.tokens[t]!.startsWith(p.prefix!.raw))) u |= p.bit;
        }
        tokenUnits[i] = u & bits;
      }
      const size = maxTokenUnitMatching(tokenUnits, count);
      if (size > best) best = size;
      if (best >= 2) break;
    }
    return best;
  }

  /** Tests skipped and prefix units against one person's own tokens (§4.7); `slot` is its slot in `reached`. */
  private verify(id: number, slot: number, units: readonly Unit[]): number {
    const { nameStart, nameTokStart, occTok, tokKeyStart, tokKeys } = this.core;
    const flags = this.reached.flags;
    let m = flags[slot]! & 0xffff;
    for (let o = nameTokStart[nameStart[id]!]!; o < nameTokStart[nameStart[id + 1]!]!; o++) {
      const t = occTok[o]!;
      for (let k = tokKeyStart[t]!; k < tokKeyStart[t + 1]!; k++) {
        const key = tokKeys[k]!;
        if (this.keyState[4 * key] !== this.stamp) continue;
        const skipped = this.keyState[4 * key + KS_SKIPPED]!;
        m |= skipped & 0xffff;
        // An exact key of a skipped (very common) unit is as good as a scanned exact key.
        if ((skipped & KS_EXACT) !== 0) flags[slot]! |= EXACT_HIT;
      }
      for (const u of units) {
        if (u.prefix === undefined || (m & u.bit) !== 0) continue;
        if (this.tokFold1[t]!.startsWith(u.prefix.fold1) || this.tokens[t]!.startsWith(u.prefix.raw)) {
          m |= u.bit;
          // A prefix of two letters or more is evidence of its own (the only one a truncated field leaves).
          if (u.prefix.raw.length >= 2) flags[slot]! |= EXACT_HIT;
        }
      }
    }
    return m;
  }

  /**
   * Adds the twin bits of each repeated query token that one of the person's names holds twice or more.
   * The name sketch first: a unit that fewer than two of the person's sketched tokens can carry (see
   * name-sketch.ts) has no twin in any one name, and the names need not be read. (At 1M entries the
   * query `ERLAN UULV / ERLAN` walked the names of 2,600 ERLANs: 2 ms, the slowest query of the benchmark.)
   */
  private twinsOf(id: number, m: number, units: readonly Unit[]): number {
    const { nameStart, nameTokStart, occTok, tokKeyStart, tokKeys } = this.core;
    for (const u of units) {
      if (u.keySet === undefined || (m & u.bit) === 0) continue;
      const holders = this.unitBuckets.holders(id, u.bit);
      if (holders >= 0 && holders < 2) continue;
      for (let n = nameStart[id]!; n < nameStart[id + 1]! && (m & u.twins) === 0; n++) {
        let seen = 0;
        for (let o = nameTokStart[n]!; o < nameTokStart[n + 1]!; o++) {
          const t = occTok[o]!;
          for (let k = tokKeyStart[t]!; k < tokKeyStart[t + 1]!; k++) {
            if (!u.keySet.has(tokKeys[k]!)) continue;
            seen++;
            break;
          }
        }
        if (seen >= 2) m |= u.twins;
      }
    }
    return m;
  }

  /**
   * Persons whose score reaches `threshold`, best first, at most `limit`. `tombstones[record] === 1` masks a
   * removed base entry; `undefined` when none is removed, so that the common case reads no record number per
   * candidate (a random read at 1M entries).
   */
  search(q: PreparedQuery, threshold: number, limit: number, tombstones: Uint8Array | undefined): PersonMatch[] {
    if (q.tokenCount === 0 || this.core.count === 0) return [];
    const [fromYear, toYear] = this.windowOf(q);
    this.begin(q);
    // A repeated query token (`KASYMKADYROVA / AIGERIM AIGERIM`, `NURLAN UULU NURLAN`) is one unit, not two:
    // as two units every entry with one AIGERIM matched "two units" and survived, which multiplied the
    // survivors (and the scoring time) by thousands at 1M entries. §4.7: a repeated token must match two
    // different tokens of the entry; `twinsOf` checks that for the entries that need it.
    const units: Unit[] = [];
    let twinHosts = 0;
    for (let i = 0; i < Math.min(q.items.length, MAX_UNITS); i++) {
      const it = q.items[i]!;
      const host = units.find((u) => u.raw === it.raw && (u.prefix !== undefined) === it.prefix);
      if (host !== undefined) {
        host.twins |= 1 << i;
        twinHosts |= host.bit;
        continue;
      }
      units.push(this.unitFor(it, 1 << i));
    }
    for (const u of units) if (u.prefix !== undefined && u.prefix.raw.length >= PREFIX_KEY_MIN) this.prefixAsKeys(u);
    for (const u of units) if (u.twins !== 0) u.keySet = new Set([...u.exact, ...u.neighbours]);
    dropPartKeys(units);
    // Units that do not count towards survival: initials, and concatenations with an initial (`AISULUU A` →
    // AISULUUA has the skeleton of AISULUU, so it re-matches the same entry token). See `matched` below.
    let initialTokens = 0;
    for (let i = 0; i < q.tokenCount; i++) if (q.items[i]!.raw.length === 1) initialTokens |= q.items[i]!.mask;
    let initialBits = 0;
    for (let i = 0; i < Math.min(q.items.length, MAX_UNITS); i++) if ((q.items[i]!.mask & initialTokens) !== 0) initialBits |= 1 << i;
    // With a single real token (`IVANOB / A`) the initial stays the only second piece of evidence for a
    // surname reached through a neighbour; the survivors are bounded by that one token's postings.
    const countedBits = q.strongTokenCount >= 2 ? ~initialBits : ~0;
    this.gatherKeys(units, fromYear, toYear);
    for (const u of units) this.spansOf(u, fromYear, toYear);
    units.sort((a, b) => a.count - b.count);
    this.stamp = (this.stamp + 1) >>> 0;
    // After 2^32 searches a key untouched since could carry the new stamp: start the stamps afresh.
    if (this.stamp === 0) this.keyState.fill(0), (this.stamp = 1);
    // Units that share a key (`AZAMAT` and `AZAMATOV`: AZAMAT is a one-edit neighbour of AZAMATOV) can both
    // be matched by one and the same entry token, so every entry with the given name AZAMAT counted as two
    // matched units and was scored (about 2,000 per query at 1M entries, the tail of the latency). For the
    // candidates that rely on such units, `distinctUnits` counts the units matched by different tokens.
    let overlapBits = 0;
    // A prefix unit (the last token of a truncated name) can also be satisfied by the token that matched
    // another unit (`AZAMAT K` → K… is the start of the surname KARIMOV as well as of nothing else).
    const prefixUnits = units.filter((u) => u.prefix !== undefined && u.prefix.raw.length >= 2);
    let prefixBits = 0;
    for (const u of prefixUnits) prefixBits |= u.bit;
    const registered: number[] = [];
    const ks = this.keyState;
    for (const u of units) {
      for (let e = 0; e < 3; e++) {
        for (const k of e === 0 ? u.exact : e === 1 ? u.neighbours : u.partKeys) {
          const at = 4 * k;
          if (ks[at] !== this.stamp) (ks[at] = this.stamp), (ks[at + KS_UNITS] = 0), (ks[at + KS_SKIPPED] = 0), registered.push(k);
          else if ((ks[at + KS_UNITS]! & ~u.bit) !== 0) overlapBits |= ks[at + KS_UNITS]! | u.bit;
          ks[at + KS_UNITS]! |= u.bit;
        }
      }
    }
    this.beginDates(q, threshold);
    const { reached } = this;
    reached.clear();
    let verifyNeeded = false;
    let hasPrefix = false;
    const skipped: Unit[] = [];
    const jobs = this.jobs;
    jobs.reset();
    // Skipped units only add their bits to candidates that scanned units produced, so a person reachable
    // only through skipped units is never scored. The rarest unit is always scanned, and so is the rarest
    // counted single-token unit that has postings in the window: an initial (`TEMIRBI B`), a concatenation
    // (`SERGEIALEKSANDR`, which few entries hold), a truncated prefix or a token nobody on the list has (a
    // typo) is no stand-in for a name. With only such a unit scanned, at 1M entries every common name in the
    // query was skipped and its true matches were never candidates (IVANOV / SERGEI ALEKSANDR without a
    // date: 18 of the linear scan's 23 hits missed).
    let nameScanned = false;
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!;
      const name = (u.bit & countedBits) !== 0 && (u.mask & (u.mask - 1)) === 0 && u.prefix === undefined;
      // An initial's prefix test can change nothing when two real tokens are present: its bit is not counted
      // (`countedBits`) and a one-letter prefix is no exact evidence. Skipping it spares walking the tokens of
      // every candidate (`verify`), which made every `ANATOLII A` query one of the slowest.
      if (u.prefix !== undefined && ((u.bit & countedBits) !== 0 || u.prefix.raw.length >= 2)) (verifyNeeded = true), (hasPrefix = true);
      if (i > 0 && u.count > this.opts.largeUnit && (nameScanned || !name)) {
        verifyNeeded = true;
        skipped.push(u);
        // Every unit's keys were stamped just above (with `KS_SKIPPED` cleared), these included.
        for (const k of u.neighbours) ks[4 * k + KS_SKIPPED]! |= u.bit;
        for (const k of u.exact) ks[4 * k + KS_SKIPPED]! |= u.bit | KS_EXACT;
        continue;
      }
      for (let s = 0; s < u.spans.length; s += 4) jobs.add(u.spans, s, u.bit | (s < 4 * u.exact.length ? EXACT_HIT : 0));
      if (name && u.count > 0) nameScanned = true;
    }
    this.touchSpans(jobs);
    for (let j = 0; j < jobs.count; j++) this.scan(jobs.spans, 4 * j, jobs.flags[j]!);
    if (q.date !== undefined && q.date.month !== 0) for (const u of skipped) this.scanConfirmed(u, q.date);
    // Units rare enough that an exact key match alone justifies scoring the entry (bounded extra work).
    let rareExact = 0;
    for (const u of units) if (u.count <= RARE_UNIT && u.exact.length > 0 && u.prefix === undefined) rareExact |= u.bit;
    // A birth date that matches the document's (same year, and day and month equal or swapped) confirms a
    // candidate matched by one unit through an exact key: the other token may carry an error that no key
    // bridges (EIENA for ELENA, a split or typed surname). Checked from the person's flags alone (entries are
    // ordered by birth year, so the year is an id range); bounded, since one day in ~1,000 of the window.
    const { sameLo, sameHi } = this;
    const scored: Scored[] = [];
    const stats = this.lastStats;
    stats.touched = reached.count;
    // Without prefix units, the skipped units' bits come from one pass over their postings against the
    // candidate bitmap (sequential reads, `markSkipped`) instead of `verify` walking each candidate's names, tokens and keys
    // (several dependent random reads per candidate: the largest cost of the slowest queries at 1M entries).
    const merged = !hasPrefix && skipped.length > 0;
    if (merged) this.markSkipped(skipped);
    // The skipped units' bits in the flags (set by the merge) are used only when the scanned units fall
    // short of `needed`, as `verify` would be.
    let skippedBits = 0;
    for (const u of skipped) skippedBits |= u.bit;
    const scannedBits = 0xffff & ~skippedBits;
    let bucketsFilled = false;
    const strong = Math.min(2, q.strongTokenCount);
    const { flags, order } = reached;
    const { oneToken, oneTokenBlocks } = this;
    // Three passes, each of whose memory reads depend only on the pass before (see `gather`): survival from
    // the flags alone; the pruning of survivors by date, sketch and distinct tokens; scoring.
    const sv = this.scratch(reached.count);
    let nSurvivors = 0;
    for (let i = 0, n = reached.count; i < n; i++) {
      const slot = order[i]!;
      const id = reached.id(slot);
      const w = flags[slot]!;
      let m = w & scannedBits;
      const viaMerge = (w & skippedBits) | ((w & MERGED_EXACT) !== 0 ? EXACT_HIT : 0);
      // Two matched units, or one when the query or the person's shortest name has only one token.
      const needed = strong === 2 && (oneTokenBlocks[id >>> 14]! & (1 << ((id >>> 9) & 31))) !== 0 && (oneToken[id >>> 5]! & (1 << (id & 31))) !== 0 ? 1 : strong;
      if (verifyNeeded && popcount16(m & countedBits) < needed) {
        if (merged) {
          m |= viaMerge & 0xffff;
          flags[slot]! |= viaMerge & EXACT_HIT;
        } else m = this.verify(id, slot, units);
      }
      if ((m & twinHosts) !== 0 && popcount16(m & countedBits) < 2) {
        if (!bucketsFilled) (this.unitBuckets.fill(registered, (k) => ks[4 * k + KS_UNITS]!), (bucketsFilled = true));
        m = this.twinsOf(id, m, units);
      }
      // §4.7 asks for one unit through an exact key; two units that both matched (through neighbours or
      // exact keys) are as strong and rare, and keep a typo or suffix change in every token retrievable
      // (BAKYT RUSGLAN → BAKYTOV RUSLAN).
      // An initial (or a concatenation with one) does not count as a matched unit: it is usually satisfied by
      // the very token that matched the given-name unit (`AISULUU A` against AISULUU), so every namesake of a
      // common given name survived and was scored (hundreds per query at 100k). Initials
      // still count in the scorer, and `needed` already leaves them out (`strongTokenCount`).
      const matched = popcount16(m & countedBits);
      // A rare token matched exactly (a rare surname) is enough to score the entry: the other token may carry
      // a typo whose skeleton is two edits away (VENIAIN/VENIAMIN, run collapse), and the scorer decides.
      const exactHit = (flags[slot]! & EXACT_HIT) !== 0;
      const survives =
        (matched >= needed && (exactHit || matched >= 2)) ||
        ((m & rareExact) !== 0 && exactHit) ||
        (exactHit && id >= sameLo && id < sameHi && dateConfirms(q.date!, flags[slot]! >>> MD_SHIFT));
      if (!survives) continue;
      sv.id[nSurvivors] = id;
      sv.m[nSurvivors] = m | (needed << 16) | (exactHit ? 1 << 18 : 0);
      nSurvivors++;
    }
    stats.survivors = nSurvivors;
    // All counted units, not only those in `m`: a skipped unit (SERGEI) may be matched by another token.
    const bits = countedBits & 0xffff;
    const sketched = prefixUnits.length === 0;
    this.gatherSurvivors(sv.id, nSurvivors, sketched && overlapBits !== 0);
    let nScored = 0;
    for (let i = 0; i < nSurvivors; i++) {
      const id = sv.id[i]!;
      const m = sv.m[i]! & 0xffff;
      const needed = (sv.m[i]! >>> 16) & 3;
      const exactHit = (sv.m[i]! & (1 << 18)) !== 0;
      const matched = popcount16(m & countedBits);
      // The distinct-token check applies to candidates that rely on units sharing keys (see `overlapBits`).
      // Its cheap half, the name-sketch bound (one word), runs before the date pruning below, which reads
      // two more words of the person (`yearNat`, `record`): at 1M entries the slowest queries have hundreds
      // of such survivors (every SERGEI for SERGEEV SERGEI), and the sketch drops most of them.
      const distinct = matched >= 2 && (m & (overlapBits | prefixBits)) !== 0 && (m & twinHosts) === 0;
      if (distinct && sketched) {
        // The bound from the person's name sketch (name-sketch.ts) does not know prefix units.
        if (!bucketsFilled) (this.unitBuckets.fill(registered, (k) => ks[4 * k + KS_UNITS]!), (bucketsFilled = true));
        const most = this.unitBuckets.bound(id, bits);
        if (most >= 0 && !((most >= needed && (exactHit || most >= 2)) || ((m & rareExact) !== 0 && exactHit))) continue;
      }
      // Exact pruning before the name is scored: the name score is at most 1, so date, nationality and sex
      // alone bound the final score. A full birth date on both sides that differs (same year, other day: −0.2;
      // ±1 year: −0.3) keeps every such candidate below the default threshold, and most survivors of a common
      // name are of that kind: at 1M entries this skips most of the name scoring in the slowest queries.
      const dc = this.dateCaseOf(id, q);
      if (1 + this.evidenceAdjust(id, q, dc) < threshold || (tombstones !== undefined && tombstones[this.core.record[id]!] === 1)) continue;
      if (distinct) {
        const d = this.distinctUnits(id, bits, prefixUnits);
        if (!((d >= needed && (exactHit || d >= 2)) || ((m & rareExact) !== 0 && exactHit))) continue;
      }
      // Kept in the survivors' arrays (at or before position i): scored in the same order below.
      sv.id[nScored] = id;
      sv.m[nScored] = dc;
      nScored++;
    }
    stats.scored = nScored;
    this.gatherNames(sv.id, nScored);
    for (let i = 0; i < nScored; i++) {
      const s = this.score(sv.id[i]!, q, sv.m[i]!);
      if (s.score >= threshold) scored.push(s);
    }
    return this.explainTop(scored, q, limit);
  }

  /** Sorts by score and builds reasons only for the hits returned (reasons allocate; scores do not). */
  private explainTop(scored: Scored[], q: PreparedQuery, limit: number): PersonMatch[] {
    // Equal scores in list order, whatever order the candidates were visited in.
    const { record } = this.core;
    scored.sort((a, b) => b.score - a.score || record[a.id]! - record[b.id]!);
    const n = Math.min(limit, scored.length);
    const out: PersonMatch[] = new Array<PersonMatch>(n);
    for (let i = 0; i < n; i++) out[i] = this.explain(scored[i]!, q);
    return out;
  }

  /**
   * Scores every person with the same scorer, without candidate generation: the brute-force reference for
   * benchmarks and tests (the recall ceiling of the index). Milliseconds per query at 10k, seconds at 1M.
   */
  scanAll(q: PreparedQuery, threshold: number, limit: number, tombstones: Uint8Array | undefined): PersonMatch[] {
    if (q.tokenCount === 0) return [];
    this.begin(q);
    const scored: Scored[] = [];
    for (let id = 0; id < this.core.count; id++) {
      if (tombstones !== undefined && tombstones[this.core.record[id]!] === 1) continue;
      const s = this.score(id, q, this.dateCaseOf(id, q));
      if (s.score >= threshold) scored.push(s);
    }
    return this.explainTop(scored, q, limit);
  }

  /** Per-query preparation shared by `search` and `scanAll`: common-token flags, similarity memo, name frequency. */
  private begin(q: PreparedQuery): void {
    const n = Math.max(1, this.core.count);
    let expected = n;
    for (let i = 0; i < q.items.length; i++) {
      const it = q.items[i]!;
      const t = this.tokenMap.get(it.raw);
      it.common = t !== undefined && this.isCommon(t);
      if (i < q.tokenCount && it.raw.length >= 2 && (it.role & TOKEN_PATRONYMIC) === 0) expected *= t === undefined ? 0 : this.core.tokCount[t]! / n;
    }
    this.expectedNamesakes = expected;
    this.simCache.begin(q.items.length);
  }

  /** Sets the date pre-filter of `hopeless` and the id range of the query's birth year. */
  private beginDates(q: PreparedQuery, threshold: number): void {
    const date = q.date;
    this.queryDate = date;
    this.sameLo = 0;
    this.sameHi = 0;
    this.filterDates = false;
    if (date === undefined) return;
    const { yearStart, yearMin } = this.core;
    const y = date.year - yearMin;
    if (y >= 0 && y + 1 < yearStart.length) (this.sameLo = yearStart[y]!), (this.sameHi = Math.min(yearStart[y + 1]!, this.unknownStart));
    this.yearBelow = date.year - 1;
    this.yearAbove = date.year + 1;
    // The bound of the exact pruning: a name scores at most 1, the other evidence adds at most this.
    const best = 1 + Math.max(0, this.opts.nationalityDiffers) + Math.max(0, this.opts.sexDiffers);
    for (let c = 0; c < DATE_CASES.length; c++) {
      const out = best + DATE_CASES[c]!.adjust < threshold;
      this.hopelessCase[c] = out ? 1 : 0;
      if (out) this.filterDates = true;
    }
  }

  private dateCaseOf(id: number, q: PreparedQuery): number {
    const w = this.traits[id]!;
    return dateCase(q.date, this.yearNat[id]! & 0xffff, (w >>> 22) & 0xf, (w >>> 26) & 0x1f);
  }

  private natDiffers(id: number, q: PreparedQuery): boolean {
    const c = this.core;
    const nat = this.yearNat[id]! >>> 16;
    return q.nationality !== '' && nat !== 0 && c.nationalities[nat] !== q.nationality;
  }

  private sexDiffers(id: number, q: PreparedQuery): boolean {
    const sex = (this.traits[id]! >>> 20) & 3;
    return q.sex !== 0 && sex !== 0 && q.sex !== sex;
  }

  /** The date adjustment plus the nationality and sex penalties: everything added to the name score but the name doubt. */
  private evidenceAdjust(id: number, q: PreparedQuery, dc: number): number {
    return DATE_CASES[dc]!.adjust + (this.natDiffers(id, q) ? this.opts.nationalityDiffers : 0) + (this.sexDiffers(id, q) ? this.opts.sexDiffers : 0);
  }

  private score(id: number, q: PreparedQuery, dc: number): Scored {
    const { nameStart, nameTokStart, occTok, occRole } = this.core;
    let best = -1;
    let bestName = 0;
    for (let n = nameStart[id]!; n < nameStart[id + 1]!; n++) {
      const s = scoreName(this, q, occTok, occRole, nameTokStart[n]!, nameTokStart[n + 1]!);
      if (s > best) (best = s), (bestName = n);
    }
    const date = DATE_CASES[dc]!;
    let score = best + date.adjust - date.nameDoubt * (1 - best);
    const natDiffers = this.natDiffers(id, q);
    const sexDiffers = this.sexDiffers(id, q);
    if (natDiffers) score += this.opts.nationalityDiffers;
    if (sexDiffers) score += this.opts.sexDiffers;
    const commonName = this.expectedNamesakes >= this.opts.commonNameExpected && (date.code === 'dob-year-off-by-one' || date.code === 'dob-missing');
    if (commonName) score -= this.opts.commonNameDoubt;
    return { id, score: Math.max(0, Math.min(1, score)), bestName, natDiffers, sexDiffers, commonName };
  }

  private explain(s: Scored, q: PreparedQuery): PersonMatch {
    const c = this.core;
    const { nameTokStart, occTok, occRole } = c;
    const detail: NameDetail = { pairs: [], missingPatronymic: [], contradicted: undefined, swapped: false };
    scoreName(this, q, occTok, occRole, nameTokStart[s.bestName]!, nameTokStart[s.bestName + 1]!, detail);
    const reasons = nameReasons(detail);
    if (c.nameAlias[s.bestName]! > 0) reasons.push({ code: 'name-alias', text: `matched alias ${c.nameAlias[s.bestName]}` });
    const year = c.yearNat[s.id]! & 0xffff;
    const w = c.traits[s.id]!;
    const entryDate = year === 0 ? undefined : { year, month: (w >>> 22) & 0xf, day: (w >>> 26) & 0x1f };
    const date = compareBirthDates(q.date, entryDate);
    reasons.push({ code: date.code, text: date.text });
    if (s.natDiffers) reasons.push({ code: 'nationality-differs', text: `nationality ${q.nationality} vs ${c.nationalities[c.yearNat[s.id]! >>> 16]} on the list` });
    if (s.sexDiffers) reasons.push({ code: 'sex-differs', text: 'sex differs' });
    if (s.commonName) reasons.push({ code: 'name-common', text: `common name on the list (about ${Math.round(this.expectedNamesakes)} entries expected to share it), date does not confirm` });
    return { record: c.record[s.id]!, score: s.score, reasons: reasons.map((r) => r.text), codes: reasons.map((r) => r.code) };
  }
}

/**
 * True when the list's birth month and day `md` (month in bits 0–3, day in 4–8, as postings carry them,
 * bits 22–30 of `traits` and the reached-person flags from `MD_SHIFT` hold them) of an entry born in the document's birth year confirm the
 * document's date: same day and month (or the same month of a year-month date), or day and month swapped.
 * A year-only date does not (nor the `01-01` placeholder, §3.8): it is shared by a third of the window.
 */
function dateConfirms(q: PartialDate, md: number): boolean {
  const em = md & 0xf;
  const ed = (md >>> 4) & 0x1f;
  const yearOnly = em === 0 || (em === 1 && ed === 1 && !(q.month === 1 && q.day === 1));
  if (yearOnly || q.month === 0) return false;
  if (em === q.month && (ed === 0 || q.day === 0 || ed === q.day)) return true;
  return (q.day !== 0 && ed !== 0 && q.month === ed && q.day === em) || (ed === 0 && q.day === em);
}

const MAX_NAME_TOKENS = 16;
/** Scratch for `distinctUnits`: unit bits per token of the name being checked. */
const tokenUnits = new Uint16Array(MAX_NAME_TOKENS);

function popcount16(x: number): number {
  let c = 0;
  while (x !== 0) (x &= x - 1), c++;
  return c;
}

/**
 * Takes from each concatenation unit (`GULNURAITAI` for GULNUR AITAI) the keys that find one of its parts
 * rather than the concatenation: a key that is an exact key of a part's unit, and a neighbour key that is
 * also a part's neighbour. (AITAI has the one-consonant skeleton T, so the concatenation's skeleton 4LNRT is
 * one edit from GULNUR's 4LNR.) A person reached through such a key already gets the part's bit, and the
 * exact flag when it is the part's exact key; the concatenation's bit on top counted as a second matched
 * unit for every namesake of the part: at 1M entries 700–900 survivors per query, each then dropped by
 * the distinct-token check, and the most expensive queries. The scorer never pairs a concatenation with a
 * token of another length either (`scoreName`). A concatenation's own exact key stays even where it is a
 * part's neighbour (CHASOVNIKOV for CHA SOVNIKOV): it is the exact evidence of a merged spelling. The keys
 * taken stay registered for the distinct-token check (`partKeys`), which judges the other candidates as before.
 */
function dropPartKeys(units: Unit[]): void {
  for (const c of units) {
    if ((c.mask & (c.mask - 1)) === 0) continue;
    const parts = units.filter((u) => u !== c && (u.mask & ~c.mask) === 0);
    if (parts.length === 0) continue;
    for (const list of [c.exact, c.neighbours]) {
      for (let i = list.length - 1; i >= 0; i--) {
        const k = list[i]!;
        if (!parts.some((u) => u.exact.includes(k) || (list === c.neighbours && u.neighbours.includes(k)))) continue;
        c.partKeys.push(list[i]!);
        list.splice(i, 1);
      }
    }
  }
}

/** Bucket starts over a sorted hash array by the hashes' top bits (see `PersonMatcher.delBucket`): about two entries per bucket. */
function hashBuckets(sorted: Uint32Array): [Uint32Array, number] {
  let bits = 1;
  while (bits < 20 && 1 << bits < sorted.length / 2) bits++;
  const shift = 32 - bits;
  const start = new Uint32Array((1 << bits) + 1);
  let i = 0;
  for (let b = 0; b <= 1 << bits; b++) {
    // Bucket b begins at the first hash whose top bits reach b.
    while (i < sorted.length && sorted[i]! >>> shift < b) i++;
    start[b] = i;
  }
  return [start, shift];
}

/** Text → position in `list`. */
function indexOf(list: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < list.length; i++) m.set(list[i]!, i);
  return m;
}

/**
 * The rows of per-year posting offsets for the keys with `YEAR_TABLE_MIN` postings or more (see
 * `PersonMatcher.yearOffsets`): row numbers per key (−1 = none), the space for the rows, filled on first
 * use by `fillYearRow`, and a flag per row that it is filled.
 */
function yearOffsetTable(core: PersonCoreData): [Int32Array, Uint32Array, Uint8Array] {
  const { keySpan, yearStart } = core;
  const keyCount = keySpan.length / 2;
  const row = new Int32Array(keyCount).fill(-1);
  // Keys that share a posting list (person-core.ts, `shareEqualLists`) share its row.
  const rowOfList = new Map<number, number>();
  for (let k = 0; k < keyCount; k++) {
    if (keySpan[2 * k + 1]! - keySpan[2 * k]! < YEAR_TABLE_MIN) continue;
    let r = rowOfList.get(keySpan[2 * k]!);
    if (r === undefined) rowOfList.set(keySpan[2 * k]!, (r = rowOfList.size));
    row[k] = r;
  }
  return [row, u32(rowOfList.size * yearStart.length), u8(rowOfList.size)];
}

/** Fills key `k`'s row of year offsets at `offsets[at..]`: one pass over its postings. */
function fillYearRow(core: PersonCoreData, k: number, offsets: Uint32Array, at: number): void {
  const { keySpan, postings, yearStart } = core;
  const years = yearStart.length;
  const b = keySpan[2 * k + 1]!;
  let y = 0;
  // Postings ascend: slot y's offset is the first posting whose id reaches yearStart[y].
  for (let i = keySpan[2 * k]!; i < b && y < years; i++) {
    const id = postings[i]! >>> POSTING_ID_SHIFT;
    while (y < years && yearStart[y]! <= id) offsets[at + y++] = i;
  }
  while (y < years) offsets[at + y++] = b;
}

/** First position in `order` whose text (`texts[order[i]]`) is not below `key`. */
function lowerBoundText(order: Uint32Array, texts: readonly string[], key: string): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (texts[order[mid]!]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
