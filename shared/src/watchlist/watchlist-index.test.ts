import { describe, expect, it } from 'vitest';
import { WatchlistIndex, DEFAULT_ALERT_THRESHOLD } from './watchlist-index.js';
import type { WatchlistEntry } from './watchlist-entry.js';
import { isAspkError } from '../errors/aspk-error.js';
import { decodeSnapshot, encodeSnapshot, type SectionValue } from './snapshot-codec.js';

const person = (id: string, surname: string, givenNames: string, extra: Partial<Extract<WatchlistEntry, { type: 'person' }>> = {}): WatchlistEntry => ({
  id, type: 'person', surname, givenNames, category: 'wanted', action: 'refer', ...extra,
});
const doc = (id: string, issuingState: string, documentNumber: string): WatchlistEntry => ({ id, type: 'document', issuingState, documentNumber, category: 'stolen', action: 'deny' });

const entries: WatchlistEntry[] = [
  person('p-japarov', 'JAPAROV', 'SADYR', { birthDate: '1968', nationality: 'KGZ', sex: 'M' }),
  person('p-cyr', 'Жээнбеков', 'Сооронбай Шарипович', { birthDate: '1958-11-16', nationality: 'KGZ', sex: 'M' }),
  person('p-bakyt', 'BAKYT UULU', 'AZAMAT', { birthDate: '1990-03-04' }),
  person('p-abdur', 'KARIMOV', 'ABDURAKHMAN', { birthDate: '1985-11-02', aliases: [{ surname: 'KARIMOV', givenNames: 'ABDUL RAHMAN' }] }),
  person('p-long', 'ABDURAKHMANOVA', 'GULCHEHRA ABDUMALIKOVNA', { birthDate: '1979-04-30', sex: 'F' }),
  person('p-ivanova', 'IVANOVA', 'NATALYA', { birthDate: '1975-08-11', nationality: 'RUS', sex: 'F' }),
  person('p-nurlan', 'ASANOV', 'NURLAN', { birthDate: '1980-01-15' }),
  doc('d-de', 'D', 'C01X00T47'),
  doc('d-kg', 'KGZ', 'AC0123456'),
  doc('d-ru', 'RUS', '001234567'),
];
const index = WatchlistIndex.build(entries);
const top = (q: Parameters<WatchlistIndex['screen']>[0]) => index.screen(q)[0];

