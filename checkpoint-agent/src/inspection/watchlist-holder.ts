import type { WatchlistSnapshot } from './screener.js';

const EMPTY: WatchlistSnapshot = { screener: null, version: 0, head: null, expiresAtMs: null, appliedAtMs: null, entries: 0 };

/**
 * Holds the list the checks run against. `swap` replaces the whole snapshot in one assignment, so an
 * inspection reads index, version and head of the same list (watchlist-matching.md: atomic swap).
 */
export class WatchlistHolder {
  #current: WatchlistSnapshot = EMPTY;
  readonly #listeners = new Set<(next: WatchlistSnapshot) => void>();

  current(): WatchlistSnapshot {
    return this.#current;
  }

  swap(next: WatchlistSnapshot): void {
    this.#current = next;
    for (const listener of this.#listeners) listener(next);
  }

  /**
   * Calls `listener` after every swap (synchronously, inside `swap`: keep it short and non-throwing, such as
   * scheduling work); returns a function that removes it.
   */
  onSwap(listener: (next: WatchlistSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }
}
