import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CrossingRecord, DecisionRecord, canonicalJson, isAspkError, sha256Hex } from '@aspk/shared';
import { openDatabase, type SqliteDatabase } from './open-database.js';
import { AGENT_MIGRATIONS } from './agent-migrations.js';
import { CrossingStore } from './crossing-store.js';
import { crossingFixture } from './test-support/crossing-fixture.js';

const dirs: string[] = [];
const dbs: SqliteDatabase[] = [];
function open(file?: string): { store: CrossingStore; db: SqliteDatabase; file: string } {
  const f = file ?? join((dirs[dirs.push(mkdtempSync(join(tmpdir(), 'aspk-store-'))) - 1])!, 'agent.db');
  const db = openDatabase(f, AGENT_MIGRATIONS);
  dbs.push(db);
  return { store: new CrossingStore(db, { agentId: 'kpp-test' }), db, file: f };
}
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('CrossingStore', () => {
  it('uses WAL and synchronous FULL', () => {
    const { db } = open();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
  });

  it('writes the crossing and a CrossingRecord outbox item with gapless seqs', () => {
    const { store } = open();
    const a = store.record(crossingFixture());
    const b = store.record(crossingFixture());
    expect([a.seq, b.seq]).toEqual([1, 2]);
    const items = store.outboxAfter(0, 10);
    expect(items.map((i) => i.seq)).toEqual([1, 2]);
    const rec = CrossingRecord.parse(items[0]!.body);
    expect(rec.seq).toBe(1);
    expect(items[0]!.contentHash).toBe(sha256Hex(canonicalJson(items[0]!.body)));
    expect(store.queuedCount()).toBe(2);
  });

  it('is idempotent by crossing id: a retry does not make a second crossing or use a seq', () => {
    const { store } = open();
    const c = crossingFixture();
    const first = store.record(c);
    const again = store.record(c);
    expect(again).toMatchObject({ seq: first.seq, duplicate: true });
    expect(store.recent(10)).toHaveLength(1);
    expect(store.nextSeq).toBe(2);
  });

  it('records decisions as their own outbox items and updates the crossing', () => {
    const { store } = open();
    const c = crossingFixture({ verdict: 'alert' });
    store.record(c);
    const d = { id: crossingFixture().id, crossingId: c.id, officer: 'officer1', decision: 'refer' as const, note: 'secondary', wallMs: Date.now() };
    expect(store.decide(d).seq).toBe(2);
    expect(store.decide(d).duplicate).toBe(true);
    expect(DecisionRecord.parse(store.outboxAfter(1, 10)[0]!.body)).toMatchObject({ crossingId: c.id, decision: 'refer' });
    expect(store.get(c.id)).toMatchObject({ decision: 'refer', decisionNote: 'secondary', decisionOfficer: 'officer1' });
    let err: unknown;
    try {
      store.decide({ ...d, id: crossingFixture().id, crossingId: crossingFixture().id });
    } catch (e) {
      err = e;
    }
    expect(isAspkError(err, 'NOT_FOUND')).toBe(true);
  });

  it('keeps the epoch and seq across reopen and never reuses a seq after purge', () => {
    const { store, db, file } = open();
    const epoch = store.epoch;
    const old = Date.now() - 10 * 86_400_000;
    store.record(crossingFixture({ wallMs: old }));
    store.record(crossingFixture({ wallMs: old }));
    store.markAcked(2);
    expect(store.purgeSynced(Date.now() - 3 * 86_400_000)).toEqual({ crossings: 2, outboxItems: 2 });
    db.close();
    const again = open(file).store;
    expect(again.epoch).toBe(epoch);
    expect(again.record(crossingFixture()).seq).toBe(3);
    expect(again.lowestHeldSeq).toBe(3);
  });

  it('purges only synced crossings older than the limit, and not those with unsynced decisions', () => {
    const { store } = open();
    const old = Date.now() - 10 * 86_400_000;
    const synced = crossingFixture({ wallMs: old });
    const unsynced = crossingFixture({ wallMs: old });
    const recent = crossingFixture();
    const decidedLater = crossingFixture({ wallMs: old });
    for (const c of [synced, decidedLater, recent]) store.record(c);
    store.markAcked(3);
    store.record(unsynced);
    store.decide({ id: crossingFixture().id, crossingId: decidedLater.id, officer: 'o', decision: 'admit', note: null, wallMs: old });
    const counts = store.purgeSynced(Date.now() - 3 * 86_400_000);
    expect(counts.crossings).toBe(1);
    expect(store.get(synced.id)).toBeUndefined();
    for (const c of [unsynced, recent, decidedLater]) expect(store.get(c.id)).toBeDefined();
  });

  it('flags a wall clock that jumps against the monotonic clock, and never rewrites the time', () => {
    const { store } = open();
    const t = Date.now();
    store.record(crossingFixture({ wallMs: t, monoMs: 1000 }));
    const jumped = crossingFixture({ wallMs: t - 3_600_000, monoMs: 2000 });
    expect(store.record(jumped).clockFlags).toEqual(['jump']);
    expect(store.get(jumped.id)!.wallMs).toBe(t - 3_600_000);
    const newBootEarlier = crossingFixture({ wallMs: t - 7_200_000, bootId: 'boot-2' });
    expect(store.record(newBootEarlier).clockFlags).toEqual(['boot-backwards']);
  });
});
