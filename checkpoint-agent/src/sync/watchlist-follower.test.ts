import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSigningKey, type WatchlistEntry, type WatchlistOp } from '@aspk/shared';
import { openDatabase, type SqliteDatabase } from '../store/open-database.js';
import { WATCHLIST_CACHE_MIGRATIONS, WatchlistCache, type WatchlistHead } from '../store/watchlist-cache.js';
import type { WatchlistSnapshot as IndexSnapshot } from '../inspection/screener.js';
import type { AuditEntryInput } from '../store/audit-log.js';
import { CentralClient } from './central-client.js';
import { SyncSettings } from './sync-settings.js';
import { WatchlistFollower, type WatchlistFollowerOptions } from './watchlist-follower.js';
import { documentEntry, TestCentral } from './test-support/test-central.js';

const log = pino({ level: 'silent' });
let dir: string;
let db: SqliteDatabase;
let cache: WatchlistCache;
let central: TestCentral;
let follower: WatchlistFollower;
let swaps: { version: number; ids: string[] }[];
let audits: AuditEntryInput[];
let now: number;

function makeFollower(url: string, publicKey: string, settings = SyncSettings.parse({ ackTimeoutMs: 1000 }), extra: Pick<WatchlistFollowerOptions, 'advance' | 'rebuild'> = {}): WatchlistFollower {
  return new WatchlistFollower({
    client: new CentralClient({ baseUrl: url, token: central.token, timeoutMs: 1000 }),
    cache, cacheDb: db,
    holder: { swap: () => undefined },
    build: (entries: readonly WatchlistEntry[], head: WatchlistHead): IndexSnapshot => {
      swaps.push({ version: head.version, ids: entries.map((e) => e.id).sort() });
      return { screener: null, version: head.version, head: head.head, expiresAtMs: head.expiresAtMs, appliedAtMs: head.appliedAtMs, entries: entries.length };
    },
    ...extra,
    publicKey, trustedNow: () => now, wallMs: () => now, settings, log,
    audit: { append: (e) => audits.push(e) },
  });
}

let url: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aspk-wl-'));
  db = openDatabase(join(dir, 'watchlist.db'), WATCHLIST_CACHE_MIGRATIONS);
  cache = new WatchlistCache(db);
  central = new TestCentral();
  url = await central.listen();
  swaps = [];
  audits = [];
  now = Date.now();
  follower = makeFollower(url, central.key.publicKey);
});

