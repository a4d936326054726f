import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fullDate, sortedTokenIds } from './person-core.js';
import { parsePartialDate } from './birth-date-evidence.js';

describe('fullDate (build fast path for list birth dates)', () => {
  it('agrees with parsePartialDate on every YYYY-MM-DD-shaped text and defers on the rest (seeded)', () => {
    const digit = fc.constantFrom(...'0123456789');
    const shaped = fc.array(digit, { minLength: 8, maxLength: 8 }).map((d) => `${d.slice(0, 4).join('')}-${d.slice(4, 6).join('')}-${d.slice(6).join('')}`);
    fc.assert(
      fc.property(fc.oneof(shaped, fc.string({ maxLength: 12 })), (t) => {
        const fast = fullDate(t);
        const slow = parsePartialDate(t);
        if (fast < 0) return; // not a full date: the build asks parsePartialDate itself
        if (fast === 0) expect(slow).toBeUndefined();
        else expect(slow).toEqual({ year: Math.floor(fast / 10000), month: Math.floor(fast / 100) % 100, day: fast % 100 });
      }),
      { seed: 11, numRuns: 5000 },
    );
    expect(fullDate('1968-11-16')).toBe(19681116);
    expect(fullDate('1968-00-16')).toBe(19680000);
    expect(fullDate('0000-01-01')).toBe(0);
    expect(fullDate('1968')).toBe(-1);
  });
});

describe('sortedTokenIds', () => {
  it('orders ids by text (prefixes first, ties by id) and leaves out the marked ones', () => {
    const texts = ['NURBOLOT', 'NURBOLOTBEK', 'NURB', 'A', '', 'NURBOLOT', '3APAROV', 'ZZZZZZ', 'NURBOLOS', 'AB1C', 'NURBOLOTA', 'B'];
    const want = Array.from(texts.keys()).sort((a, b) => (texts[a]! < texts[b]! ? -1 : texts[a]! > texts[b]! ? 1 : a - b));
    expect(Array.from(sortedTokenIds(texts))).toEqual(want);
    const odd = [...texts, 'ÄBC', 'abc'];
    const wantOdd = Array.from(odd.keys()).sort((a, b) => (odd[a]! < odd[b]! ? -1 : odd[a]! > odd[b]! ? 1 : a - b));
    expect(Array.from(sortedTokenIds(odd))).toEqual(wantOdd);
    expect(Array.from(sortedTokenIds(['NURBOLOT', 'A', '', 'NURB', 'A']))).toEqual([2, 1, 4, 3, 0]);
    const leaveOut = Uint8Array.from(texts, (_, i) => (i % 3 === 0 ? 1 : 0));
    expect(Array.from(sortedTokenIds(texts, leaveOut))).toEqual(want.filter((i) => i % 3 !== 0));
  });
});
