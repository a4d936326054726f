/**
 * Two words per person that sketch the distinct tokens of its names, so the distinct-token check of
 * candidate survival (watchlist-matching.md §4.7, `PersonMatcher.distinctUnits`) can rule most candidates
 * out without reading their names.
 *
 * Why: when two query units share keys (SERGEEV and SERGEI: one edit apart), every namesake of one of
 * them reaches "two matched units" through a single token, and the check that two different tokens
 * match read the candidate's name list, token list and each token's keys: several dependent memory reads
 * per candidate, for 300–900 candidates in the slowest queries at 1M entries, nearly all of them then
 * dropped. The sketch holds a 14-bit bucket per token; per query, `UnitBuckets` ORs into each bucket the
 * units matched by any list token in it. Each token's units are then a subset of its bucket's, so the
 * matching over buckets is at least the true one: when even that falls short the candidate is dropped,
 * otherwise the exact check runs.
 *
 * The tokens sketched are the union of all the person's names (readings of a Cyrillic name, aliases), a token
 * as often as one name repeats it: a matching over the union is at least the matching over any one name,
 * so it bounds `distinctUnits` (the best name) as well. Persons with more than `SKETCH_TOKENS` distinct tokens (under 1 % of a generated
 * 1M list) are not sketched. (The first version sketched one word per person, persons with one name of at
 * most three tokens only, in 10-bit buckets: at 1M entries the unsketched 12 % and bucket collisions let
 * half the candidates of the slowest queries through to the exact check; measured in the README's fifth
 * round.)
 */
import type { PersonCoreData } from './person-core.js';
import { maxTokenUnitMatching } from './max-token-unit-matching.js';
import { u32 } from './large-arrays.js';

const BUCKET_BITS = 14;
const BUCKETS = 1 << BUCKET_BITS;
const BUCKET_MASK = BUCKETS - 1;
/** Most distinct tokens a sketch holds: two per word, the first word's top bits hold the count. */
export const SKETCH_TOKENS = 4;

/** The bucket of token id `t`. */
export function tokenBucket(t: number): number {
  return Math.imul(t + 1, 0x9e3779b1) >>> (32 - BUCKET_BITS);
}

/**
 * Two words per person (`2 × id`, `2 × id + 1`): the first 0 when not sketched, else the buckets of its
 * first two tokens (bits 0–13, 14–27) and their count, 1–4 (bits 28–30); the second the buckets
 * of the third and fourth. Tokens in order of first occurrence over the person's names.
 */
export function buildNameSketches(core: Pick<PersonCoreData, 'count' | 'nameStart' | 'nameTokStart' | 'occTok'>): Uint32Array {
  const { nameStart, nameTokStart, occTok } = core;
  const out = u32(2 * core.count);
  const seen = new Uint32Array(SKETCH_TOKENS);
  for (let id = 0; id < core.count; id++) {
    // The union as a multiset: a token twice in one name (AZAMAT AZAMAT) can match two units, so it is
    // held as often as the name that repeats it most.
    let k = 0;
    for (let n = nameStart[id]!; n < nameStart[id + 1]! && k <= SKETCH_TOKENS; n++) {
      const from = nameTokStart[n]!;
      for (let o = from; o < nameTokStart[n + 1]! && k <= SKETCH_TOKENS; o++) {
        const t = occTok[o]!;
        let inName = 0;
        for (let p = from; p <= o; p++) if (occTok[p] === t) inName++;
        let held = 0;
        for (let i = 0; i < Math.min(k, SKETCH_TOKENS); i++) if (seen[i] === t) held++;
        if (held >= inName) continue;
        if (k < SKETCH_TOKENS) seen[k] = t;
        k++;
      }
    }
    if (k < 1 || k > SKETCH_TOKENS) continue;
    let lo = k << (2 * BUCKET_BITS);
    let hi = 0;
    for (let i = 0; i < k; i++) {
      const b = tokenBucket(seen[i]!) << (BUCKET_BITS * (i & 1));
      if (i < 2) lo |= b;
      else hi |= b;
    }
    out[2 * id] = lo >>> 0;
    out[2 * id + 1] = hi >>> 0;
  }
  return out;
}

