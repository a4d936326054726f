import { describe, expect, it } from 'vitest';
import { decodeStringTable, encodeStringTable, lowerBound } from './typed-buffers.js';

describe('string tables', () => {
  it('round-trip ASCII tables (the one-decode fast path), empty strings included', () => {
    const list = ['IVANOV', '', 'ZHAPAROV', 'A', 'line\nbreak', ''];
    expect(decodeStringTable(encodeStringTable(list), list.length)).toEqual(list);
  });

  it('round-trip tables with non-ASCII strings (the per-string path)', () => {
    const list = ['ИВАНОВ', 'MÜLLER', 'plain', 'Жапаров', '😀'];
    expect(decodeStringTable(encodeStringTable(list), list.length)).toEqual(list);
  });

  it('decode malformed UTF-8 the way the per-string decoder does instead of failing the whole table', () => {
    const bytes = encodeStringTable(['AB', 'CD']);
    bytes[bytes.length - 1] = 0xff; // the last string is no longer valid UTF-8
    expect(decodeStringTable(bytes, 2)).toEqual(['AB', 'C\ufffd']);
  });

  it('reject offsets that run backwards or past the blob', () => {
    const bytes = encodeStringTable(['ABC', 'DEF', 'GHI']);
    new DataView(bytes.buffer).setUint32(12, 2, true); // offsets 0, 3, 2, 9: the second string runs backwards
    expect(() => decodeStringTable(bytes, 3)).toThrow(RangeError);
    const past = encodeStringTable(['ABC', 'DEF']);
    new DataView(past.buffer).setUint32(8, 99, true);
    expect(() => decodeStringTable(past, 2)).toThrow(RangeError);
    expect(() => decodeStringTable(encodeStringTable(['A']), 2)).toThrow(RangeError);
  });
});

describe('lowerBound', () => {
  it('finds the first position not below the value, on sorted arrays with duplicates, gaps and values past 2^31', () => {
    let seed = 12345;
    const next = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8);
    for (let round = 0; round < 200; round++) {
      const len = next() % 70;
      // Packed postings (person-core.ts) reach above 2^31: keep some values there.
      const base = round % 2 === 0 ? 0 : 2 ** 31;
      const arr = Uint32Array.from({ length: len }, () => base + (next() % 200)).sort();
      for (let lo = 0; lo <= len; lo++) {
        const hi = lo + (next() % (len - lo + 1));
        for (const value of [base, arr[lo] ?? base, (arr[hi - 1] ?? base) + 1, base + (next() % 210)]) {
          let want = lo;
          while (want < hi && arr[want]! < value) want++;
          expect(lowerBound(arr, lo, hi, value)).toBe(want);
        }
      }
    }
  });
});
