import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_CHUNK_BYTES, snapshotChunks, snapshotHeaderLength } from './snapshot-codec.js';

// A body of a little over two chunks: three digests, the last over a short chunk.
const big = new Uint8Array(2 * SNAPSHOT_CHUNK_BYTES + 1000);
for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
const sections = { big, ids: new Uint32Array([1, 2, 3]), names: ['ИВАНОВ', 'IVANOV', ''] };
const snapshot = (): Uint8Array => encodeSnapshot({ note: 'test' }, sections);
const invalid = (message: string | RegExp) => expect.objectContaining({ code: 'WATCHLIST_SNAPSHOT_INVALID', message: typeof message === 'string' ? message : expect.stringMatching(message) });

describe('snapshot container digests per chunk', () => {
  it('round-trips, with one digest per chunk and chunks that tile the body exactly', () => {
    const snap = snapshot();
    const { ranges, sha256 } = snapshotChunks(snap, snap.length);
    expect(sha256).toHaveLength(3);
    expect(ranges[0]![0]).toBe((12 + snapshotHeaderLength(snap) + 7) & ~7);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
    expect(ranges.at(-1)![1]).toBe(snap.length);
    expect(ranges.slice(0, -1).every(([a, b]) => b - a === SNAPSHOT_CHUNK_BYTES)).toBe(true);
    const { meta, sections: back } = decodeSnapshot(snap);
    expect(meta).toEqual({ note: 'test' });
    // Compared as bytes: a deep equality of 8 MB element by element takes the test's whole timeout.
    expect(Buffer.compare(back.get('big') as Uint8Array, big)).toBe(0);
    expect(back.get('ids')).toEqual(sections.ids);
    expect(back.get('names')).toEqual(sections.names);
  });

  it('names the chunk of a changed byte, in every chunk, and checks nothing with verifyHash: false', () => {
    const clean = snapshot();
    const { ranges } = snapshotChunks(clean, clean.length);
    ranges.forEach(([from, to], i) => {
      const snap = clean.slice();
      snap[from + Math.floor((to - from) / 2)]! ^= 0x01;
      expect(() => decodeSnapshot(snap), `chunk ${i}`).toThrow(invalid(`snapshot body hash mismatch in chunk ${i} (corrupt or altered)`));
      expect(decodeSnapshot(snap, { verifyHash: false }).meta).toEqual({ note: 'test' });
    });
  });

  it('refuses a truncated or extended body, including by whole chunks', () => {
    const snap = snapshot();
    expect(() => decodeSnapshot(snap.subarray(0, snap.length - 1))).toThrow(invalid('snapshot body hash mismatch in chunk 2 (corrupt or altered)'));
    const last = snapshotChunks(snap, snap.length).ranges[2]!;
    expect(() => decodeSnapshot(snap.subarray(0, last[0]))).toThrow(invalid('snapshot body length does not match its digests (truncated or extended)'));
    const longer = new Uint8Array(snap.length + SNAPSHOT_CHUNK_BYTES);
    longer.set(snap);
    expect(() => decodeSnapshot(longer)).toThrow(invalid(/does not match its digests/));
    expect(() => snapshotChunks(snap, 40)).toThrow(invalid(/^snapshot (header truncated|truncated before its body)/));
  });

  it('refuses a header whose chunk size does not fit its digests before listing any chunk', () => {
    const snap = snapshot();
    const headLen = snapshotHeaderLength(snap);
    const header = JSON.parse(new TextDecoder().decode(snap.subarray(12, 12 + headLen))) as { chunkBytes: number };
    // Same length as the original: "chunkBytes":4194304 → "chunkBytes":1 padded with spaces.
    const text = JSON.stringify({ ...header, chunkBytes: 1 }).padEnd(headLen, ' ');
    expect(text.length).toBe(headLen);
    const forged = snap.slice();
    forged.set(new TextEncoder().encode(text), 12);
    expect(() => decodeSnapshot(forged)).toThrow(invalid(/does not match its digests/));
  });

  it('refuses bytes that are not a snapshot', () => {
    expect(() => snapshotHeaderLength(new Uint8Array(4))).toThrow(invalid('snapshot too short'));
    expect(() => snapshotHeaderLength(new TextEncoder().encode('definitely not one'))).toThrow(invalid('not a watchlist snapshot (bad magic)'));
  });
});

describe('snapshot formats', () => {
  it('names an older format as such, even though its header has other fields', () => {
    // A format-7 header: one digest over the whole body, no chunk size.
    const header = new TextEncoder().encode(JSON.stringify({ format: 7, meta: {}, sections: [], sha256: '0'.repeat(64) }));
    const bytes = new Uint8Array(16 + header.length);
    bytes.set(new TextEncoder().encode('ASPKWL\u0000\u0001'), 0);
    new DataView(bytes.buffer).setUint32(8, header.length, true);
    bytes.set(header, 12);
    expect(() => decodeSnapshot(bytes)).toThrow(invalid('unsupported snapshot format 7'));
  });
});
