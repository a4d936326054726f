/**
 * Candidate generation and scoring over one `PersonCoreData` (watchlist-matching.md §4.5–4.8). Scratch
 * buffers are allocated once per matcher and reused, so a query allocates only for its few hits.
 */
import type { PersonCoreData } from './person-core.js';
import { lowerBoundHash } from './person-core.js';
import type { PreparedQuery, QueryItem } from './person-query.js';
import { deletionVariants, neighbourable } from './token-keys.js';
import { withinOneEdit } from './fold-name.js';
import { hashString, lowerBound } from './typed-buffers.js';
import { scoreName, nameReasons, type NameDetail, type TokenSource } from './name-scorer.js';
import { compareBirthDates, type DateEvidence } from './birth-date-evidence.js';
import { TokenSimCache } from './token-sim-cache.js';

/** Tuning of candidate generation and evidence weights. Defaults in `DEFAULT_MATCHER_OPTIONS`. */
export interface MatcherOptions {
  /** Birth-year window half-width in years (entries with unknown year are always searched). */
  yearWindow: number;
  /** A unit with more postings than this in the window is verified per candidate instead of scanned, unless it is the rarest. */
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
}

export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = { yearWindow: 1, largeUnit: 2000, frequentDivisor: 100, commonDivisor: 2000, nationalityDiffers: -0.03, sexDiffers: -0.05 };

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
  date: DateEvidence;
  natDiffers: boolean;
  sexDiffers: boolean;
}

interface Unit {
  bit: number;
  exact: number[];
  neighbours: number[];
  count: number;
  prefix: QueryItem | undefined;
  raw: string;
  /** Bits of later query items that repeat this one (`AIGERIM AIGERIM`); they are not scanned on their own. */
  twins: number;
  /** Exact and neighbour key ids, for counting an entry's occurrences of a repeated token (only when `twins`). */
  keySet: Set<number> | undefined;
}

const MAX_UNITS = 16;
/** A unit with at most this many postings in the year window lets an exact match alone make a candidate. */
const RARE_UNIT = 32;

export class PersonMatcher implements TokenSource {
  readonly tokens: string[];
  readonly tokFold1: string[];
  readonly tokFold2: string[];
  readonly tokFamily: Int16Array;
  readonly simCache: TokenSimCache;
  private readonly tokenMap: Map<string, number>;
  private readonly keyMap: Map<string, number>;
  private readonly mask: Uint16Array;
  private readonly exactHit: Uint8Array;
  private readonly touched: Uint32Array;
  private readonly keyStamp: Uint32Array;
  private readonly keyUnits: Uint16Array;
  private readonly keyExact: Uint8Array;
  private stamp = 0;
  private readonly frequent: number;
  private readonly commonCount: number;
  private readonly unknownStart: number;

  constructor(
    readonly core: PersonCoreData,
    private readonly opts: MatcherOptions = DEFAULT_MATCHER_OPTIONS,
  ) {
    this.tokens = core.tokens;
    this.tokFold1 = core.tokFold1;
    this.tokFold2 = core.tokFold2;
    this.tokFamily = core.tokFamily;
    this.simCache = new TokenSimCache(core.tokens.length);
    this.tokenMap = new Map(core.tokens.map((t, i) => [t, i]));
    this.keyMap = new Map(core.keys.map((k, i) => [k, i]));
    this.mask = new Uint16Array(core.count);
    this.exactHit = new Uint8Array(core.count);
    this.touched = new Uint32Array(core.count);
    this.keyStamp = new Uint32Array(core.keys.length);
    this.keyUnits = new Uint16Array(core.keys.length);
    this.keyExact = new Uint8Array(core.keys.length);
    this.frequent = Math.max(50, core.count / opts.frequentDivisor);
    this.commonCount = Math.max(3, core.count / opts.commonDivisor);
    this.unknownStart = core.yearStart[core.yearStart.length - 1] ?? core.count;
  }

  tokenIdOf(text: string): number | undefined {
    return this.tokenMap.get(text);
  }

  isCommon(token: number): boolean {
    return this.core.tokCount[token]! >= this.commonCount;
  }

  private df(key: number): number {
    return this.core.keyPostStart[key + 1]! - this.core.keyPostStart[key]!;
  }

