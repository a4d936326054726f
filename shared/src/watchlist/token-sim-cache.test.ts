import { describe, expect, it } from 'vitest';
import { TokenSimCache } from './token-sim-cache.js';
import { WatchlistIndex } from './watchlist-index.js';
import type { WatchlistEntry } from './watchlist-entry.js';

describe('TokenSimCache', () => {
  it('keeps values per (item, token) within a query and forgets them at the next query', () => {
    const c = new TokenSimCache(10);
    c.begin(3);
    const cell = (item: number, token: number): number => c.base(token) + item;
    const a = cell(2, 7);
    expect(c.sim(a)).toBe(-1);
    c.set(a, 0.91, 3);
    expect(c.sim(cell(2, 7))).toBe(0.91);
    expect(c.kind(cell(2, 7))).toBe(3);
    expect(c.sim(cell(1, 7))).toBe(-1); // other item, same token
    expect(c.sim(cell(2, 6))).toBe(-1); // same item, other token
    c.begin(3);
    expect(c.sim(cell(2, 7))).toBe(-1);
  });
  it('grows past its initial capacity without losing values', () => {
    const c = new TokenSimCache(5000);
    c.begin(16);
    const cell = (item: number, token: number): number => c.base(token) + item;
    for (let t = 0; t < 5000; t++) c.set(cell(t % 16, t), t / 5000, t % 5);
    for (let t = 0; t < 5000; t++) expect(c.sim(cell(t % 16, t))).toBe(t / 5000);
  });
});

describe('memoised scoring through the index', () => {
  const person = (id: string, surname: string, givenNames: string): WatchlistEntry => ({ id, type: 'person', surname, givenNames, category: 'wanted', action: 'refer', birthDate: '1985-03-04' });
  const entries: WatchlistEntry[] = [person('t', 'KASYMOVA', 'AIGERIM'), person('u', 'KASYMOV', 'NURLAN'), person('v', 'ASANOVA', 'AIGUL')];
  const index = WatchlistIndex.build(entries);
  it('gives the same scores for a query before and after other queries (no stale similarities)', () => {
    const q = { surname: 'KASYMOVA', givenNames: 'AIGUL', birthDate: '1985-03-04' };
    const first = index.screen(q, { threshold: 0 }).map((h) => [h.entryId, h.score]);
    index.screen({ surname: 'ASANOVA', givenNames: 'NURLAN', birthDate: '1985-03-04' }, { threshold: 0 });
    index.screen({ surname: 'KASYMOV', givenNames: 'AIGERIM NURLAN', birthDate: '1985-03-04' }, { threshold: 0 });
    expect(first.length).toBeGreaterThan(1);
    expect(index.screen(q, { threshold: 0 }).map((h) => [h.entryId, h.score])).toEqual(first);
  });
});