describe('WatchlistIndex.screen', () => {
  it('matches ZH/J variants with explained reasons and year-only dates', () => {
    const h = top({ surname: 'ZHAPAROV', givenNames: 'SADYR', birthDate: '1968-12-06', nationality: 'KGZ', sex: 'M' });
    expect(h?.entryId).toBe('p-japarov');
    expect(h!.score).toBeGreaterThanOrEqual(DEFAULT_ALERT_THRESHOLD);
    expect(h!.reasons).toContain('surname ZHAPAROV ~ JAPAROV: ZH/J variant');
    expect(h!.reasons).toContain('birth year 1968 matches a year-only date');
    expect(h!.reasonCodes).toEqual(expect.arrayContaining(['name-folded', 'dob-year-only']));
  });

  it('matches a Cyrillic list name against an MRZ spelling, the patronymic missing', () => {
    const h = top({ surname: 'JEENBEKOV', givenNames: 'SOORONBAI', birthDate: '1958-11-16' });
    expect(h?.entryId).toBe('p-cyr');
    expect(h!.reasonCodes).toContain('patronymic-missing');
  });

  it('handles glued markers, swapped name order and merged tokens', () => {
    expect(top({ surname: 'BAKYTUULU', givenNames: 'AZAMAT', birthDate: '1990-03-04' })?.entryId).toBe('p-bakyt');
    const swapped = top({ surname: 'AZAMAT', givenNames: 'BAKYT', birthDate: '1990-03-04' });
    expect(swapped?.entryId).toBe('p-bakyt');
    expect(swapped!.reasonCodes).toContain('name-order');
    expect(top({ surname: 'KARIMOV', givenNames: 'ABDULRAHMAN', birthDate: '1985-11-02' })?.entryId).toBe('p-abdur');
  });

  it('matches a truncated MRZ name by prefix', () => {
    const h = top({ surname: 'ABDURAKHMANOVA', givenNames: 'GULCHEHRA ABDUMA', nameMayBeTruncated: true, birthDate: '1979-04-30' });
    expect(h?.entryId).toBe('p-long');
    expect(h!.reasonCodes).toContain('name-truncated');
    expect(index.screen({ surname: 'ABDURAKHMANOVA', givenNames: 'GULCHEHRA ABDUMA', birthDate: '1979-04-30' })[0]?.score ?? 0).toBeLessThan(h!.score);
  });

  it('tolerates one OCR-like letter error', () => {
    expect(top({ surname: 'IVANQVA', givenNames: 'NATALYA', birthDate: '1975-08-11' })?.entryId).toBe('p-ivanova');
  });

  it('lowers, but does not zero, the score for near-miss dates, other nationality and sex', () => {
    const score = (extra: object): number => index.screen({ surname: 'IVANOVA', givenNames: 'NATALIA', ...extra }, { threshold: 0 })[0]?.score ?? 0;
    const exact = score({ birthDate: '1975-08-11' });
    const swapped = score({ birthDate: '1975-11-08' });
    const yearOff = score({ birthDate: '1976-08-11' });
    const other = score({ birthDate: '1975-08-11', nationality: 'KAZ', sex: 'M' });
    const none = score({});
    for (const s of [swapped, yearOff, other, none]) {
      expect(s).toBeLessThan(exact);
      expect(s).toBeGreaterThan(0.7);
    }
    expect(score({ birthDate: '1975' })).toBeGreaterThan(yearOff);
  });

  it('does not alert on a different person or a namesake born far apart', () => {
    expect(index.screen({ surname: 'PETROV', givenNames: 'IVAN', birthDate: '1975-08-11' })).toEqual([]);
    expect(index.screen({ surname: 'ASANOV', givenNames: 'ERLAN', birthDate: '1980-01-15' })).toEqual([]);
    expect(index.screen({ surname: 'IVANOVA', givenNames: 'NATALYA', birthDate: '1990-08-11' })).toEqual([]);
  });

  it('honours threshold and limit and sorts by score', () => {
    const all = index.screen({ surname: 'IVANOVA', givenNames: 'NATALYA', birthDate: '1976-08-21', issuingState: 'KGZ', documentNumber: 'AC0123456' }, { threshold: 0.5 });
    expect(all.map((h) => h.score)).toEqual([...all.map((h) => h.score)].sort((a, b) => b - a));
    expect(all[0]).toMatchObject({ entryId: 'd-kg', kind: 'document', score: 1 });
    expect(index.screen({ surname: 'IVANOVA', givenNames: 'NATALYA', birthDate: '1976-08-21' }, { threshold: 0.99 })).toEqual([]);
    expect(index.screen({ surname: 'IVANOVA', givenNames: 'NATALYA', issuingState: 'KGZ', documentNumber: 'AC0123456' }, { limit: 1 })).toHaveLength(1);
  });
});

describe('WatchlistIndex.lookupDocument', () => {
  it('finds exact numbers, D ≡ DEU, and OCR-confusable variants below exact hits', () => {
    expect(index.lookupDocument('DEU', 'C01X00T47')).toMatchObject([{ entryId: 'd-de', match: 'exact', score: 1, reasonCodes: ['doc-exact'] }]);
    const ocr = index.lookupDocument('D', 'CO1XO0T47');
    expect(ocr).toMatchObject([{ entryId: 'd-de', match: 'ocr-variant', reasonCodes: ['doc-ocr-variant'] }]);
    expect(ocr[0]!.score).toBeGreaterThan(DEFAULT_ALERT_THRESHOLD);
    expect(ocr[0]!.score).toBeLessThan(1);
    expect(index.lookupDocument('RUS', '1234567')[0]?.entryId).toBe('d-ru'); // leading zeros dropped
  });
  it('does not match another issuing state or a different character', () => {
    expect(index.lookupDocument('KAZ', 'AC0123456')).toEqual([]);
    expect(index.lookupDocument('KGZ', 'AC0123457')).toEqual([]);
    expect(index.lookupDocument('KGZ', '')).toEqual([]);
  });
});

