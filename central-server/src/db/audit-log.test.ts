import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSigningKey, signEd25519, verifyEd25519 } from '@aspk/shared';
import { AUDIT_CHECKPOINT_EVERY, AuditLog } from './audit-log.js';
import { openDatabase, type Db } from './open-database.js';

let dir: string;
let db: Db;
let log: AuditLog;
const key = generateSigningKey();
const signer = { keyId: key.keyId, sign: (m: string) => signEd25519(key.privateKeyPem, m), verify: (m: string, s: string) => verifyEd25519(key.publicKey, m, s) };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aspk-audit-'));
  db = openDatabase(join(dir, 'central.db')).db;
  log = new AuditLog(db, Buffer.alloc(32, 7), signer);
  // One transaction for the set-up rows: FULL sync per commit would cost an fsync each.
  db.transaction(() => {
    for (let i = 1; i <= 50; i++) log.appendInTx({ actor: `u${i % 3}`, role: 'auditor', action: 'crossings.search', purpose: 'case', details: { n: i } });
  })();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Someone with file access: drops the guard triggers first. */
function withoutTriggers(fn: () => void): void {
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  fn();
}

describe('AuditLog (reliability-security.md §4.6, S7)', () => {
  it('verifies an intact chain', () => {
    expect(log.verify()).toEqual({ ok: true, checked: 50 });
  });

  it('triggers abort UPDATE and DELETE through SQL', () => {
    expect(() => db.prepare("UPDATE audit SET actor = 'x' WHERE seq = 3").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit WHERE seq = 3').run()).toThrow(/append-only/);
  });

  it('finds a row altered directly in SQLite at that row', () => {
    withoutTriggers(() => db.prepare("UPDATE audit SET actor = 'mallory' WHERE seq = 17").run());
    expect(log.verify()).toMatchObject({ ok: false, firstBadId: 17, reason: 'chain' });
  });

  it('finds an altered purpose, a deletion, an insertion and a reordering', () => {
    withoutTriggers(() => db.prepare("UPDATE audit SET purpose = 'other' WHERE seq = 9").run());
    expect(log.verify()).toMatchObject({ ok: false, firstBadId: 9 });
  });

  it('finds a deleted row at its successor', () => {
    withoutTriggers(() => db.prepare('DELETE FROM audit WHERE seq = 20').run());
    expect(log.verify()).toMatchObject({ ok: false, firstBadId: 21 });
  });

  it('finds a swapped pair', () => {
    withoutTriggers(() => {
      db.prepare('UPDATE audit SET seq = -1 WHERE seq = 30').run();
      db.prepare('UPDATE audit SET seq = 30 WHERE seq = 31').run();
      db.prepare('UPDATE audit SET seq = 31 WHERE seq = -1').run();
    });
    expect(log.verify()).toMatchObject({ ok: false, firstBadId: 30 });
  });

  it('detects truncation behind a signed checkpoint', () => {
    db.transaction(() => {
      for (let i = 51; i <= AUDIT_CHECKPOINT_EVERY + 5; i++) log.appendInTx({ actor: 'u', role: 'admin', action: 'x' });
    })();
    expect(log.verify()).toEqual({ ok: true, checked: AUDIT_CHECKPOINT_EVERY + 5 });
    withoutTriggers(() => db.prepare('DELETE FROM audit WHERE seq > 900').run());
    expect(log.verify()).toMatchObject({ ok: false, reason: 'truncated', firstBadId: 901 });
  });

  it('signs a checkpoint on demand (the 10-minute timer) that catches later truncation', () => {
    expect(log.checkpointNow()).toBe(50);
    expect(log.checkpointNow()).toBeNull();
    withoutTriggers(() => db.prepare('DELETE FROM audit WHERE seq = 50').run());
    expect(log.verify()).toMatchObject({ ok: false, reason: 'truncated', firstBadId: 50 });
  });

  it('pseudonymises personal values with a keyed hash', () => {
    expect(log.pseudonym('AN5544332')).toMatch(/^h:[0-9a-f]{32}$/);
    expect(log.pseudonym('AN5544332')).toBe(log.pseudonym('AN5544332'));
    expect(new AuditLog(db, Buffer.alloc(32, 8), signer).pseudonym('AN5544332')).not.toBe(log.pseudonym('AN5544332'));
  });
});
