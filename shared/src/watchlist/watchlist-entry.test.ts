import { describe, expect, it } from 'vitest';
import { WatchlistEntry } from './watchlist-entry.js';

const person = { id: 'p1', type: 'person', surname: 'JAPAROV', givenNames: 'SADYR', category: 'wanted', action: 'detain' };
const doc = { id: 'd1', type: 'document', issuingState: 'KGZ', documentNumber: 'AC1234567', category: 'stolen', action: 'deny' };

describe('WatchlistEntry', () => {
  it('accepts persons in Latin and Cyrillic, with aliases, partial dates and extra fields', () => {
    const r = WatchlistEntry.parse({
      ...person,
      surname: 'Жапаров',
      givenNames: 'Садыр Нургожо уулу',
      aliases: [{ surname: "O'NEIL-SMITH", givenNames: 'Jürgen' }, { surname: 'ӨМҮРБЕКОВ' }],
      birthDate: '1968-12',
      nationality: 'KGZ',
      sex: 'M',
      source: 'MVD',
      validFrom: '2026-01-01',
      validUntil: '2027-01-01T00:00:00Z',
      extra: 42,
    });
    expect(r.type).toBe('person');
    expect((r as Record<string, unknown>).extra).toBe(42);
    if (r.type === 'person') expect(r.aliases?.[1]?.givenNames).toBe('');
  });

  it.each([
    ['birthDate', '1985-02-29'],
    ['birthDate', '1984-13'],
    ['birthDate', '85'],
    ['nationality', 'kgz'],
    ['nationality', 'KGZ1'],
    ['sex', 'X'],
    ['action', 'shoot'],
    ['category', '  '],
    ['id', ''],
    ['id', 'x'.repeat(129)],
    ['surname', 'R2D2'],
    ['surname', '张伟'],
    ['surname', '--'],
  ])('rejects person with %s = %j', (field, value) => {
    expect(WatchlistEntry.safeParse({ ...person, [field]: value }).success).toBe(false);
  });

  it('accepts leap days, year-only dates, one-letter state codes', () => {
    expect(WatchlistEntry.safeParse({ ...person, birthDate: '1984-02-29' }).success).toBe(true);
    expect(WatchlistEntry.safeParse({ ...person, birthDate: '1984' }).success).toBe(true);
    expect(WatchlistEntry.safeParse({ ...doc, issuingState: 'D' }).success).toBe(true);
  });

  it('validates documents and the validity window', () => {
    expect(WatchlistEntry.parse(doc).type).toBe('document');
    expect(WatchlistEntry.safeParse({ ...doc, documentNumber: '<<<' }).success).toBe(false);
    expect(WatchlistEntry.safeParse({ ...doc, documentNumber: 'A'.repeat(23) }).success).toBe(false);
    expect(WatchlistEntry.safeParse({ ...doc, documentCode: 'P1' }).success).toBe(false);
    expect(WatchlistEntry.safeParse({ ...doc, validFrom: '2027-01-01', validUntil: '2026-01-01' }).success).toBe(false);
    expect(WatchlistEntry.safeParse({ ...doc, type: 'vehicle' }).success).toBe(false);
  });
});
