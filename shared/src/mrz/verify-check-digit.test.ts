import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDigit } from './check-digit.js';
import { checkDigitOver } from './verify-check-digit.js';

const MRZ = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<'), minLength: 1, maxLength: 44 });

describe('checkDigitOver (unrolled 7-3-1 across spans)', () => {
  it('equals the plain check digit of the concatenated spans, for any split', () => {
    fc.assert(
      fc.property(MRZ, MRZ, fc.nat(), fc.nat(), (a, b, i, j) => {
        const lines = [a, b];
        const s1 = { line: 0, start: i % a.length, end: a.length };
        const s2 = { line: 1, start: 0, end: j % (b.length + 1) };
        const joined = a.slice(s1.start) + b.slice(0, s2.end);
        expect(checkDigitOver(lines, [s1, s2])).toBe(checkDigit(joined));
      }),
      { seed: 9303, numRuns: 2000 },
    );
  });
  it('returns -1 for a character outside the MRZ alphabet', () => {
    expect(checkDigitOver(['AB c'], [{ line: 0, start: 0, end: 4 }])).toBe(-1);
  });
});
