import { describe, expect, it } from 'vitest';
import { parseMrz, encodeMrz, type WatchlistEntry } from '@aspk/shared';
import { advanceWatchlistSnapshot, buildWatchlistSnapshot } from './watchlist-screener.js';
import type { WatchlistHead } from '../store/watchlist-cache.js';

const head = (version: number): WatchlistHead => ({ version, head: `h${version}`, expiresAtMs: null, appliedAtMs: 1_000 * version });

function doc(surname: string, givenNames: string, documentNumber: string) {
  const r = parseMrz(encodeMrz({ format: 'TD3', documentCode: 'P', issuingState: 'KGZ', documentNumber, nationality: 'KGZ', birthDate: '870519', sex: 'M', expiryDate: '340101', surname, givenNames }), { referenceDate: '2026-11-27' });
  if (r.document === null) throw new Error('fixture MRZ did not parse');
  return r.document;
}

const person = (id: string, surname: string, givenNames: string): WatchlistEntry => ({ id, type: 'person', surname, givenNames, birthDate: '1987-05-19', nationality: 'KGZ', category: 'wanted', action: 'refer' });
const ids = (hits: { entry: WatchlistEntry }[]): string[] => hits.map((h) => h.entry.id).sort();

describe('advanceWatchlistSnapshot', () => {
  it('applies puts and tombstones to the same index as a delta and publishes the new version', () => {
    const prev = buildWatchlistSnapshot([person('a', 'Жумабаев', 'Талант'), { id: 'd', type: 'document', issuingState: 'KGZ', documentNumber: 'AE9024417', category: 'stolen', action: 'deny' }], head(1));
    expect(ids(prev.screener!.screen(doc('ZHUMABAEV', 'TALANT', 'AC1111111'), '2026-11-27'))).toEqual(['a']);

    const next = advanceWatchlistSnapshot(prev, [
      { op: 'put', entry: person('b', 'Осмонова', 'Айгерим') },
      { op: 'tombstone', entryId: 'a' },
      { op: 'tombstone', entryId: 'd' },
      { op: 'put', entry: { id: 'd', type: 'document', issuingState: 'KGZ', documentNumber: 'AE9024418', category: 'stolen', action: 'deny' } },
    ], head(2));

    expect(next).not.toBeNull();
    expect(next!.index).toBe(prev.index); // no rebuild
    expect(next!).toMatchObject({ version: 2, head: 'h2', entries: 2 });
    expect(ids(next!.screener!.screen(doc('ZHUMABAEV', 'TALANT', 'AC1111111'), '2026-11-27'))).toEqual([]);
    expect(ids(next!.screener!.screen(doc('OSMONOVA', 'AIGERIM', 'AC2222222'), '2026-11-27'))).toEqual(['b']);
    // The re-put document replaced the tombstoned one: the new number hits, the old one does not.
    expect(ids(next!.screener!.screen(doc('ZZZ', 'YYY', 'AE9024418'), '2026-11-27'))).toEqual(['d']);
    expect(ids(next!.screener!.screen(doc('ZZZ', 'YYY', 'AE9024417'), '2026-11-27'))).toEqual([]);
  });

  it('returns null when nothing is loaded yet, so the caller builds from the cache', () => {
    expect(advanceWatchlistSnapshot({ screener: null, version: 0, head: null, expiresAtMs: null, appliedAtMs: null, entries: 0 }, [], head(1))).toBeNull();
  });

  it('keeps the index on a re-signed head, but refuses to patch or relabel an index of another version', () => {
    const prev = buildWatchlistSnapshot([person('a', 'Жумабаев', 'Талант')], head(3));
    const refreshed = advanceWatchlistSnapshot(prev, [], { ...head(3), expiresAtMs: 99_000 }, undefined, 3);
    expect(refreshed!.index).toBe(prev.index);
    expect(refreshed).toMatchObject({ version: 3, expiresAtMs: 99_000 });
    // The cache moved from version 4 (a rebuild that failed left version 3 in memory): rebuild, never patch.
    expect(advanceWatchlistSnapshot(prev, [{ op: 'tombstone', entryId: 'a' }], head(5), undefined, 4)).toBeNull();
    expect(advanceWatchlistSnapshot(prev, [], head(4), undefined, 4)).toBeNull();
    expect(ids(prev.screener!.screen(doc('ZHUMABAEV', 'TALANT', 'AC1111111'), '2026-11-27'))).toEqual(['a']); // untouched
  });
});
