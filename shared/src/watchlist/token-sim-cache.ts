/**
 * Per-query memo of token similarities (watchlist-matching.md §4.8), keyed by list-token id.
 *
 * Why: the survivors of one query share only a few hundred distinct tokens (the same given names and
 * surname stems recur across thousands of entries), but scoring each survivor computes Jaro–Winkler for every
 * query × entry token pair again. Profiling the slowest queries at 100k–1M entries put ~50–70 % of their time
 * in those repeated calls. With this memo each (query item, list token) pair is computed once per query.
 *
 * Layout, chosen so that a query allocates nothing and nothing proportional to the list size is cleared:
 * `tokGen[t]` stamps token `t` with the generation of the query that gave it a slot (a new query just bumps the
 * generation, which invalidates every slot at once); `tokSlot[t]` is its slot; slot `s` keeps the similarity
 * and kind for query item `i` at `s * width + i` (−1 = not computed yet). Slot arrays grow by doubling and are
 * kept, so the steady state allocates nothing.
 */
/** Most distinct tokens memoised per query (× query items × 9 bytes: ≤ 9 MiB at 16 items). */
const MAX_SLOTS = 1 << 16;

export class TokenSimCache {
  private gen = 0;
  private readonly tokGen: Uint32Array;
  private readonly tokSlot: Uint32Array;
  private sims: Float64Array;
  private kinds: Uint8Array;
  private slots = 0;
  private width = 1;

  /** @param tokenCount size of the list's token dictionary (8 bytes per token are kept). */
  constructor(tokenCount: number) {
    this.tokGen = new Uint32Array(tokenCount);
    this.tokSlot = new Uint32Array(tokenCount);
    this.sims = new Float64Array(4096);
    this.kinds = new Uint8Array(4096);
  }

  /** Starts a query with `itemCount` query items; forgets everything cached for the previous query. */
  begin(itemCount: number): void {
    this.gen = (this.gen + 1) >>> 0;
    if (this.gen === 0) {
      // 2^32 queries later the stamps wrap: clear them once so no stale slot can look current.
      this.tokGen.fill(0);
      this.gen = 1;
    }
    this.slots = 0;
    this.width = Math.max(1, itemCount);
  }

  /**
   * Index of query item 0's value for list token `token` (item `i` is at `base + i`), allocating a slot on
   * first use; −1 when full. The scorer takes it once per entry token rather than once per pair.
   */
  base(token: number): number {
    let slot: number;
    if (this.tokGen[token] === this.gen) slot = this.tokSlot[token]!;
    else {
      // A brute-force scan (`scanAll`) touches every token: past the cap it computes uncached rather than
      // keep tens of MiB of slots alive for a benchmark reference.
      if (this.slots >= MAX_SLOTS) return -1;
      slot = this.slots++;
      const end = this.slots * this.width;
      if (end > this.sims.length) this.grow(end);
      this.sims.fill(-1, slot * this.width, end);
      this.tokGen[token] = this.gen;
      this.tokSlot[token] = slot;
    }
    return slot * this.width;
  }

  /** The memo's words for `token` (for reading them ahead, see `PersonMatcher.gatherNames`). */
  peek(token: number): number {
    return this.tokGen[token]! ^ this.tokSlot[token]!;
  }

  /** Cached similarity at `cell` (`base(token) + item`), or −1 when not computed yet (always for cell −1). */
  sim(cell: number): number {
    return cell < 0 ? -1 : this.sims[cell]!;
  }

  kind(cell: number): number {
    return this.kinds[cell]!;
  }

  set(cell: number, sim: number, kind: number): void {
    if (cell < 0) return;
    this.sims[cell] = sim;
    this.kinds[cell] = kind;
  }

  private grow(min: number): void {
    let n = this.sims.length * 2;
    while (n < min) n *= 2;
    const sims = new Float64Array(n);
    sims.set(this.sims);
    const kinds = new Uint8Array(n);
    kinds.set(this.kinds);
    this.sims = sims;
    this.kinds = kinds;
  }
}
