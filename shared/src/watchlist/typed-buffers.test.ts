import { describe, expect, it } from 'vitest';
import { decodeStringTable, encodeStringTable } from './typed-buffers.js';

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