afterEach(async () => {
  await central.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Brings the agent to version 2 through deltas (a first pull from 0 goes through the snapshot). */
async function toVersion2(): Promise<void> {
  central.publish([{ op: 'put', entry: documentEntry('d-1', 'AA1111111') }]);
  await follower.pull();
  central.publish([{ op: 'put', entry: documentEntry('d-2', 'BB2222222') }]);
  await follower.pull();
}

describe('WatchlistFollower', () => {
  it('starts from a signed snapshot, then follows deltas (puts and tombstones) and swaps the index each time', async () => {
    await toVersion2();
    expect(central.snapshotsServed).toBe(1);
    central.publish([{ op: 'tombstone', entryId: 'd-1' }, { op: 'put', entry: documentEntry('d-3', 'CC3333333') }]);
    await follower.pull();
    expect(cache.head().version).toBe(3);
    expect(cache.head().head).toBe(central.changes[2]!.hash);
    expect(cache.entries().entries.map((e) => e.id).sort()).toEqual(['d-2', 'd-3']);
    expect(swaps.at(-1)).toEqual({ version: 3, ids: ['d-2', 'd-3'] });
    expect(follower.stats.versionsApplied).toBe(2);
    expect(audits).toEqual([]);
  });

  it('pulls a long backlog across several pages', async () => {
    await toVersion2();
    for (let i = 0; i < 25; i++) central.publish([{ op: 'put', entry: documentEntry(`b-${i}`, `X${1000000 + i}`) }]);
    follower = makeFollower(url, central.key.publicKey, SyncSettings.parse({ pullLimit: 10 }));
    await follower.pull();
    expect(cache.head().version).toBe(27);
    expect(cache.entries().entries).toHaveLength(27);
  });

  const tampers: [string, (c: TestCentral) => void, string][] = [
    ['a flipped byte in the ops', (c) => { c.transformChanges = (r) => { const op = r.changes[0]!.ops[0]!; if (op.op === 'put') op.entry.category = 'x'; return r; }; }, 'ops-hash-mismatch'],
    ['a flipped byte in a signed header', (c) => { c.transformChanges = (r) => { r.changes[0]!.header.issuedAt = '2020-01-01T00:00:00.000Z'; return r; }; }, 'bad-signature'],
    ['a missing delta', (c) => { c.publish([{ op: 'tombstone', entryId: 'd-2' }]); c.transformChanges = (r) => ({ ...r, changes: r.changes.slice(1) }); }, 'gap'],
    ['a replayed old delta', (c) => { const old = c.changes[0]!; c.transformChanges = (r) => ({ ...r, changes: [old, ...r.changes] }); }, 'rollback'],
    ['a withheld tail', (c) => { c.publish([{ op: 'tombstone', entryId: 'd-2' }]); c.transformChanges = (r) => ({ ...r, changes: r.changes.slice(0, 1) }); }, 'head-mismatch'],
    ['an expired head record', (c) => c.resignHead(-1000), 'expired'],
    ['data signed by an unknown key', (c) => { const other = new TestCentral(); other.publish([{ op: 'put', entry: documentEntry('z', 'ZZ1') }]); other.publish([{ op: 'put', entry: documentEntry('z2', 'ZZ2') }]); other.publish([{ op: 'put', entry: documentEntry('z3', 'ZZ3') }]); c.transformChanges = () => ({ head: other.head, changes: other.changes.slice(2), more: false, snapshotRequired: false }); }, 'unknown-key'],
  ];
  for (const [name, tamper, reason] of tampers) {
    it(`refuses ${name} with reason ${reason}, keeps its version and audits the refusal`, async () => {
      await toVersion2();
      const before = cache.head();
      central.publish([{ op: 'put', entry: documentEntry('d-9', 'DD9999999') }]);
      tamper(central);
      await follower.pull();
      expect(follower.stats.lastReject?.reason).toBe(reason);
      expect(cache.head().version).toBe(before.version);
      expect(cache.head().head).toBe(before.head);
      expect(audits.map((a) => [a.action, (a.details as { reason: string }).reason])).toEqual([['watchlist.rejected', reason]]);
    });
  }

  it('refuses a replayed older head record', async () => {
    await toVersion2();
    const oldHead = central.head;
    central.resignHead(24 * 3_600_000, Date.now() + 60_000);
    await follower.pull();
    central.head = oldHead;
    await follower.pull();
    expect(follower.stats.lastReject?.reason).toBe('rollback');
  });

  it('refuses everything when the pinned key is not central\'s', async () => {
    follower = makeFollower(url, generateSigningKey().publicKey);
    central.publish([{ op: 'put', entry: documentEntry('d-1', 'AA1111111') }]);
    await follower.pull();
    expect(follower.stats.lastReject?.reason).toBe('unknown-key');
    expect(cache.head().version).toBe(0);
  });

  it('takes the snapshot when told the local version was compacted away', async () => {
    await toVersion2();
    for (let i = 0; i < 5; i++) central.publish([{ op: 'tombstone', entryId: 'd-1' }]);
    central.compactedThrough = 5;
    await follower.pull();
    expect(central.snapshotsServed).toBe(2);
    expect(cache.head().version).toBe(7);
    expect(cache.entries().entries.map((e) => e.id)).toEqual(['d-2']);
  });

  it('applies a re-signed head with no changes through advance, without rebuilding the index', async () => {
    const advanced: { ops: number; version: number; expiresAtMs: number | null }[] = [];
    follower = makeFollower(url, central.key.publicKey, undefined, {
      advance: (ops: readonly WatchlistOp[], head: WatchlistHead) => {
        advanced.push({ ops: ops.length, version: head.version, expiresAtMs: head.expiresAtMs });
        return { screener: null, version: head.version, head: head.head, expiresAtMs: head.expiresAtMs, appliedAtMs: head.appliedAtMs, entries: 0 };
      },
    });
    await toVersion2();
    const builds = swaps.length;
    const before = cache.head().expiresAtMs!;
    central.resignHead(48 * 3_600_000, Date.now() + 60_000);
    await follower.pull();
    expect(cache.head().expiresAtMs).toBeGreaterThan(before);
    expect(swaps.length).toBe(builds); // no full rebuild
    expect(advanced.at(-1)).toEqual({ ops: 0, version: 2, expiresAtMs: cache.head().expiresAtMs });
  });

  it('builds a whole-list replacement off the main thread when it can, and here when that fails or is not worth it', async () => {
    const offThread: number[] = [];
    let fail = false;
    follower = makeFollower(url, central.key.publicKey, undefined, {
      rebuild: async () => {
        await Promise.resolve();
        if (fail) throw new Error('worker died');
        const h = cache.head();
        if (h.version === 1) return null; // "not worth it": the caller's build runs
        offThread.push(h.version);
        return { screener: null, version: h.version, head: h.head, expiresAtMs: h.expiresAtMs, appliedAtMs: h.appliedAtMs, entries: cache.count() };
      },
    });
    const applied: number[] = [];
    follower.on('applied', (e: { version: number }) => applied.push(e.version));
    central.publish([{ op: 'put', entry: documentEntry('d-1', 'AA1111111') }]);
    await follower.pull(); // first pull: snapshot, rebuild says null, build runs here
    expect(swaps.map((s) => s.version)).toEqual([1]);
    for (let i = 0; i < 3; i++) central.publish([{ op: 'put', entry: documentEntry(`d-${i + 2}`, `BB${i}222222`) }]);
    central.compactedThrough = 4;
    await follower.pull(); // told to take the snapshot: built off the main thread
    expect(offThread).toEqual([4]);
    expect(swaps.map((s) => s.version)).toEqual([1]);
    fail = true;
    central.publish([{ op: 'tombstone', entryId: 'd-1' }]);
    central.compactedThrough = 5;
    await follower.pull(); // the off-thread build fails: built here, nothing lost
    expect(swaps.map((s) => s.version)).toEqual([1, 5]);
    expect(applied).toEqual([1, 4, 5]);
  });
});
