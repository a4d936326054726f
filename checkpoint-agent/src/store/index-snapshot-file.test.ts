import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { screeningQueryFromMrz, WatchlistIndex, type WatchlistEntry } from '@aspk/shared';
import { IndexSnapshotFile } from './index-snapshot-file.js';

const dir = mkdtempSync(join(tmpdir(), 'aspk-index-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A logger whose lines the test can read. */
function capture(): { log: pino.Logger; lines: { msg: string }[] } {
  const lines: { msg: string }[] = [];
  return { log: pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as { msg: string }) }), lines };
}

const entries: WatchlistEntry[] = [
  { id: 'p-1', type: 'person', surname: 'JAPAROV', givenNames: 'SADYR', birthDate: '1968-12-06', nationality: 'KGZ', sex: 'M', category: 'wanted', action: 'detain' },
  { id: 'd-1', type: 'document', issuingState: 'KGZ', documentNumber: 'AC1234567', category: 'stolen', action: 'deny' },
];
const head = { version: 12, head: 'c0ffee' };
const hitsOf = (ix: WatchlistIndex): string[] =>
  ix.screen(screeningQueryFromMrz({ surname: 'ZHAPAROV', givenNames: 'SADYR', nameMayBeTruncated: false, birthDate: '681206', birthDateIso: '1968-12-06', nationality: 'KGZ', sex: 'M', issuingState: 'KGZ', documentNumber: 'AC1234567' })).map((h) => h.entryId);

describe('IndexSnapshotFile', () => {
  it('writes the index atomically and loads it back for the same list version and head', async () => {
    const file = join(dir, 'same.snap');
    const f = new IndexSnapshotFile(file, pino({ level: 'silent' }));
    expect(await f.save(WatchlistIndex.build(entries), head)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.startsWith('same.snap.tmp'))).toEqual([]);
    const { log, lines } = capture();
    const loaded = await new IndexSnapshotFile(file, log).load(head);
    expect(loaded).not.toBeNull();
    expect(hitsOf(loaded!).sort()).toEqual(['d-1', 'p-1']);
    expect(loaded!.get('p-1')).toEqual(entries[0]);
    expect(lines.map((l) => l.msg)).toContain('watchlist index loaded from its file');
  });

  it('removes temporary files that an interrupted save left behind', async () => {
    const file = join(dir, 'stale.snap');
    writeFileSync(`${file}.tmp-99999`, 'half a snapshot');
    writeFileSync(join(dir, 'unrelated.tmp-1'), 'kept');
    expect(await new IndexSnapshotFile(file, pino({ level: 'silent' })).save(WatchlistIndex.build(entries), head)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.startsWith('stale.snap'))).toEqual(['stale.snap']);
    expect(existsSync(join(dir, 'unrelated.tmp-1'))).toBe(true);
  });

  it('saves in the background in call order, from bytes encoded at the call; idle() waits for it', async () => {
    const file = join(dir, 'bg.snap');
    const f = new IndexSnapshotFile(file, pino({ level: 'silent' }));
    const ix = WatchlistIndex.build(entries);
    const first = f.save(ix, head);
    const second = f.save(ix, { version: 13, head: 'd00d' });
    ix.remove('p-1'); // a delta after the call does not reach the file being written
    await f.idle();
    expect([await first, await second]).toEqual([true, true]);
    expect(f.savedVersion).toBe(13);
    const loaded = await new IndexSnapshotFile(file, pino({ level: 'silent' })).load({ version: 13, head: 'd00d' });
    expect(loaded?.get('p-1')).toEqual(entries[0]);
    expect(readdirSync(dir).filter((n) => n.startsWith('bg.snap'))).toEqual(['bg.snap']);
    const { log, lines } = capture();
    expect(await new IndexSnapshotFile(join(dir, 'no-such-folder', 'x.snap'), log).save(ix, head)).toBe(false);
    expect(lines.at(-1)?.msg).toBe('could not write the watchlist index file; the next start rebuilds the index');
  });

  it('is not used for another list version or head: the caller rebuilds', async () => {
    const file = join(dir, 'other.snap');
    await new IndexSnapshotFile(file, pino({ level: 'silent' })).save(WatchlistIndex.build(entries), head);
    const { log, lines } = capture();
    const f = new IndexSnapshotFile(file, log);
    expect(await f.load({ version: 13, head: 'c0ffee' })).toBeNull();
    expect(await f.load({ version: 12, head: 'beef' })).toBeNull();
    expect(lines.filter((l) => l.msg.startsWith('watchlist index file is for another list version'))).toHaveLength(2);
  });

  it('refuses a damaged or foreign file without throwing, and treats a missing file as no file', async () => {
    const file = join(dir, 'damaged.snap');
    await new IndexSnapshotFile(file, pino({ level: 'silent' })).save(WatchlistIndex.build(entries), head);
    const bytes = readFileSync(file);
    bytes[bytes.length - 5]! ^= 0x20;
    writeFileSync(file, bytes);
    const { log, lines } = capture();
    expect(await new IndexSnapshotFile(file, log).load(head)).toBeNull();
    expect(lines.at(-1)?.msg).toBe('watchlist index file refused: rebuilding the index from the cache');
    writeFileSync(file, 'a file that is not a snapshot');
    expect(await new IndexSnapshotFile(file, log).load(head)).toBeNull();
    expect(lines.at(-1)?.msg).toBe('watchlist index file refused: rebuilding the index from the cache');
    const before = lines.length;
    expect(await new IndexSnapshotFile(join(dir, 'absent.snap'), log).load(head)).toBeNull();
    expect(lines.length).toBe(before); // no file is the normal first start, not worth a warning
  });

  it('reports a failed write instead of throwing, and leaves no temporary file', async () => {
    const ro = join(dir, 'read-only');
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    const { log, lines } = capture();
    const f = new IndexSnapshotFile(join(ro, 'x.snap'), log);
    try {
      const written = await f.save(WatchlistIndex.build(entries), head);
      // root may write anywhere; then the save must simply have worked
      if (written) expect(existsSync(join(ro, 'x.snap'))).toBe(true);
      else expect(lines.at(-1)?.msg).toBe('could not write the watchlist index file; the next start rebuilds the index');
      expect(readdirSync(ro).filter((n) => n.includes('.tmp-'))).toEqual([]);
    } finally {
      chmodSync(ro, 0o700);
    }
    // A path whose folder does not exist fails for everyone.
    expect(await new IndexSnapshotFile(join(dir, 'no-such-folder', 'x.snap'), log).save(WatchlistIndex.build(entries), head)).toBe(false);
    expect(f.savedVersion === 0 || f.savedVersion === head.version).toBe(true);
  });
});
