import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAspkError } from '@aspk/shared';
import { openDatabase, quarantineDatabase } from './open-database.js';
import { AGENT_MIGRATIONS } from './agent-migrations.js';
import { CrossingStore } from './crossing-store.js';
import { crossingFixture } from './test-support/crossing-fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function filledDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aspk-open-'));
  dirs.push(dir);
  const file = join(dir, 'agent.db');
  const db = openDatabase(file, AGENT_MIGRATIONS);
  const store = new CrossingStore(db, { agentId: 'kpp-test' });
  for (let i = 0; i < 300; i++) store.record(crossingFixture({ inspection: { pad: 'p'.repeat(500) } }));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

function overwrite(file: string, offset: number, bytes: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(bytes, 0xa5), 0, bytes, offset);
  closeSync(fd);
}

describe('openDatabase', () => {
  it('records applied migrations once', () => {
    const file = filledDb();
    const db = openDatabase(file, AGENT_MIGRATIONS);
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
    db.close();
  });

  it.each([
    ['the header', 0, 100],
    ['a mid-file page', 4096 * 20, 4096],
  ])('refuses a database with garbage in %s, naming the recovery path', (_where, offset, bytes) => {
    const file = filledDb();
    overwrite(file, offset, bytes);
    let err: unknown;
    try {
      openDatabase(file, AGENT_MIGRATIONS).close();
    } catch (e) {
      err = e;
    }
    expect(isAspkError(err, 'STORE_CORRUPT')).toBe(true);
    expect((err as { details: { recovery: string } }).details.recovery).toMatch(/store quarantine/);
  });

  it('quarantines a damaged file with its -wal/-shm as one unit, deleting nothing; a fresh start gets a new epoch', () => {
    const file = filledDb();
    const db = openDatabase(file, AGENT_MIGRATIONS);
    const oldEpoch = new CrossingStore(db, { agentId: 'kpp-test' }).epoch;
    db.close();
    overwrite(file, 0, 100);
    const moved = quarantineDatabase(file, new Date('2026-11-27T10:00:00Z'));
    expect(moved[0]).toMatch(/agent\.db\.corrupt-2026-11-27T10-00-00-000Z$/);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(join(file, '..')).filter((f) => f.includes('.corrupt-')).length).toBe(moved.length);
    const fresh = openDatabase(file, AGENT_MIGRATIONS);
    expect(new CrossingStore(fresh, { agentId: 'kpp-test' }).epoch).not.toBe(oldEpoch);
    fresh.close();
  });
});
