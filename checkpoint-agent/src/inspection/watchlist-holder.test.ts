import { describe, expect, it } from 'vitest';
import { WatchlistHolder } from './watchlist-holder.js';
import { buildWatchlistSnapshot } from './watchlist-screener.js';

describe('WatchlistHolder', () => {
  it('swaps the whole snapshot and tells its listeners after each swap until they unsubscribe', () => {
    const holder = new WatchlistHolder();
    expect(holder.current()).toMatchObject({ version: 0, screener: null, entries: 0 });
    const seen: number[] = [];
    const off = holder.onSwap((next) => seen.push(next.version));
    const head = (version: number) => ({ version, head: 'ab'.repeat(32), expiresAtMs: null, appliedAtMs: 1 });
    const v1 = buildWatchlistSnapshot([{ id: 'd-1', type: 'document', issuingState: 'KGZ', documentNumber: 'AC1234567', category: 'stolen', action: 'deny' }], head(1));
    holder.swap(v1);
    expect(holder.current()).toBe(v1);
    expect(seen).toEqual([1]);
    off();
    holder.swap(buildWatchlistSnapshot([], head(2)));
    expect(seen).toEqual([1]);
    expect(holder.current().version).toBe(2);
  });
});