describe('updates and snapshots', () => {
  it('upserts, replaces and removes entries without a rebuild', () => {
    const ix = WatchlistIndex.build(entries);
    expect(ix.size).toBe(entries.length);
    ix.upsert(person('p-new', 'TASHIEV', 'KAMCHYBEK', { birthDate: '1976' }));
    expect(ix.size).toBe(entries.length + 1);
    expect(ix.screen({ surname: 'TASHIYEV', givenNames: 'KAMCHIBEK', birthDate: '1976-05-05' })[0]?.entryId).toBe('p-new');
    ix.upsert(person('p-japarov', 'OTHER', 'NAME'));
    expect(ix.screen({ surname: 'JAPAROV', givenNames: 'SADYR', birthDate: '1968-01-01' })).toEqual([]);
    expect(ix.get('p-japarov')).toMatchObject({ surname: 'OTHER' });
    expect(ix.remove('d-de')).toBe(true);
    expect(ix.remove('d-de')).toBe(false);
    expect(ix.lookupDocument('D', 'C01X00T47')).toEqual([]);
    expect(ix.get('d-de')).toBeUndefined();
    expect(ix.size).toBe(entries.length);
    const compacted = ix.compact();
    expect(compacted.size).toBe(ix.size);
    expect(compacted.pendingChanges).toBe(0);
    expect(compacted.get('p-new')).toMatchObject({ surname: 'TASHIEV' });
  });

  it('keeps the last of duplicate ids at build time', () => {
    const ix = WatchlistIndex.build([person('dup', 'FIRST', 'ONE'), doc('d', 'KGZ', 'AC1'), person('dup', 'SECOND', 'TWO')]);
    expect(ix.size).toBe(2);
    expect(ix.get('dup')).toMatchObject({ surname: 'SECOND' });
    expect(ix.screen({ surname: 'FIRST', givenNames: 'ONE' })).toEqual([]);
  });

  it('round-trips through a binary snapshot, overlay included', () => {
    const ix = WatchlistIndex.build(entries);
    ix.upsert(person('p-new', 'TASHIEV', 'KAMCHYBEK'));
    ix.remove('p-nurlan');
    const loaded = WatchlistIndex.fromSnapshot(ix.toSnapshot());
    expect(loaded.size).toBe(ix.size);
    for (const q of [{ surname: 'ZHAPAROV', givenNames: 'SADYR', birthDate: '1968-12-06' }, { surname: 'TASHIEV', givenNames: 'KAMCHYBEK' }, { surname: 'ASANOV', givenNames: 'NURLAN', birthDate: '1980-01-15' }]) {
      expect(loaded.screen(q)).toEqual(ix.screen(q));
    }
    expect(loaded.get('p-cyr')).toEqual(entries[1]);
    // A copy at an odd byte offset (misaligned typed arrays) loads too.
    const snap = ix.toSnapshot();
    const odd = new Uint8Array(snap.length + 1).subarray(1);
    odd.set(snap);
    expect(WatchlistIndex.fromSnapshot(odd).size).toBe(ix.size);
  });

  it('answers document lookups and get(id) from a loaded snapshot exactly as the built index', () => {
    const loaded = WatchlistIndex.fromSnapshot(index.toSnapshot());
    const probes: [string, string][] = [['DEU', 'C01X00T47'], ['D', 'CO1XO0T47'], ['RUS', '1234567'], ['RUS', '001234567'], ['KGZ', 'AC0I23456'], ['KAZ', 'AC0123456'], ['KGZ', 'AC0123457'], ['KGZ', ''], ['D', 'c01x-00t47']];
    for (const [s, n] of probes) expect(loaded.lookupDocument(s, n), `${s} ${n}`).toEqual(index.lookupDocument(s, n));
    expect(loaded.lookupDocument('D', 'CO1XO0T47')[0]).toMatchObject({ entryId: 'd-de', action: 'deny', category: 'stolen', match: 'ocr-variant' });
    for (const e of entries) expect(loaded.get(e.id)).toEqual(e);
    expect(loaded.get('nope')).toBeUndefined();
  });

  it('refuses a corrupted snapshot with WATCHLIST_SNAPSHOT_INVALID', () => {
    const snap = WatchlistIndex.build(entries).toSnapshot();
    snap[snap.length - 3]! ^= 0xff;
    expect(() => WatchlistIndex.fromSnapshot(snap)).toThrow(expect.objectContaining({ code: 'WATCHLIST_SNAPSHOT_INVALID' }));
    try {
      WatchlistIndex.fromSnapshot(new Uint8Array(5));
    } catch (e) {
      expect(isAspkError(e, 'WATCHLIST_SNAPSHOT_INVALID')).toBe(true);
    }
  });
});

