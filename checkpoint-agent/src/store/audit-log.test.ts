import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from './open-database.js';
import { AGENT_MIGRATIONS } from './agent-migrations.js';
import { AuditLog } from './audit-log.js';

let dir: string;
let db: SqliteDatabase;
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function fresh(n: number): AuditLog {
  dir = mkdtempSync(join(tmpdir(), 'aspk-audit-'));
  db = openDatabase(join(dir, 'agent.db'), AGENT_MIGRATIONS);
  const log = new AuditLog(db);
  for (let i = 0; i < n; i++) log.append({ actor: `o${i % 3}`, role: 'officer', action: 'decision', target: `c${i}`, details: { i } });
  return log;
}

describe('AuditLog', () => {
  it('verifies an intact chain', () => {
    const log = fresh(50);
    expect(log.verify()).toMatchObject({ ok: true, checked: 50 });
  });

  it('refuses UPDATE and DELETE through SQL (append-only triggers)', () => {
    fresh(3);
    expect(() => db.prepare("UPDATE audit SET actor = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it.each([
    ['an edited entry', "UPDATE audit SET target = 'forged' WHERE seq = 7", 7],
    ['a deleted entry', 'DELETE FROM audit WHERE seq = 7', 8],
    ['a reordering', 'UPDATE audit SET seq = -seq WHERE seq IN (7, 8); UPDATE audit SET seq = 8 WHERE seq = -7; UPDATE audit SET seq = 7 WHERE seq = -8', 7],
  ])('detects %s at the right place', (_what, sql, firstBad) => {
    const log = fresh(20);
    db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;'); // someone with file access
    db.exec(sql);
    expect(log.verify()).toMatchObject({ ok: false, firstBadSeq: firstBad });
  });
});
