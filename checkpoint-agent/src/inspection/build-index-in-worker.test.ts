import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WatchlistIndex, type WatchlistEntry } from '@aspk/shared';
import { openDatabase } from '../store/open-database.js';
import { WATCHLIST_CACHE_MIGRATIONS, WatchlistCache } from '../store/watchlist-cache.js';
import { indexFileTag } from '../store/index-snapshot-file.js';
import { buildIndexInWorker } from './build-index-in-worker.js';

const dir = mkdtempSync(join(tmpdir(), 'aspk-worker-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entries: WatchlistEntry[] = [
  { id: 'p-1', type: 'person', surname: 'Жапаров', givenNames: 'Садыр', birthDate: '1968-12-06', nationality: 'KGZ', sex: 'M', category: 'wanted', action: 'detain' },
  { id: 'p-2', type: 'person', surname: 'OSMONOVA', givenNames: 'AIGERIM', birthDate: '1990', category: 'missing', action: 'protect' },
  { id: 'd-1', type: 'document', issuingState: 'KGZ', documentNumber: 'AC1234567', category: 'stolen', action: 'deny' },
];

describe('buildIndexInWorker', () => {
  it('builds in a worker thread the index the main thread would build, tagged for the index file', async () => {
    const file = join(dir, 'watchlist.db');
    const db = openDatabase(file, WATCHLIST_CACHE_MIGRATIONS);
    new WatchlistCache(db).replaceAll({ version: 9, head: 'ab'.repeat(32), expiresAtMs: null }, entries);
    try {
      const built = await buildIndexInWorker(file);
      expect(built.head).toMatchObject({ version: 9, head: 'ab'.repeat(32) });
      expect(built.unreadable).toBe(0);
      expect(WatchlistIndex.snapshotTag(built.bytes)).toEqual(indexFileTag(built.head));
      const here = WatchlistIndex.build(entries);
      const q = { surname: 'ZHAPAROV', givenNames: 'SADYR', birthDate: '1968-12-06', nationality: 'KGZ', sex: 'M' as const, issuingState: 'KGZ', documentNumber: 'AC1234567' };
      expect(built.index.screen(q)).toEqual(here.screen(q));
      expect(built.index.screen(q).map((h) => h.entryId).sort()).toEqual(['d-1', 'p-1']);
      for (const e of entries) expect(built.index.get(e.id)).toEqual(e);
    } finally {
      db.close();
    }
  });

  it('rejects when the worker cannot read the cache', async () => {
    await expect(buildIndexInWorker(join(dir, 'no-such.db'))).rejects.toThrow();
  });
});
