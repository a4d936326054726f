import { describe, expect, it } from 'vitest';
import { copyU32, copyU8, f64, i16, i32, LARGE_BYTES, u16, u32, u8 } from './large-arrays.js';

describe('large arrays', () => {
  it('puts arrays of LARGE_BYTES or more on a SharedArrayBuffer and smaller ones on an ordinary buffer, zeroed', () => {
    const cases = [
      [u8, 1],
      [u16, 2],
      [i16, 2],
      [u32, 4],
      [i32, 4],
      [f64, 8],
    ] as const;
    for (const [make, size] of cases) {
      const large = make(LARGE_BYTES / size);
      const small = make(LARGE_BYTES / size - 1);
      expect(large.buffer, make.name).toBeInstanceOf(SharedArrayBuffer);
      expect(small.buffer, make.name).toBeInstanceOf(ArrayBuffer);
      expect(large.length).toBe(LARGE_BYTES / size);
      expect(large.every((v) => v === 0) && small.every((v) => v === 0)).toBe(true);
    }
  });

  it('copies a range into a new array of its own, shared when large', () => {
    const src = u32(LARGE_BYTES / 4 + 10);
    for (let i = 0; i < src.length; i++) src[i] = i * 3;
    const all = copyU32(src);
    const part = copyU32(src, 5, 9);
    expect(all.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...part]).toEqual([15, 18, 21, 24]);
    expect(part.buffer).toBeInstanceOf(ArrayBuffer);
    src[6] = 0;
    expect(part[1]).toBe(18);
    expect(all[6]).toBe(18);
    const bytes = copyU8(new Uint8Array([1, 2, 3, 4]), 1, 3);
    expect([...bytes]).toEqual([2, 3]);
  });
});
