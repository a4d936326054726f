import { describe, expect, it } from 'vitest';
import { parseMrz, WatchlistEntry } from '@aspk/shared';
import { NAME_POOLS } from './name-pools.js';
import { cyrillicToIcao, cyrillicVariant, latinToMrz } from './transliteration.js';
import { DOCUMENT_KINDS, TravellerGenerator } from './traveller-generator.js';

const SEED = 2026;
const NOW = new Date('2026-06-01T00:00:00Z');

describe('TravellerGenerator', () => {
  it('is reproducible from its seed', () => {
    const a = new TravellerGenerator({ seed: SEED, now: NOW }).take(50);
    const b = new TravellerGenerator({ seed: SEED, now: NOW }).take(50);
    expect(a).toEqual(b);
    expect(new TravellerGenerator({ seed: SEED + 1, now: NOW }).take(50)).not.toEqual(a);
  });

  it('writes valid MRZs of every format for every nationality pool (checked by the shared MRZ engine)', () => {
    const g = new TravellerGenerator({ seed: SEED, now: NOW, mix: { watchlisted: 0, stolen: 0, invalid: 0, expired: 0, minor: 0 } });
    const kinds = new Set<string>();
    const nats = new Set<string>();
    for (const t of g.take(600)) {
      const r = parseMrz(t.lines, { referenceDate: '2026-06-01' });
      expect(r.errors, `seed ${SEED} ${t.id} ${t.mrz}`).toEqual([]);
      expect(r.document?.expired).toBe(false);
      kinds.add(t.kind);
      nats.add(t.nationality);
    }
    expect([...kinds].sort()).toEqual([...DOCUMENT_KINDS].sort());
    expect([...nats].sort()).toEqual(NAME_POOLS.map((p) => p.code).sort());
  });

  it('produces the configured shares of listed, stolen, invalid, expired and minor travellers', () => {
    const mix = { watchlisted: 0.2, stolen: 0.1, invalid: 0.1, expired: 0.15, minor: 0.25 };
    const ts = new TravellerGenerator({ seed: SEED, now: NOW, mix }).take(2000);
    const share = (f: (t: (typeof ts)[number]) => boolean): number => ts.filter(f).length / ts.length;
    expect(share((t) => t.watchlistEntryId !== null)).toBeCloseTo(0.2, 1);
    expect(share((t) => t.invalid)).toBeCloseTo(0.1, 1);
    expect(share((t) => t.expired)).toBeCloseTo(0.15, 1);
    expect(share((t) => t.minor)).toBeCloseTo(0.25, 1);
    expect(share((t) => t.stolenEntryId !== null)).toBeGreaterThan(0.05); // visas are never on the document list
    for (const t of ts) {
      const r = parseMrz(t.lines, { referenceDate: '2026-06-01' });
      if (t.invalid) expect(r.errors.some((e) => e.code === 'CHECK_DIGIT_MISMATCH'), t.mrz).toBe(true);
      else {
        expect(r.errors, t.mrz).toEqual([]);
        expect(r.document?.expired).toBe(t.expired);
        expect((r.document?.age ?? 99) < 18).toBe(t.minor);
      }
    }
  });

  it('emits watchlist entries that the shared schema accepts, listing people under another spelling where one exists', () => {
    const ts = new TravellerGenerator({ seed: SEED, now: NOW, mix: { watchlisted: 1, stolen: 1 } }).take(300);
    let respelled = 0;
    for (const t of ts) {
      for (const e of t.watchlistEntries) {
        const r = WatchlistEntry.safeParse(e);
        expect(r.success, `${JSON.stringify(e)} ${r.success ? '' : r.error.message}`).toBe(true);
        if (e.type === 'person' && e.surname !== t.surname) respelled++;
        if (e.type === 'document') expect(e.documentNumber).toBe(t.document.documentNumber);
      }
    }
    expect(respelled).toBeGreaterThan(150);
  });
});

describe('transliteration', () => {
  it('writes passport (ICAO 9303-3) forms and the variants lists carry', () => {
    expect(cyrillicToIcao('Юрий')).toBe('IURII');
    expect(cyrillicToIcao('Жээнбеков')).toBe('ZHEENBEKOV');
    expect(cyrillicToIcao('Үсөнов')).toBe('USONOV');
    expect(cyrillicToIcao('Қасымов')).toBe('KASYMOV');
    expect(latinToMrz('Müller')).toBe('MUELLER');
    expect(latinToMrz('Şahin')).toBe('SAHIN');
    expect(cyrillicVariant('Жапаров', () => 0)).toBe('JAPAROV');
  });
});
