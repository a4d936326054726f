import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAspkError, snapshotChunks, WatchlistIndex, type WatchlistEntry } from '@aspk/shared';
import { readSnapshotFile } from './read-snapshot-file.js';

const dir = mkdtempSync(join(tmpdir(), 'aspk-read-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Enough persons for a snapshot of several 4 MiB chunks, so that two and three threads each get a share.
const entries: WatchlistEntry[] = [];
for (let i = 0; i < 40_000; i++) {
  entries.push({ id: `p-${i}`, type: 'person', surname: `SURNAME${i.toString(36).toUpperCase()}OV`, givenNames: `NAME${(i * 7919).toString(36).toUpperCase()}`, birthDate: `${1950 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`, category: 'wanted', action: 'alert' });
  entries.push({ id: `d-${i}`, type: 'document', issuingState: 'KGZ', documentNumber: `AC${String(i).padStart(7, '0')}`, category: 'stolen', action: 'deny' });
}
entries.push({ id: 'p-japarov', type: 'person', surname: 'JAPAROV', givenNames: 'SADYR', birthDate: '1968-12-06', nationality: 'KGZ', sex: 'M', category: 'wanted', action: 'detain' });
const built = WatchlistIndex.build(entries);
const good = built.toSnapshot({ version: 3, head: 'ab' });
const goodFile = join(dir, 'good.snap');
writeFileSync(goodFile, good);
const chunks = snapshotChunks(good, good.length).ranges;

const damaged = (name: string, at: number): string => {
  const bytes = good.slice();
  bytes[at]! ^= 0x40;
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
};
const rejection = async (p: Promise<unknown>): Promise<unknown> => p.then(() => 'resolved', (e: unknown) => e);

describe('readSnapshotFile', () => {
  it('returns the file\'s bytes, checked, with one to three threads; they load and screen like the built index', async () => {
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const threads of [1, 2, 3]) {
      const bytes = await readSnapshotFile(goodFile, { threads });
      expect(bytes, `threads ${threads}`).not.toBeNull();
      expect(Buffer.compare(bytes!, good), `threads ${threads}`).toBe(0);
      // Shared with the reader threads, not copied.
      expect(bytes!.buffer).toBeInstanceOf(SharedArrayBuffer);
      const loaded = WatchlistIndex.fromSnapshot(bytes!, { verifyHash: false });
      const q = { surname: 'ZHAPAROV', givenNames: 'SADYR', birthDate: '1968-12-06', nationality: 'KGZ' };
      expect(built.screen(q)[0]?.entryId).toBe('p-japarov');
      expect(loaded.screen(q)).toEqual(built.screen(q));
      expect(loaded.lookupDocument('KGZ', 'AC0039999')).toEqual(built.lookupDocument('KGZ', 'AC0039999'));
      expect(loaded.get('p-123')).toEqual(entries[246]);
    }
  });

  it('checks every chunk whatever thread count it is given (NaN, 0, fractions, more than there are chunks)', async () => {
    const file = damaged('damaged-last.snap', chunks.at(-1)![0] + 7);
    for (const threads of [Number.NaN, 0, -3, 2.7, 100, Number.POSITIVE_INFINITY]) {
      const e = await rejection(readSnapshotFile(file, { threads }));
      expect(isAspkError(e, 'WATCHLIST_SNAPSHOT_INVALID'), `threads ${threads}`).toBe(true);
      expect(Buffer.compare((await readSnapshotFile(goodFile, { threads }))!, good), `threads ${threads}`).toBe(0);
    }
  });

  it('names the damaged chunk whichever thread read it', async () => {
    for (const [i, range] of chunks.entries()) {
      const file = damaged(`damaged-${i}.snap`, range[0] + 12345);
      for (const threads of [1, 2]) {
        const e = await rejection(readSnapshotFile(file, { threads }));
        expect(isAspkError(e, 'WATCHLIST_SNAPSHOT_INVALID'), `chunk ${i}, threads ${threads}`).toBe(true);
        expect((e as Error).message).toBe(`snapshot body hash mismatch in chunk ${i} (corrupt or altered)`);
      }
    }
  });

  it('refuses a truncated file, a file that is not a snapshot and an empty one; a missing file is ENOENT', async () => {
    const cut = join(dir, 'cut.snap');
    writeFileSync(cut, good.subarray(0, chunks[1]![0] + 100));
    expect(isAspkError(await rejection(readSnapshotFile(cut, { threads: 2 })), 'WATCHLIST_SNAPSHOT_INVALID')).toBe(true);
    const text = join(dir, 'text.snap');
    writeFileSync(text, 'a file that is not a snapshot');
    expect(await rejection(readSnapshotFile(text))).toMatchObject({ code: 'WATCHLIST_SNAPSHOT_INVALID', message: 'not a watchlist snapshot (bad magic)' });
    const empty = join(dir, 'empty.snap');
    writeFileSync(empty, '');
    expect(await rejection(readSnapshotFile(empty))).toMatchObject({ code: 'WATCHLIST_SNAPSHOT_INVALID', message: 'snapshot too short' });
    expect(await rejection(readSnapshotFile(join(dir, 'absent.snap')))).toMatchObject({ code: 'ENOENT' });
  });

  it('asks `accept` with the header before reading the body, and answers null when refused', async () => {
    const seen: unknown[] = [];
    // A damaged body is not read (and so not refused) when the header is not accepted.
    const file = damaged('refused.snap', chunks[0]![0] + 1);
    expect(await readSnapshotFile(file, { accept: (head) => (seen.push(WatchlistIndex.snapshotTag(head)), false) })).toBeNull();
    expect(seen).toEqual([{ version: 3, head: 'ab' }]);
    const bytes = await readSnapshotFile(goodFile, { accept: () => true });
    expect(bytes === null ? -1 : Buffer.compare(bytes, readFileSync(goodFile))).toBe(0);
  });
});
