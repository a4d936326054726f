import { describe, expect, it } from 'vitest';
import { WatchlistIndex } from './watchlist-index.js';
import { warmUpQuery, warmUpScreening } from './screening-warm-up.js';
import type { PersonEntry, WatchlistEntry } from './watchlist-entry.js';

const person = (id: string, surname: string, givenNames: string, birthDate?: string): PersonEntry => ({
  id, type: 'person', surname, givenNames, category: 'wanted', action: 'refer', nationality: 'KGZ', sex: 'M', ...(birthDate === undefined ? {} : { birthDate }),
});
const list: WatchlistEntry[] = [
  person('p-1', 'JAPAROV', 'SADYR', '1968-12-06'),
  person('p-2', 'TOKTOGULOV', 'ERLAN', '1990'),
  person('p-3', 'ASANOVA', 'AIZADA'),
  { id: 'd-1', type: 'document', issuingState: 'KGZ', documentNumber: 'AC1234567', category: 'stolen', action: 'deny' },
];

describe('screening warm-up', () => {
  it('derives queries that vary as documents do: as listed, a dropped surname letter, a year-only date, a cut name', () => {
    const e = list[0] as PersonEntry;
    expect(warmUpQuery(e, 0)).toEqual({ surname: 'JAPAROV', givenNames: 'SADYR', birthDate: '1968-12-06', nationality: 'KGZ', sex: 'M' });
    const typo = warmUpQuery(e, 1);
    expect(typo.surname).toHaveLength(6);
    expect(typo.surname).not.toBe('JAPAROV');
    expect(warmUpQuery(e, 2).birthDate).toBe('1968');
    expect(warmUpQuery(e, 3)).toMatchObject({ givenNames: 'SAD', nameMayBeTruncated: true });
    // Absent fields stay absent.
    expect(warmUpQuery(list[2] as PersonEntry, 0)).not.toHaveProperty('birthDate');
  });

  it('screens against the list and leaves later screenings unchanged', () => {
    const index = WatchlistIndex.build(list);
    const q = { surname: 'ZHAPAROV', givenNames: 'SADYR', birthDate: '1968-12-06' };
    const before = index.screen(q);
    expect(before.map((h) => h.entryId)).toContain('p-1');
    for (let step = 0; step < 40; step++) expect(warmUpScreening(index, step)).toBe(true);
    expect(index.screen(q)).toEqual(before);
  });

  it('skips removed entries and reports an empty list', () => {
    const index = WatchlistIndex.build(list);
    for (const e of list) index.remove(e.id);
    expect(index.entryAt(0)).toBeUndefined();
    expect(warmUpScreening(index, 0)).toBe(true);
    expect(warmUpScreening(WatchlistIndex.build([]), 0)).toBe(false);
  });
});
