/**
 * The posting spans one query reads, each distinct span read once (watchlist-matching.md §4.6).
 *
 * Why: a unit's keys come in near-twins — the skeleton of a token's fold (`s:`) and of its raw spelling
 * (`r:`) are the same for most tokens, and so are their posting lists and those of their one-edit
 * neighbours — and two units can share a key. Each list was read once per key and unit, so at 1M entries
 * about half the postings the slowest queries read, each a random access to the person's flags, were
 * repeats. Here every span (a key's postings in the year window plus its unknown-year postings, see
 * `Unit.spans` in person-matcher.ts) is looked up among the spans already taken, through a small hash
 * table on its four positions, and equal ones are merged: one read sets the union of their flags. Keys
 * with equal posting lists share one copy of it (person-core.ts, `shareEqualLists`), so equal spans have
 * equal positions and the positions alone decide; no postings are read here. (The first version compared
 * the postings of spans at different positions and hashed each span's first id: 7–8 % of the slowest
 * queries' time at 1M entries, one cache miss per key.)
 */
const TABLE_BITS = 10;
const TABLE_SIZE = 1 << TABLE_BITS;

export class SpanJobs {
  /** Four positions per job: window span `[0, 1)`, unknown-year span `[2, 3)`. */
  readonly spans: number[] = [];
  /** Flags per job (unit bits and exact flags, as the caller defines them). */
  readonly flags: number[] = [];
  private readonly slotStamp = new Uint32Array(TABLE_SIZE);
  private readonly slotJob = new Int32Array(TABLE_SIZE);
  private stamp = 0;
  private used = 0;

  /** Forgets every job (constant time). */
  reset(): void {
    this.spans.length = 0;
    this.flags.length = 0;
    this.used = 0;
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.slotStamp.fill(0);
      this.stamp = 1;
    }
  }

  get count(): number {
    return this.flags.length;
  }

  /** Adds the span `spans[s..s+4)` with `flags`, or ORs `flags` into the job already holding the same span. */
  add(spans: readonly number[], s: number, flags: number): void {
    const w0 = spans[s]!;
    const w1 = spans[s + 1]!;
    const u0 = spans[s + 2]!;
    const u1 = spans[s + 3]!;
    if (w0 === w1 && u0 === u1) return;
    // Past three quarters full (hundreds of distinct spans, more than any real query has) the table
    // would only slow the probes down: later spans become jobs of their own.
    if (this.used >= (TABLE_SIZE * 3) / 4) {
      this.spans.push(w0, w1, u0, u1);
      this.flags.push(flags);
      return;
    }
    let slot = (Math.imul(w0 ^ Math.imul(w1, 0x85ebca6b), 0x9e3779b1) ^ Math.imul(u0 ^ Math.imul(u1, 0xc2b2ae35), 0x27d4eb2f)) >>> (32 - TABLE_BITS);
    for (let probe = 0; probe < TABLE_SIZE; probe++, slot = (slot + 1) & (TABLE_SIZE - 1)) {
      if (this.slotStamp[slot] !== this.stamp) {
        this.slotStamp[slot] = this.stamp;
        this.slotJob[slot] = this.flags.length;
        this.used++;
        this.spans.push(w0, w1, u0, u1);
        this.flags.push(flags);
        return;
      }
      const j = this.slotJob[slot]!;
      const o = 4 * j;
      const js = this.spans;
      if (js[o] === w0 && js[o + 1] === w1 && js[o + 2] === u0 && js[o + 3] === u1) {
        this.flags[j]! |= flags;
        return;
      }
    }
    // Not reached: the table is never more than three quarters full.
    this.spans.push(w0, w1, u0, u1);
    this.flags.push(flags);
  }
}
