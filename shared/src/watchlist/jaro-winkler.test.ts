import { describe, expect, it } from 'vitest';
import { jaroWinkler } from './jaro-winkler.js';

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
