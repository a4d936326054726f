/** parseMrz never throws and keeps its invariants, for any input (icao-9303.md §1; issue: "never an exception"). */
import { describe, expect, it } from 'vitest';
import { parseMrz } from '@aspk/shared';
import { checkInvariants, fuzzMrz } from './mrz-fuzz.js';

const SEED = Number(process.env['MRZ_FUZZ_SEED'] ?? 9303);

describe('parseMrz never throws', () => {
  it(`keeps its invariants over 120k mutated and random inputs (seed ${SEED})`, () => {
    const stats = fuzzMrz(120_000, SEED);
    expect(stats.inputs).toBe(120_000);
    // The mutations must exercise both sides: documents still valid, documents read with errors.
    expect(stats.ok).toBeGreaterThan(1000);
    expect(stats.withDocument).toBeGreaterThan(30_000);
    expect(stats.suggestions).toBeGreaterThan(100);
  });

  it('handles 10 KB of garbage, NUL bytes, lone surrogates and hostile objects', () => {
    const hostile: unknown[] = [
      'x'.repeat(10_240),
      '\u0000'.repeat(90),
      '\uD800'.repeat(44) + '\n' + '\uDC00'.repeat(44),
      ['P<'.padEnd(44, '\u0000'), 'L'.padEnd(44, '\u0000')],
      new Array(100_000).fill('A'),
      Object.create(null),
      new Proxy([], { get: () => { throw new Error('boom'); } }),
      { length: 2, 0: 'a', 1: 'b' },
      new String('P<UTO'),
      123n,
    ];
    for (const input of hostile) {
      const r = parseMrz(input as string);
      expect(r.ok).toBe(false);
      expect(checkInvariants(r)).toBeNull();
    }
  });
});