  /** Key ids within one edit of a query key absent from the dictionary (symmetric-deletion lookup). */
  private expand(key: string, out: number[]): void {
    const { delHash, delKey, keys } = this.core;
    for (const v of deletionVariants(key)) {
      // A deletion of the query key may itself be a (short, unregistered) dictionary key: MT3 → MT.
      const direct = v === key ? undefined : this.keyMap.get(v);
      if (direct !== undefined && !out.includes(direct)) out.push(direct);
      const h = hashString(v);
      for (let i = lowerBoundHash(delHash, h); i < delHash.length && delHash[i] === h; i++) {
        const k = delKey[i]!;
        if (!out.includes(k) && keys[k]!.slice(0, 2) === key.slice(0, 2) && withinOneEdit(keys[k]!.slice(2), key.slice(2))) out.push(k);
      }
    }
  }

  private unitFor(item: QueryItem, bit: number): Unit {
    const exact: number[] = [];
    const neighbours: number[] = [];
    for (const k of item.keys) {
      const id = this.keyMap.get(k);
      if (id !== undefined) {
        if (!exact.includes(id)) exact.push(id);
        if (!neighbourable(k)) {
          // A two-letter skeleton in the dictionary has no build-time neighbours; expand it here so a typo
          // in a vowel-rich token (KOUAIN → KN for KOVAIN → KVN) stays retrievable. Only for tokens of five
          // letters or more: short names (ALI, OLGA) have two-letter skeletons by nature, and expanding
          // them would scan many postings for little recall.
          if (k.startsWith('s:') && k.length === 4 && item.raw.length >= 5) this.expand(k, neighbours);
          continue;
        }
        const guard = this.df(id) > this.frequent;
        for (let n = this.core.nbStart[id]!; n < this.core.nbStart[id + 1]!; n++) {
          const nb = this.core.nbKeys[n]!;
          if (guard && this.df(nb) > this.frequent) continue;
          if (!neighbours.includes(nb)) neighbours.push(nb);
        }
      } else if (neighbourable(k) || ((k.startsWith('s:') || k.startsWith('r:')) && k.length === 4)) {
        // Absent key: one-edit expansion through the deletion map; two-letter skeletons too (one letter lost
        // from a three-letter skeleton, e.g. SARIE for SARIEV), which only the query side can afford.
        this.expand(k, neighbours);
      }
    }
    return { bit, exact, neighbours: neighbours.filter((n) => !exact.includes(n)), count: 0, prefix: item.prefix ? item : undefined, raw: item.raw, twins: 0, keySet: undefined };
  }

  private windowOf(q: PreparedQuery): [number, number] {
    const { yearStart, yearMin } = this.core;
    if (q.date === undefined) return [0, this.unknownStart];
    const last = yearStart.length - 1;
    const clamp = (y: number): number => Math.max(0, Math.min(last, y - yearMin));
    return [yearStart[clamp(q.date.year - this.opts.yearWindow)]!, yearStart[clamp(q.date.year + this.opts.yearWindow + 1)]!];
  }

  private countIn(key: number, lo: number, hi: number): number {
    const { keyPostStart, postings } = this.core;
    const a = keyPostStart[key]!;
    const b = keyPostStart[key + 1]!;
    if (lo === 0 && hi === this.unknownStart) return b - a;
    const inWindow = lowerBound(postings, a, b, hi) - lowerBound(postings, a, b, lo);
    return inWindow + (b - lowerBound(postings, a, b, this.unknownStart));
  }

  private scan(key: number, bit: number, exact: boolean, lo: number, hi: number, nTouched: number): number {
    const { keyPostStart, postings } = this.core;
    const a = keyPostStart[key]!;
    const b = keyPostStart[key + 1]!;
    const ranges = lo === 0 && hi === this.unknownStart ? [a, b] : [lowerBound(postings, a, b, lo), lowerBound(postings, a, b, hi), lowerBound(postings, a, b, this.unknownStart), b];
    for (let r = 0; r < ranges.length; r += 2) {
      for (let i = ranges[r]!; i < ranges[r + 1]!; i++) {
        const id = postings[i]!;
        if (this.mask[id] === 0) this.touched[nTouched++] = id;
        this.mask[id]! |= bit;
        if (exact) this.exactHit[id] = 1;
      }
    }
    return nTouched;
  }

