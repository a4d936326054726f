import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type SqliteDatabase } from '../store/open-database.js';
import { AGENT_MIGRATIONS } from '../store/agent-migrations.js';
import { CrossingStore } from '../store/crossing-store.js';
import { crossingFixture } from '../store/test-support/crossing-fixture.js';
import { CentralClient } from './central-client.js';
import { SYSTEM_CLOCK } from './clock-monitor.js';
import { OutboxPusher, type OutboxSource } from './outbox-pusher.js';
import { SyncSettings } from './sync-settings.js';
import { TestCentral } from './test-support/test-central.js';
import { waitFor } from './test-support/wait-for.js';

const log = pino({ level: 'silent' });
const settings = SyncSettings.parse({ ackTimeoutMs: 300, backoffBaseMs: 20, backoffCapMs: 100, idlePollMs: 50 });

let dir: string;
let db: SqliteDatabase;
let store: CrossingStore;
let central: TestCentral;
let pusher: OutboxPusher;
let url: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aspk-sync-'));
  db = openDatabase(join(dir, 'agent.db'), AGENT_MIGRATIONS);
  store = new CrossingStore(db, { agentId: 'kpp-test' });
  central = new TestCentral();
  url = await central.listen();
  pusher = new OutboxPusher({ source: store, client: new CentralClient({ baseUrl: url, token: central.token, timeoutMs: settings.ackTimeoutMs }), agentId: 'kpp-test', settings, clock: SYSTEM_CLOCK, log });
});

afterEach(async () => {
  await pusher.stop();
  await central.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const record = (n: number): string[] => Array.from({ length: n }, () => {
  const c = crossingFixture();
  store.record(c);
  return c.id;
});

describe('OutboxPusher', () => {
  it('delivers the outbox in seq order in batches of at most 200 items, one in flight, and persists the ack', async () => {
    const ids = record(450);
    pusher.start();
    await waitFor(() => store.ackedThrough === 450, 'all 450 acknowledged');
    expect(central.items.size).toBe(450);
    expect(ids.every((id) => central.items.has(id))).toBe(true);
    expect(central.batchItemCounts).toEqual([200, 200, 50]);
    expect(central.maxInFlight).toBe(1);
    expect(store.queuedCount()).toBe(0);
    expect(pusher.stats.lastSyncMs).not.toBeNull();
  });

  it('keeps a batch under the byte limit', async () => {
    const small = SyncSettings.parse({ ...settings, maxBatchBytes: 8192 });
    pusher = new OutboxPusher({ source: store, client: new CentralClient({ baseUrl: url, token: central.token, timeoutMs: 300 }), agentId: 'kpp-test', settings: small, clock: SYSTEM_CLOCK, log });
    record(60);
    pusher.start();
    await waitFor(() => store.ackedThrough === 60, 'all 60 acknowledged');
    expect(central.batchItemCounts.length).toBeGreaterThan(1);
    expect(Math.max(...central.batchBytes)).toBeLessThanOrEqual(8192);
    expect(central.batchItemCounts.reduce((a, b) => a + b, 0)).toBe(60);
  });

  it('resends the same items after a lost acknowledgement; central absorbs the duplicates', async () => {
    record(30);
    central.mode = 'commit-then-hang';
    pusher.start();
    await waitFor(() => pusher.stats.ackTimeouts >= 2, 'two ack timeouts');
    expect(central.items.size).toBe(30);
    expect(store.ackedThrough).toBe(0);
    central.mode = 'ok';
    await waitFor(() => store.ackedThrough === 30, 'acknowledged after the link heals');
    expect(central.items.size).toBe(30);
    expect(central.duplicates).toBeGreaterThanOrEqual(30);
    expect(central.conflicts).toBe(0);
    expect(pusher.stats.retryDelaysMs.every((d) => d <= settings.backoffCapMs)).toBe(true);
  });

  it('re-sends everything above central\'s point after central was restored from a backup', async () => {
    record(120);
    pusher.start();
    await waitFor(() => store.ackedThrough === 120, 'first delivery');
    central.restoreTo(40);
    pusher.onHello(central.ackedThrough);
    await waitFor(() => central.ackedThrough === 120, 'central refilled after restore');
    expect(central.items.size).toBe(120);
  });

  it('takes central\'s higher point from the hello (ack lost before it was stored) without resending', async () => {
    record(10);
    central.mode = 'commit-then-hang';
    pusher.start();
    await waitFor(() => central.items.size === 10, 'central committed');
    await pusher.stop();
    expect(store.ackedThrough).toBe(0);
    pusher.onHello(central.ackedThrough);
    expect(store.ackedThrough).toBe(10);
    expect(store.queuedCount()).toBe(0);
  });

  it('still sends items whose seqs central already holds from before a rollback of the agent file', async () => {
    record(10);
    pusher.start();
    await waitFor(() => store.ackedThrough === 10, 'first delivery');
    // Central acknowledged up to 50 from this epoch before the agent's file was rolled back to seq 10.
    central.ackedThrough = 50;
    pusher.onHello(50);
    expect(pusher.cursor).toBe(10);
    expect(store.ackedThrough).toBe(10);
    const fresh = record(5);
    pusher.wake();
    await waitFor(() => fresh.every((id) => central.items.has(id)), 'the reused seqs reach central');
    expect(store.ackedThrough).toBe(15);
  });

  it('reports a stall when central\'s point stays below items the agent no longer holds', async () => {
    record(10);
    // The agent purged seqs 1–5 after central acknowledged them; central was then restored to an empty backup.
    const purged: OutboxSource = {
      get epoch() { return store.epoch; },
      get nextSeq() { return store.nextSeq; },
      get ackedThrough() { return store.ackedThrough; },
      outboxAfter: (after, limit) => store.outboxAfter(Math.max(after, 5), limit),
      markAcked: (seq) => store.markAcked(seq),
      queuedCount: () => store.queuedCount(),
    };
    pusher = new OutboxPusher({ source: purged, client: new CentralClient({ baseUrl: url, token: central.token, timeoutMs: 300 }), agentId: 'kpp-test', settings, clock: SYSTEM_CLOCK, log });
    let stalled = 0;
    pusher.on('stalled', () => stalled++);
    pusher.start();
    await waitFor(() => stalled > 0, 'a stall reported');
    expect(central.ackedThrough).toBe(0);
    expect(central.items.size).toBe(5);
  });

  it('sends a later officer decision as its own DecisionRecord', async () => {
    const [id] = record(1);
    pusher.start();
    await waitFor(() => store.ackedThrough === 1, 'crossing delivered');
    const decisionId = uuidv7();
    store.decide({ id: decisionId, crossingId: id!, officer: 'officer1', decision: 'refuse', note: null, wallMs: Date.now() });
    pusher.wake();
    await waitFor(() => store.ackedThrough === 2, 'decision delivered');
    expect(central.items.get(decisionId)?.seq).toBe(2);
  });

  it('backs off while central fails, and new items do not cut the delay short', async () => {
    central.mode = 'fail';
    record(5);
    pusher.start();
    await waitFor(() => pusher.stats.failures >= 4, 'four failures');
    const before = pusher.stats.sendAttempts;
    for (let i = 0; i < 20; i++) {
      record(1);
      pusher.wake();
    }
    expect(pusher.stats.sendAttempts - before).toBeLessThanOrEqual(1);
    central.mode = 'ok';
    await waitFor(() => store.ackedThrough === 25, 'delivered after recovery');
    expect(pusher.stats.consecutiveFailures).toBe(0);
  });
});