describe('snapshot format 8 and the single document table', () => {
  it('rejects a format-7 snapshot with WATCHLIST_SNAPSHOT_INVALID (the caller rebuilds from list data)', () => {
    const snap = WatchlistIndex.build(entries).toSnapshot();
    const headLen = new DataView(snap.buffer, snap.byteOffset).getUint32(8, true);
    const header = new TextDecoder().decode(snap.subarray(12, 12 + headLen));
    expect(header.startsWith('{"format":8,')).toBe(true);
    snap.set(new TextEncoder().encode('{"format":7,'), 12); // same length: only the format number differs
    expect(() => WatchlistIndex.fromSnapshot(snap, { verifyHash: false })).toThrow(expect.objectContaining({ code: 'WATCHLIST_SNAPSHOT_INVALID', message: 'unsupported snapshot format 7' }));
  });

  it('rejects a well-formed snapshot whose sections are missing, mistyped or of the wrong length', () => {
    const { meta, sections } = decodeSnapshot(WatchlistIndex.build(entries).toSnapshot());
    const persons = (meta as { count: number }).count;
    const variant = (name: string, value: SectionValue | undefined): Uint8Array => {
      const copy = Object.fromEntries(sections);
      if (value === undefined) delete copy[name];
      else copy[name] = value;
      return encodeSnapshot(meta, copy);
    };
    const invalid = (message: string) => expect.objectContaining({ code: 'WATCHLIST_SNAPSHOT_INVALID', message });
    expect(() => WatchlistIndex.fromSnapshot(variant('p.traits', undefined))).toThrow(invalid('snapshot lacks section p.traits'));
    expect(() => WatchlistIndex.fromSnapshot(variant('p.yearNat', new Uint16Array(persons)))).toThrow(invalid('snapshot section p.yearNat has the wrong type'));
    expect(() => WatchlistIndex.fromSnapshot(variant('e.dict', new Uint8Array(3)))).toThrow(invalid('snapshot section e.dict has the wrong type'));
    expect(() => WatchlistIndex.fromSnapshot(variant('p.record', new Uint32Array(persons + 1)))).toThrow(invalid('snapshot section p.record does not have one element per person'));
    expect(() => WatchlistIndex.fromSnapshot(variant('p.keySpan', new Uint32Array(3)))).toThrow(invalid('snapshot section p.keySpan does not have two elements per key'));
    expect(() => WatchlistIndex.fromSnapshot(variant('p.sketches', new Uint32Array(persons)))).toThrow(invalid('snapshot section p.sketches does not have two elements per person'));
    expect(() => WatchlistIndex.fromSnapshot(encodeSnapshot({ ...(meta as object), engine: 'an older engine' }, Object.fromEntries(sections)))).toThrow(
      invalid('snapshot was built by another version of the watchlist engine (its name keys may differ): rebuild it from the list'),
    );
    expect(() => WatchlistIndex.fromSnapshot(encodeSnapshot({ ...(meta as object), overlay: [{ id: 'x' }] }, Object.fromEntries(sections)))).toThrow(
      expect.objectContaining({ code: 'WATCHLIST_SNAPSHOT_INVALID', message: expect.stringMatching(/^snapshot metadata is malformed: overlay\.0/) }),
    );
    // The unchanged sections re-encoded load and screen as before.
    expect(WatchlistIndex.fromSnapshot(encodeSnapshot(meta, Object.fromEntries(sections))).size).toBe(entries.length);
  });

  it('rejects sections that do not fit together, naming the section', () => {
    const { meta, sections } = decodeSnapshot(WatchlistIndex.build(entries).toSnapshot());
    const u32 = (name: string): Uint32Array => sections.get(name) as Uint32Array;
    const variant = (name: string, value: SectionValue): Uint8Array => encodeSnapshot(meta, { ...Object.fromEntries(sections), [name]: value });
    const invalid = (message: string) => expect.objectContaining({ code: 'WATCHLIST_SNAPSHOT_INVALID', message: `snapshot section ${message}` });
    const edited = (name: string, edit: (a: Uint32Array) => void): Uint8Array => {
      const a = u32(name).slice();
      edit(a);
      return variant(name, a);
    };
    const postings = u32('p.postings').length;
    expect(() => WatchlistIndex.fromSnapshot(edited('p.keySpan', (a) => (a[1] = postings + 1)))).toThrow(invalid('p.keySpan holds a span outside the postings'));
    expect(() => WatchlistIndex.fromSnapshot(edited('p.keySpan', (a) => ((a[0] = 2), (a[1] = 1))))).toThrow(invalid('p.keySpan holds a span outside the postings'));
    expect(() => WatchlistIndex.fromSnapshot(edited('p.nameTokStart', (a) => (a[a.length - 1] = 4_000_000_000)))).toThrow(invalid('p.nameTokStart does not run from 0 to the length it indexes'));
    expect(() => WatchlistIndex.fromSnapshot(edited('p.tokKeyStart', (a) => (a[0] = 1)))).toThrow(invalid('p.tokKeyStart does not run from 0 to the length it indexes'));
    expect(() => WatchlistIndex.fromSnapshot(edited('p.tokKeys', (a) => (a[0] = (sections.get('keys') as string[]).length)))).toThrow(invalid('p.tokKeys points past what it indexes'));
    expect(() => WatchlistIndex.fromSnapshot(edited('p.yearStart', (a) => (a[0] = 1_000_000)))).toThrow(invalid('p.yearStart is not an ascending list of person ids'));
    expect(() => WatchlistIndex.fromSnapshot(variant('d.foldSlots', u32('d.foldSlots').subarray(0, 6)))).toThrow(invalid('d.foldSlots is not a power of two of slots'));
    expect(() => WatchlistIndex.fromSnapshot(variant('tokFold1', (sections.get('tokFold1') as string[]).slice(1)))).toThrow(invalid(`tokFold1 does not have ${(sections.get('tokens') as string[]).length} elements`));
    expect(() => WatchlistIndex.fromSnapshot(edited('e.shapeFields', (a) => (a[0] = 8 * 1000)))).toThrow(invalid('e.shapeFields points past what it indexes'));
  });

  it('ends a lookup in an open-addressing table without a free slot instead of hanging', () => {
    const { meta, sections } = decodeSnapshot(WatchlistIndex.build(entries).toSnapshot());
    const full = (sections.get('d.foldSlots') as Uint32Array).slice();
    for (let i = 0; i < full.length; i += 2) (full[i] = 12345), (full[i + 1] = 1); // every slot taken, no hash matches
    const ids = new Int32Array((sections.get('e.idSlots') as Int32Array).length).fill(0); // every slot record 0
    const loaded = WatchlistIndex.fromSnapshot(encodeSnapshot(meta, { ...Object.fromEntries(sections), 'd.foldSlots': full, 'e.idSlots': ids }));
    expect(loaded.lookupDocument('KGZ', 'AC0123456')).toEqual([]);
    expect(loaded.get('no such id')).toBeUndefined();
  });

  it('carries the caller\'s tag, readable from the header alone', () => {
    const ix = WatchlistIndex.build(entries);
    const snap = ix.toSnapshot({ version: 7, head: 'ab12' });
    expect(WatchlistIndex.snapshotTag(snap)).toEqual({ version: 7, head: 'ab12' });
    snap[snap.length - 3]! ^= 0xff; // the body is not read for the tag
    expect(WatchlistIndex.snapshotTag(snap)).toEqual({ version: 7, head: 'ab12' });
    expect(WatchlistIndex.snapshotTag(ix.toSnapshot())).toBeUndefined();
    expect(() => WatchlistIndex.snapshotTag(new TextEncoder().encode('not a snapshot at all'))).toThrow(expect.objectContaining({ code: 'WATCHLIST_SNAPSHOT_INVALID' }));
  });

  it('refuses a header that is JSON but not a snapshot header', () => {
    const header = new TextEncoder().encode(JSON.stringify({ format: 8, meta: {}, sections: 'none', chunkBytes: 4, sha256: [] }));
    const bytes = new Uint8Array(16 + header.length);
    bytes.set(new TextEncoder().encode('ASPKWL\u0000\u0001'), 0);
    new DataView(bytes.buffer).setUint32(8, header.length, true);
    bytes.set(header, 12);
    expect(() => WatchlistIndex.fromSnapshot(bytes)).toThrow(expect.objectContaining({ code: 'WATCHLIST_SNAPSHOT_INVALID', message: expect.stringMatching(/^snapshot header is malformed: sections/) }));
  });

  it('reports duplicate listed numbers exact first, then OCR variants, each in list order, also after a snapshot', () => {
    const list = [doc('d-1', 'KGZ', 'AC0123456'), doc('d-2', 'KGZ', 'AC0I23456'), doc('d-3', 'KGZ', 'AC0123456'), doc('d-4', 'KGZ', 'ACO123456'), doc('d-5', 'KAZ', 'AC0123456')];
    const built = WatchlistIndex.build(list);
    for (const ix of [built, WatchlistIndex.fromSnapshot(built.toSnapshot())]) {
      const hits = ix.lookupDocument('KGZ', 'AC0123456');
      expect(hits.map((h) => [h.entryId, h.match])).toEqual([['d-1', 'exact'], ['d-3', 'exact'], ['d-2', 'ocr-variant'], ['d-4', 'ocr-variant']]);
      expect(hits[2]!.reasons).toEqual(['document number AC0123456 ~ listed AC0I23456: OCR-confusable characters (1/I)']);
      expect(ix.lookupDocument('KGZ', 'AC0I23456').map((h) => h.entryId)).toEqual(['d-2', 'd-1', 'd-3', 'd-4']);
    }
  });

  it('keeps tombstones through a snapshot as a list of dead records', () => {
    const ix = WatchlistIndex.build(entries);
    ix.remove('d-kg');
    ix.remove('p-nurlan');
    const loaded = WatchlistIndex.fromSnapshot(ix.toSnapshot());
    expect(loaded.size).toBe(ix.size);
    expect(loaded.get('d-kg')).toBeUndefined();
    expect(loaded.lookupDocument('KGZ', 'AC0123456')).toEqual([]);
    expect(loaded.pendingChanges).toBe(2);
  });
});