  /** Tests skipped and prefix units against one person's own tokens (§4.7). */
  private verify(id: number, units: readonly Unit[]): number {
    const { nameStart, nameTokStart, occTok, tokKeyStart, tokKeys } = this.core;
    let m = this.mask[id]!;
    for (let o = nameTokStart[nameStart[id]!]!; o < nameTokStart[nameStart[id + 1]!]!; o++) {
      const t = occTok[o]!;
      for (let k = tokKeyStart[t]!; k < tokKeyStart[t + 1]!; k++) {
        const key = tokKeys[k]!;
        if (this.keyStamp[key] !== this.stamp) continue;
        m |= this.keyUnits[key]!;
        // An exact key of a skipped (very common) unit is as good as a scanned exact key.
        if (this.keyExact[key] === 1) this.exactHit[id] = 1;
      }
      for (const u of units) {
        if (u.prefix === undefined || (m & u.bit) !== 0) continue;
        if (this.tokFold1[t]!.startsWith(u.prefix.fold1) || this.tokens[t]!.startsWith(u.prefix.raw)) {
          m |= u.bit;
          // A prefix of two letters or more is evidence of its own (the only one a truncated field leaves).
          if (u.prefix.raw.length >= 2) this.exactHit[id] = 1;
        }
      }
    }
    return m;
  }

