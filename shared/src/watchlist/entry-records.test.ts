import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { WatchlistEntry } from './watchlist-entry.js';
import { decodeEntryRecord, encodeEntryRecords } from './entry-records.js';

const roundTrip = (list: WatchlistEntry[]): WatchlistEntry[] => {
  const data = encodeEntryRecords(list.length, (r) => list[r]!);
  return list.map((e, r) => decodeEntryRecord(data, r, e.id));
};

describe('entry records by shape (snapshot format 3)', () => {
  it('rebuilds every entry field for field and in order, packed dates and odd dates included', () => {
    const dates = ['1968-11-16', '1968', '1968-11', '0001-01-01', '9999-12-31', '1968-00-00', '1968-02-31', '1968-13-01', '1968-11-32', ' 1968-11-16', '1968-1-16', '１９６８-11-16', '1968-11-1x'];
    const list: WatchlistEntry[] = dates.map((birthDate, i) => ({ id: `P${i}`, type: 'person', surname: 'Жапаров', givenNames: i % 2 ? 'SADYR' : '', birthDate, category: 'wanted', action: 'refer', ...(i % 3 === 0 ? { aliases: [{ surname: 'JAPAROV', givenNames: 'SADYR' }] } : {}) }) as WatchlistEntry);
    list.push({ id: 'D1', type: 'document', issuingState: 'D', documentNumber: 'C01X00T47', documentCode: 'P', category: 'stolen', action: 'deny', validFrom: '2026-01-01' });
    list.push({ id: 'X1', type: 'person', surname: 'A', givenNames: 'B', category: 'c', action: 'alert', extra: { n: 1, list: [true, null] }, rank: 7, empty: '' } as WatchlistEntry);
    const back = roundTrip(list);
    back.forEach((e, i) => expect(JSON.stringify(e)).toBe(JSON.stringify(list[i])));
  });

  it('stores the category column in the narrowest array that holds the dictionary', () => {
    const small = encodeEntryRecords(3, (r) => ({ id: `D${r}`, type: 'document', issuingState: 'KGZ', documentNumber: 'A1', category: `c${r}`, action: 'deny' }));
    expect(small.category).toBeInstanceOf(Uint8Array);
    const many = Array.from({ length: 300 }, (_, r): WatchlistEntry => ({ id: `D${r}`, type: 'document', issuingState: 'KGZ', documentNumber: 'A1', category: `category ${r}`, action: 'deny' }));
    const data = encodeEntryRecords(many.length, (r) => many[r]!);
    expect(data.category).toBeInstanceOf(Uint16Array);
    expect(data.dict[data.category[299]!]).toBe('category 299');
    expect(roundTrip(many)).toEqual(many);
  });

  it('round-trips random entries (seeded)', () => {
    const text = fc.string({ maxLength: 30, unit: 'grapheme' });
    const entry = fc.record({ surname: text, givenNames: text, birthDate: fc.option(fc.oneof(text, fc.date({ noInvalidDate: true, min: new Date('0001-01-01'), max: new Date('9999-12-31') }).map((d) => d.toISOString().slice(0, 10))), { nil: undefined }), notes: fc.option(text, { nil: undefined }), category: text, source: fc.option(text, { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (rows) => {
        const list = rows.map((r, i) => ({ id: `P${i}`, type: 'person', action: 'alert', ...r }) as WatchlistEntry);
        expect(roundTrip(list).map((e) => JSON.stringify(e))).toEqual(list.map((e) => JSON.stringify(e)));
      }),
      { seed: 4242, numRuns: 200 },
    );
  });
});
