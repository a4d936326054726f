import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { WatchlistEntry } from './watchlist-entry.js';
import { buildIdTable, EntryStore } from './entry-store.js';

const entries: WatchlistEntry[] = [
  { id: 'P-1', type: 'person', surname: 'Жапаров', givenNames: 'Садыр Нургожоевич', aliases: [{ surname: 'JAPAROV', givenNames: 'SADYR' }], birthDate: '1968', nationality: 'KGZ', sex: 'M', category: 'wanted', action: 'refer', notes: 'line one\nline two, ünïcödé and a long text '.repeat(8) },
  { id: 'D-1', type: 'document', issuingState: 'D', documentNumber: 'C01X00T47', documentCode: 'P', category: 'stolen\nby hand', action: 'deny' },
  { id: 'идентификатор-3', type: 'person', surname: 'ASANOV', givenNames: '', category: 'wanted', action: 'protect', extra: { n: 1, list: [true, null] }, rank: 7 } as WatchlistEntry,
];

describe('EntryStore (binary records, watchlist-matching.md §4.10)', () => {
  it('decodes every entry of a snapshot store field for field, extra fields and newlines included', () => {
    const { table, superseded } = buildIdTable(entries);
    expect(superseded).toEqual([]);
    const built = new EntryStore(table, entries);
    const loaded = new EntryStore(built.snapshotData());
    entries.forEach((e, r) => {
      expect(loaded.entry(r)).toEqual(e);
      expect(JSON.stringify(loaded.entry(r))).toBe(JSON.stringify(e)); // field order kept
      expect(loaded.find(e.id)).toBe(r);
      expect(loaded.id(r)).toBe(e.id);
      expect(loaded.action(r)).toBe(e.action);
      expect(loaded.category(r)).toBe(e.category);
    });
    expect(loaded.find('P-2')).toBe(-1);
    expect(loaded.find('')).toBe(-1);
  });

  it('finds ids and reports the earlier of duplicate ids (random ids, seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }), { maxLength: 200 }), (ids) => {
        const list = ids.map((id) => ({ id, type: 'document', issuingState: 'KGZ', documentNumber: 'A1', category: 'c', action: 'alert' }) as WatchlistEntry);
        const { table, superseded } = buildIdTable(list);
        const store = new EntryStore(table, list);
        const last = new Map<string, number>();
        list.forEach((e, i) => last.set(e.id, i));
        const expected = list.map((e, i) => i).filter((i) => last.get(list[i]!.id) !== i);
        expect([...superseded].sort((a, b) => a - b)).toEqual(expected);
        // find() returns the last occurrence: the one the table kept.
        for (const [id, i] of last) expect(store.find(id)).toBe(i);
      }),
      { seed: 777, numRuns: 200 },
    );
  });
});
