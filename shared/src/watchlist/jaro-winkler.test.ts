import { describe, expect, it } from 'vitest';
import { jaroWinkler, jaroWinklerBound } from './jaro-winkler.js';

describe('jaroWinkler', () => {
  it('matches published reference values', () => {
    // Winkler's classic examples.
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
  });
  it('is 1 for equal strings, 0 for disjoint or empty ones, and symmetric', () => {
    expect(jaroWinkler('IVANOV', 'IVANOV')).toBe(1);
    expect(jaroWinkler('ABC', 'XYZ')).toBe(0);
    expect(jaroWinkler('', 'A')).toBe(0);
    expect(jaroWinkler('IVANOV', 'IVANOVA')).toBeCloseTo(jaroWinkler('IVANOVA', 'IVANOV'), 12);
  });
  it('keeps short tokens high (JON/JOHN) where edit-distance budgets fall off a cliff', () => {
    expect(jaroWinkler('JON', 'JOHN')).toBeGreaterThan(0.9);
  });
});

describe('jaroWinklerBound', () => {
  it('is never below jaroWinkler, and equal for equal strings and for strings without common letters', () => {
    // Seeded pseudo-random pairs over a small alphabet (many shared letters, transpositions, length gaps),
    // plus fold symbols and non-ASCII letters.
    let seed = 12345;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const alphabet = 'AEIOUNRSTKLMB1235ÖÜ';
    const word = (): string => Array.from({ length: 1 + next(12) }, () => alphabet[next(alphabet.length)]).join('');
    for (let i = 0; i < 20000; i++) {
      const a = word();
      const b = next(4) === 0 ? a.slice(0, 1 + next(a.length)) + word() : word();
      expect(jaroWinklerBound(a, b)).toBeGreaterThanOrEqual(jaroWinkler(a, b) - 1e-12);
    }
    expect(jaroWinklerBound('IVANOV', 'IVANOV')).toBe(1);
    expect(jaroWinklerBound('ABC', 'XYZ')).toBe(0);
    expect(jaroWinklerBound('', 'A')).toBe(0);
  });
  it('is below the match floor for unrelated names, so the exact similarity is skipped', () => {
    expect(jaroWinklerBound('SERGEEV', 'ZHAPAROVA')).toBeLessThan(0.8);
    expect(jaroWinklerBound('MARTHA', 'MARHTA')).toBeGreaterThan(0.96);
  });
});
