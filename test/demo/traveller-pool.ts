import { TravellerGenerator, type GeneratedWatchlistEntry, type Traveller } from '@aspk/hardware-sim';

/**
 * The demo's queue of travellers: a fixed, seeded pool from the hardware simulator's generator, cycled.
 * Generating the pool up front is what lets the watchlist be imported into central before the first
 * scan (the generator only knows a listed person's entry once it has made that person), and generating
 * it from the same seed and date at every start gives the same people, so nothing is imported twice.
 */
export class TravellerPool {
  readonly travellers: readonly Traveller[];
  #position: number;

  /**
   * @param seed seed of the generator
   * @param at the date ages and expiry are judged against (the first start's date)
   * @param size travellers in the pool before it repeats; default 900 (50 min of three lanes at 6/min)
   * @param position where the queue continues
   */
  constructor(seed: number, at: Date, size = 900, position = 0) {
    // A little richer than the generator's defaults so that a few minutes show every kind of case.
    const generator = new TravellerGenerator({ seed, now: at, mix: { watchlisted: 0.08, stolen: 0.05, invalid: 0.05, expired: 0.05, minor: 0.1 } });
    this.travellers = generator.take(size);
    this.#position = position % size;
  }

  /** Every watchlist entry of the pool (listed persons under other spellings, lost/stolen documents). */
  watchlist(): GeneratedWatchlistEntry[] {
    return this.travellers.flatMap((t) => t.watchlistEntries);
  }

  /** As a JSON-lines file for `aspk-central watchlist import`. */
  watchlistJsonl(): string {
    return this.watchlist().map((e) => `${JSON.stringify(e)}\n`).join('');
  }

  /** The next traveller in the queue. */
  next(): Traveller {
    const t = this.travellers[this.#position]!;
    this.#position = (this.#position + 1) % this.travellers.length;
    return t;
  }

  /** The first traveller of the pool that satisfies `pred` (for tests that need a given kind). */
  find(pred: (t: Traveller) => boolean): Traveller {
    const t = this.travellers.find(pred);
    if (t === undefined) throw new Error('no such traveller in the pool');
    return t;
  }

  get position(): number {
    return this.#position;
  }
}