/** Key → tokens (the inverse of the core's token → keys lists), for filling `UnitBuckets`. */
export function keyTokenLists(core: Pick<PersonCoreData, 'keys' | 'tokKeyStart' | 'tokKeys'>): { start: Uint32Array; tokens: Uint32Array } {
  const { tokKeyStart, tokKeys } = core;
  const keyCount = core.keys.length;
  const tokenCount = tokKeyStart.length - 1;
  const start = new Uint32Array(keyCount + 1);
  for (let i = 0; i < tokKeys.length; i++) start[tokKeys[i]! + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const tokens = new Uint32Array(tokKeys.length);
  const cursor = start.slice(0, keyCount);
  for (let t = 0; t < tokenCount; t++) for (let i = tokKeyStart[t]!; i < tokKeyStart[t + 1]!; i++) tokens[cursor[tokKeys[i]!]!++] = t;
  return { start, tokens };
}

const scratch = new Uint16Array(SKETCH_TOKENS);

/** Per query: unit bits by token bucket, and the bound of the distinct-token check it gives. */
export class UnitBuckets {
  private readonly units = new Uint16Array(BUCKETS);

  constructor(
    private readonly sketches: Uint32Array,
    private readonly lists: { start: Uint32Array; tokens: Uint32Array },
  ) {}

  /** Sets the buckets from the query's keys and the unit bits each carries (`keys[i]` → `unitsOf(keys[i])`). */
  fill(keys: readonly number[], unitsOf: (key: number) => number): void {
    const { units } = this;
    units.fill(0);
    const { start, tokens } = this.lists;
    for (const k of keys) {
      const u = unitsOf(k);
      for (let i = start[k]!; i < start[k + 1]!; i++) units[tokenBucket(tokens[i]!)]! |= u;
    }
  }

  /** The first word of person `id`'s sketch (for reading it ahead, see `PersonMatcher.gatherSurvivors`). */
  sketchWord(id: number): number {
    return this.sketches[2 * id]!;
  }

  /**
   * At least the number of units of `bits` that different tokens of person `id` match (the result of
   * `distinctUnits`), or −1 when the person is not sketched.
   */
  bound(id: number, bits: number): number {
    const w = this.sketches[2 * id]!;
    if (w === 0) return -1;
    const k = w >>> (2 * BUCKET_BITS);
    const { units } = this;
    scratch[0] = units[w & BUCKET_MASK]! & bits;
    scratch[1] = units[(w >>> BUCKET_BITS) & BUCKET_MASK]! & bits;
    if (k > 2) {
      const v = this.sketches[2 * id + 1]!;
      scratch[2] = units[v & BUCKET_MASK]! & bits;
      scratch[3] = units[(v >>> BUCKET_BITS) & BUCKET_MASK]! & bits;
    }
    return maxTokenUnitMatching(scratch, k);
  }

  /**
   * At least the number of tokens of person `id` (a token repeated in one name counted as often) that
   * match a unit of `bits`, or −1 when the person is not sketched.
   */
  holders(id: number, bits: number): number {
    const w = this.sketches[2 * id]!;
    if (w === 0) return -1;
    const k = w >>> (2 * BUCKET_BITS);
    const { units } = this;
    let n = ((units[w & BUCKET_MASK]! & bits) !== 0 ? 1 : 0) + (k > 1 && (units[(w >>> BUCKET_BITS) & BUCKET_MASK]! & bits) !== 0 ? 1 : 0);
    if (k > 2) {
      const v = this.sketches[2 * id + 1]!;
      n += ((units[v & BUCKET_MASK]! & bits) !== 0 ? 1 : 0) + (k > 3 && (units[(v >>> BUCKET_BITS) & BUCKET_MASK]! & bits) !== 0 ? 1 : 0);
    }
    return n;
  }
}
