/**
 * Writes a `watchlist.db` holding N generated persons + N documents (version 1), as the agent benchmarks
 * need it: the screening evaluation's seeded generator, seed 20260101 + N like the watchlist benchmark.
 */
import type { WatchlistEntry } from '@aspk/shared';
import { openDatabase, WATCHLIST_CACHE_MIGRATIONS, WatchlistCache } from '@aspk/checkpoint-agent';
import { SeededRandom } from '../eval/seeded-random.js';
import { documentEntry, entryFor, randomIdentity } from '../eval/screening-generator.js';

export function writeWatchlistCache(file: string, n: number): void {
  const rng = new SeededRandom(20260101 + n);
  const entries: WatchlistEntry[] = [];
  for (let i = 0; i < n; i++) entries.push(entryFor(randomIdentity(rng), `P${i}`, rng));
  for (let i = 0; i < n; i++) entries.push(documentEntry(rng, `D${i}`));
  const db = openDatabase(file, WATCHLIST_CACHE_MIGRATIONS);
  try {
    new WatchlistCache(db).replaceAll({ version: 1, head: 'ab'.repeat(32), expiresAtMs: null }, entries);
  } finally {
    db.close();
  }
}
