import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WatchlistEntry } from '@aspk/shared';
import { openDatabase, type SqliteDatabase } from './open-database.js';
import { WATCHLIST_CACHE_MIGRATIONS, WatchlistCache } from './watchlist-cache.js';

let dir: string;
let db: SqliteDatabase;
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});
const e = (id: string, surname: string): WatchlistEntry => WatchlistEntry.parse({ id, type: 'person', category: 'c', action: 'alert', surname, givenNames: 'A' });

describe('WatchlistCache', () => {
  it('stores a snapshot and later ops with their head, in its own file', () => {
    dir = mkdtempSync(join(tmpdir(), 'aspk-wl-'));
    db = openDatabase(join(dir, 'watchlist.db'), WATCHLIST_CACHE_MIGRATIONS);
    const cache = new WatchlistCache(db, () => 1234);
    expect(cache.head()).toEqual({ version: 0, head: null, expiresAtMs: null, appliedAtMs: null });
    cache.replaceAll({ version: 3, head: 'a'.repeat(64), expiresAtMs: 9999 }, [e('1', 'ONE'), e('2', 'TWO')]);
    cache.applyOps({ version: 4, head: 'b'.repeat(64), expiresAtMs: 10_000 }, [{ op: 'tombstone', entryId: '1' }, { op: 'put', entry: e('3', 'THREE') }, { op: 'put', entry: e('2', 'TWOBIS') }]);
    expect(cache.head()).toEqual({ version: 4, head: 'b'.repeat(64), expiresAtMs: 10_000, appliedAtMs: 1234 });
    const { entries, unreadable } = cache.entries();
    expect(entries.map((x) => [x.id, x.type === 'person' ? x.surname : '']).sort()).toEqual([['2', 'TWOBIS'], ['3', 'THREE']]);
    expect(unreadable).toEqual([]);
  });

  it('reports rows that no longer parse instead of loading them', () => {
    dir = mkdtempSync(join(tmpdir(), 'aspk-wl-'));
    db = openDatabase(join(dir, 'watchlist.db'), WATCHLIST_CACHE_MIGRATIONS);
    db.prepare('INSERT INTO entry (id, body) VALUES (?, ?)').run('bad', JSON.stringify({ id: 'bad', type: 'spaceship' }));
    expect(new WatchlistCache(db).entries()).toEqual({ entries: [], unreadable: ['bad'] });
  });
});
