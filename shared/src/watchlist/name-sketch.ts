/**
 * One word per person that sketches the tokens of its name, so the distinct-token check of candidate
 * survival (watchlist-matching.md §4.7, `PersonMatcher.distinctUnits`) can rule most candidates out
 * without reading their names.
 *
 * Why: when two query units share keys (SERGEEV and SERGEI: one edit apart), every namesake of one of
 * them reaches "two matched units" through a single token, and the check that two different tokens
 * match read the candidate's name list, token list and each token's keys: several dependent memory reads
 * per candidate, for 300–900 candidates in the slowest queries at 1M entries, nearly all of them then
 * dropped. The sketch holds a 10-bit bucket per token; per query, `UnitBuckets` ORs into each bucket the
 * units matched by any list token in it. Each token's units are then a subset of its bucket's, so the
 * matching over buckets is at least the true one: when even that falls short the candidate is dropped,
 * otherwise the exact check runs. Persons with aliases or more than three tokens are not sketched.
 */
import type { PersonCoreData } from './person-core.js';
import { maxTokenUnitMatching } from './max-token-unit-matching.js';

const BUCKET_BITS = 10;
const BUCKETS = 1 << BUCKET_BITS;

/** The bucket of token id `t`. */
export function tokenBucket(t: number): number {
  return Math.imul(t + 1, 0x9e3779b1) >>> (32 - BUCKET_BITS);
}

/**
 * Per person: 0 when not sketched, else the token count (1–3) in bits 30–31 and the buckets of its tokens
 * in bits 0–29 (ten bits each, in name order).
 */
export function buildNameSketches(core: Pick<PersonCoreData, 'count' | 'nameStart' | 'nameTokStart' | 'occTok'>): Uint32Array {
  const { nameStart, nameTokStart, occTok } = core;
  const out = new Uint32Array(core.count);
  for (let id = 0; id < core.count; id++) {
    const n = nameStart[id]!;
    if (nameStart[id + 1]! - n !== 1) continue;
    const a = nameTokStart[n]!;
    const k = nameTokStart[n + 1]! - a;
    if (k < 1 || k > 3) continue;
    let w = k << 30;
    for (let i = 0; i < k; i++) w |= tokenBucket(occTok[a + i]!) << (BUCKET_BITS * i);
    out[id] = w >>> 0;
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

const scratch = new Uint16Array(3);

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

  /**
   * At least the number of units of `bits` that different tokens of person `id` match (the result of
   * `distinctUnits`), or −1 when the person is not sketched.
   */
  bound(id: number, bits: number): number {
    const w = this.sketches[id]!;
    if (w === 0) return -1;
    const k = w >>> 30;
    for (let i = 0; i < k; i++) scratch[i] = this.units[(w >>> (BUCKET_BITS * i)) & (BUCKETS - 1)]! & bits;
    return maxTokenUnitMatching(scratch, k);
  }
}
