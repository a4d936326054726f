import { describe, expect, it } from 'vitest';
import { parseMrz } from '@aspk/shared';
import { Prng } from '../prng.js';
import { getReaderProfile } from '../profiles/reader-profiles.js';
import { TravellerGenerator } from '../travellers/traveller-generator.js';
import { applyFaults, noiseBytes, SCAN_FAULTS, type ScanFault } from './fault-injector.js';

const SEED = 99;
const ctx = (prng: Prng) => ({ prng, profile: getReaderProfile('access-is'), idleTimeoutMs: 150, doubleReadDelayMs: [50, 2000] as const, lineGapMs: 60 });
const travellers = new TravellerGenerator({ seed: SEED, now: new Date('2026-06-01'), mix: { watchlisted: 0, stolen: 0, invalid: 0, expired: 0, minor: 0 } }).take(200);

function validity(lines: string[]): boolean {
  return parseMrz(lines, { referenceDate: '2026-06-01' }).ok;
}

describe('fault injectors', () => {
  it('undetectable misreads (same confusion class) change the MRZ and still pass every check digit', () => {
    const prng = new Prng(SEED);
    let changed = 0;
    for (const t of travellers) {
      const f = applyFaults(t.lines, ['misread-undetected'], ctx(prng));
      if (f.lines.join('\n') === t.mrz) continue;
      changed++;
      const r = parseMrz(f.lines, { referenceDate: '2026-06-01' });
      expect(r.errors.filter((i) => i.code.startsWith('CHECK_DIGIT')), `seed ${SEED} ${f.lines.join('|')}`).toEqual([]);
    }
    expect(changed).toBeGreaterThan(150);
  });

  it('detectable misreads (different classes) always break the MRZ', () => {
    const prng = new Prng(SEED);
    for (const t of travellers) {
      const f = applyFaults(t.lines, ['misread-detected'], ctx(prng));
      expect(f.lines.join('\n')).not.toBe(t.mrz);
      expect(validity(f.lines), `seed ${SEED} ${f.lines.join('|')}`).toBe(false);
      expect(f.expect).toBe('exact'); // the driver must deliver the misread as sent; the validator rejects it
    }
  });

  it('noise is never printable, so it cannot forge MRZ text', () => {
    const b = noiseBytes(new Prng(SEED), 10_000);
    expect([...b].every((x) => x < 0x20 || x >= 0x7f)).toBe(true);
    expect(b.includes(0x00) && b.includes(0xff)).toBe(true);
  });

  it('classifies every fault and is reproducible from the seed', () => {
    const expectations: Record<string, string> = {};
    for (const fault of SCAN_FAULTS) {
      const a = applyFaults(travellers[0]?.lines ?? [], [fault as ScanFault], ctx(new Prng(1)));
      const b = applyFaults(travellers[0]?.lines ?? [], [fault as ScanFault], ctx(new Prng(1)));
      expect(a).toEqual(b);
      expectations[fault] = a.expect;
    }
    expect(expectations).toMatchObject({
      partial: 'no-document', 'dropped-line': 'no-document', 'long-pause': 'no-document', 'empty-block': 'no-document',
      'double-read': 'exact', 'noise-before': 'exact', 'noise-inside': 'at-most-exact', substitute: 'at-most-exact',
    });
  });

  it('a long pause is longer than the idle timeout; a double read repeats within its window', () => {
    const f = applyFaults(travellers[1]?.lines ?? [], ['long-pause', 'double-read'], ctx(new Prng(3)));
    expect(Math.max(...f.frame.segments.map((s) => s.gapBeforeMs))).toBeGreaterThan(150);
    expect(f.repeat?.afterMs).toBeGreaterThanOrEqual(50);
    expect(f.repeat?.afterMs).toBeLessThanOrEqual(2000);
  });
});