  /** Adds the twin bits of each repeated query token that one of the person's names holds twice or more. */
  private twinsOf(id: number, m: number, units: readonly Unit[]): number {
    const { nameStart, nameTokStart, occTok, tokKeyStart, tokKeys } = this.core;
    for (const u of units) {
      if (u.keySet === undefined || (m & u.bit) === 0) continue;
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
   * Persons whose score reaches `threshold`, best first, at most `limit`. `isDeleted(record)` masks
   * tombstoned base entries.
   */
  search(q: PreparedQuery, threshold: number, limit: number, isDeleted: (record: number) => boolean): PersonMatch[] {
    if (q.tokenCount === 0 || this.core.count === 0) return [];
    const [lo, hi] = this.windowOf(q);
    for (const it of q.items) {
      const t = this.tokenMap.get(it.raw);
      it.common = t !== undefined && this.isCommon(t);
    }
    this.simCache.begin(q.items.length);
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
    for (const u of units) if (u.twins !== 0) u.keySet = new Set([...u.exact, ...u.neighbours]);
    // Units that do not count towards survival: initials, and concatenations with an initial (`AISULUU A` →
    // AISULUUA has the skeleton of AISULUU, so it re-matches the same entry token). See `matched` below.
    let initialTokens = 0;
    for (let i = 0; i < q.tokenCount; i++) if (q.items[i]!.raw.length === 1) initialTokens |= q.items[i]!.mask;
    let initialBits = 0;
    for (let i = 0; i < Math.min(q.items.length, MAX_UNITS); i++) if ((q.items[i]!.mask & initialTokens) !== 0) initialBits |= 1 << i;
    // With a single real token (`IVANOB / A`) the initial stays the only second piece of evidence for a
    // surname reached through a neighbour; the survivors are bounded by that one token's postings.
    const countedBits = q.strongTokenCount >= 2 ? ~initialBits : ~0;
    for (const u of units) {
      u.count = 0;
      for (const k of u.exact) u.count += this.countIn(k, lo, hi);
      for (const k of u.neighbours) u.count += this.countIn(k, lo, hi);
    }
    units.sort((a, b) => a.count - b.count);
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    let nTouched = 0;
    let verifyNeeded = false;
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!;
      if (u.prefix !== undefined) verifyNeeded = true;
      if (i > 0 && u.count > this.opts.largeUnit) {
        verifyNeeded = true;
        for (const k of u.neighbours) {
          if (this.keyStamp[k] !== this.stamp) (this.keyStamp[k] = this.stamp), (this.keyUnits[k] = 0), (this.keyExact[k] = 0);
          this.keyUnits[k]! |= u.bit;
        }
        for (const k of u.exact) {
          if (this.keyStamp[k] !== this.stamp) (this.keyStamp[k] = this.stamp), (this.keyUnits[k] = 0);
          this.keyUnits[k]! |= u.bit;
          this.keyExact[k] = 1;
        }
        continue;
      }
      for (const k of u.exact) nTouched = this.scan(k, u.bit, true, lo, hi, nTouched);
      for (const k of u.neighbours) nTouched = this.scan(k, u.bit, false, lo, hi, nTouched);
    }
    // Units rare enough that an exact key match alone justifies scoring the entry (bounded extra work).
    let rareExact = 0;
    for (const u of units) if (u.count <= RARE_UNIT && u.exact.length > 0 && u.prefix === undefined) rareExact |= u.bit;
    const scored: Scored[] = [];
    for (let i = 0; i < nTouched; i++) {
      const id = this.touched[i]!;
      let m = this.mask[id]!;
      const needed = Math.min(2, q.strongTokenCount, this.core.minTokens[id]!);
      if (verifyNeeded && popcount16(m & countedBits) < needed) m = this.verify(id, units);
      if ((m & twinHosts) !== 0 && popcount16(m & countedBits) < 2) m = this.twinsOf(id, m, units);
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
      const survives = (matched >= needed && (this.exactHit[id] === 1 || matched >= 2)) || ((m & rareExact) !== 0 && this.exactHit[id] === 1);
      this.mask[id] = 0;
      this.exactHit[id] = 0;
      if (!survives || isDeleted(this.core.record[id]!)) continue;
      const s = this.score(id, q);
      if (s.score >= threshold) scored.push(s);
    }
    return this.explainTop(scored, q, limit);
  }

  /** Sorts by score and builds reasons only for the hits returned (reasons allocate; scores do not). */
  private explainTop(scored: Scored[], q: PreparedQuery, limit: number): PersonMatch[] {
    scored.sort((a, b) => b.score - a.score);
    const n = Math.min(limit, scored.length);
    const out: PersonMatch[] = new Array<PersonMatch>(n);
    for (let i = 0; i < n; i++) out[i] = this.explain(scored[i]!, q);
    return out;
  }

  /**
   * Scores every person with the same scorer, without candidate generation: the brute-force reference for
   * benchmarks and tests (the recall ceiling of the index). Milliseconds per query at 10k, seconds at 1M.
   */
  scanAll(q: PreparedQuery, threshold: number, limit: number, isDeleted: (record: number) => boolean): PersonMatch[] {
    if (q.tokenCount === 0) return [];
    for (const it of q.items) {
      const t = this.tokenMap.get(it.raw);
      it.common = t !== undefined && this.isCommon(t);
    }
    this.simCache.begin(q.items.length);
    const scored: Scored[] = [];
    for (let id = 0; id < this.core.count; id++) {
      if (isDeleted(this.core.record[id]!)) continue;
      const s = this.score(id, q);
      if (s.score >= threshold) scored.push(s);
    }
    return this.explainTop(scored, q, limit);
  }

  private score(id: number, q: PreparedQuery): Scored {
    const { nameStart, nameTokStart, occTok, occRole } = this.core;
    let best = -1;
    let bestName = 0;
    for (let n = nameStart[id]!; n < nameStart[id + 1]!; n++) {
      const s = scoreName(this, q, occTok, occRole, nameTokStart[n]!, nameTokStart[n + 1]!);
      if (s > best) (best = s), (bestName = n);
    }
    const c = this.core;
    const entryDate = c.year[id] === 0 ? undefined : { year: c.year[id]!, month: c.month[id]!, day: c.day[id]! };
    const date = compareBirthDates(q.date, entryDate);
    let score = best + date.adjust - date.nameDoubt * (1 - best);
    const natDiffers = q.nationality !== '' && c.nat[id] !== 0 && c.nationalities[c.nat[id]!] !== q.nationality;
    const sexDiffers = q.sex !== 0 && c.sex[id] !== 0 && q.sex !== c.sex[id];
    if (natDiffers) score += this.opts.nationalityDiffers;
    if (sexDiffers) score += this.opts.sexDiffers;
    return { id, score: Math.max(0, Math.min(1, score)), bestName, date, natDiffers, sexDiffers };
  }

  private explain(s: Scored, q: PreparedQuery): PersonMatch {
    const c = this.core;
    const { nameTokStart, occTok, occRole } = c;
    const detail: NameDetail = { pairs: [], missingPatronymic: [], contradicted: undefined, swapped: false };
    scoreName(this, q, occTok, occRole, nameTokStart[s.bestName]!, nameTokStart[s.bestName + 1]!, detail);
    const reasons = nameReasons(detail);
    if (c.nameAlias[s.bestName]! > 0) reasons.push({ code: 'name-alias', text: `matched alias ${c.nameAlias[s.bestName]}` });
    reasons.push({ code: s.date.code, text: s.date.text });
    if (s.natDiffers) reasons.push({ code: 'nationality-differs', text: `nationality ${q.nationality} vs ${c.nationalities[c.nat[s.id]!]} on the list` });
    if (s.sexDiffers) reasons.push({ code: 'sex-differs', text: 'sex differs' });
    return { record: c.record[s.id]!, score: s.score, reasons: reasons.map((r) => r.text), codes: reasons.map((r) => r.code) };
  }
}

function popcount16(x: number): number {
  let c = 0;
  while (x !== 0) (x &= x - 1), c++;
  return c;
}
