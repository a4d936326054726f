import { describe, expect, it } from 'vitest';
import { copyU32, copyU8, f64, i16, i32, LARGE_BYTES, u16, u32, u8, withSharedArrays } from './large-arrays.js';
import { WatchlistIndex } from './watchlist-index.js';
import { decodeSnapshot } from './snapshot-codec.js';

const makers = [
  [u8, 1],
  [u16, 2],
  [i16, 2],
  [u32, 4],
  [i32, 4],
  [f64, 8],
] as const;

describe('large arrays', () => {
  it('inside withSharedArrays puts arrays of LARGE_BYTES or more on a SharedArrayBuffer, the rest and everything outside on ordinary buffers, zeroed', () => {
    for (const [make, size] of makers) {
      const [large, small] = withSharedArrays(() => [make(LARGE_BYTES / size), make(LARGE_BYTES / size - 1)] as const);
      expect(large.buffer, make.name).toBeInstanceOf(SharedArrayBuffer);
      expect(small.buffer, make.name).toBeInstanceOf(ArrayBuffer);
      expect(make(LARGE_BYTES / size).buffer, make.name).toBeInstanceOf(ArrayBuffer);
      expect(large.length).toBe(LARGE_BYTES / size);
      expect(large.every((v) => v === 0) && small.every((v) => v === 0)).toBe(true);
    }
  });

  it('ends the shared allocation when the build throws', () => {
    expect(() =>
      withSharedArrays(() => {
        throw new Error('build failed');
      }),
    ).toThrow('build failed');
    expect(u32(LARGE_BYTES).buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('copies a range into a new array of its own, shared when large inside withSharedArrays', () => {
    const src = u32(LARGE_BYTES / 4 + 10);
    for (let i = 0; i < src.length; i++) src[i] = i * 3;
    const all = withSharedArrays(() => copyU32(src));
    const part = copyU32(src, 5, 9);
    expect(all.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...part]).toEqual([15, 18, 21, 24]);
    src[6] = 0;
    expect(part[1]).toBe(18);
    expect(all[6]).toBe(18);
    expect([...copyU8(new Uint8Array([1, 2, 3, 4]), 1, 3)]).toEqual([2, 3]);
  });

  it('gives a build with sharedArrays the same index as one without, from shared buffers', () => {
    const entries = Array.from({ length: 40_000 }, (_, i) => ({ id: `p-${i}`, type: 'person' as const, surname: `ASANOV${i % 97}`, givenNames: `ERLAN${i % 13}`, birthDate: `19${50 + (i % 50)}`, category: 'wanted', action: 'alert' as const }));
    // Count the shared buffers each build allocates.
    const Original = globalThis.SharedArrayBuffer;
    let allocated = 0;
    globalThis.SharedArrayBuffer = class extends Original {
      constructor(length: number) {
        super(length);
        allocated++;
      }
    } as SharedArrayBufferConstructor;
    try {
      const plain = WatchlistIndex.build(entries).toSnapshot();
      expect(allocated).toBe(0);
      const shared = WatchlistIndex.build(entries, { sharedArrays: true }).toSnapshot();
      expect(allocated).toBeGreaterThan(0);
      expect(Buffer.compare(plain, shared)).toBe(0);
      expect(decodeSnapshot(shared).meta).toMatchObject({ count: 40_000 });
    } finally {
      globalThis.SharedArrayBuffer = Original;
    }
  });
});
