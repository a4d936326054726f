import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openDatabase } from '../store/open-database.js';
import { AGENT_MIGRATIONS } from '../store/agent-migrations.js';
import { CrossingStore } from '../store/crossing-store.js';
import { AuditLog } from '../store/audit-log.js';
import { crossingFixture } from '../store/test-support/crossing-fixture.js';
import { RetentionJob } from './retention-job.js';

const dir = mkdtempSync(join(tmpdir(), 'aspk-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('RetentionJob', () => {
  it('purges synced crossings older than the limit, audits the counts, and leaves no bytes behind', () => {
    const file = join(dir, 'agent.db');
    const db = openDatabase(file, AGENT_MIGRATIONS);
    const store = new CrossingStore(db, { agentId: 'kpp-test' });
    const audit = new AuditLog(db);
    const day = 86_400_000;
    const t0 = Date.parse('2026-11-01T08:00:00Z');
    const seeded = (n: number) => crossingFixture({ wallMs: t0, document: { ...crossingFixture().document!, documentNumber: `ZQ${n}XW7731`, surname: `PURGEMARKER${n}` } });
    for (let i = 0; i < 5; i++) store.record(seeded(i));
    store.markAcked(4); // the 5th is not yet at central
    const job = new RetentionJob({ store, audit, log: pino({ level: 'silent' }), days: 3, intervalMs: 3_600_000, now: () => t0 + 2 * day });
    expect(job.runOnce()).toEqual({ crossings: 0, outboxItems: 0 }); // too young
    const later = new RetentionJob({ store, audit, log: pino({ level: 'silent' }), days: 3, intervalMs: 3_600_000, now: () => t0 + 4 * day });
    expect(later.runOnce()).toEqual({ crossings: 4, outboxItems: 4 });
    expect(store.recent(10)).toHaveLength(1);
    const purges = audit.list().filter((e) => e.action === 'retention.purge');
    expect(purges.map((p) => p.details['crossings'])).toEqual([0, 4]);
    expect(JSON.stringify(purges)).not.toMatch(/PURGEMARKER|ZQ\dXW/);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file).toString('latin1');
    for (let i = 0; i < 4; i++) expect(bytes.includes(`PURGEMARKER${i}`), `marker ${i} left in the file`).toBe(false);
    expect(bytes.includes('PURGEMARKER4')).toBe(true); // the unsynced one is kept
  });
});
