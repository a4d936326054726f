import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAspkError } from '@aspk/shared';
import { openDatabase, type SqliteDatabase } from './open-database.js';
import { AGENT_MIGRATIONS } from './agent-migrations.js';
import { OfficerStore } from './officer-store.js';
import { hashCostLog2, hashPassword, verifyPassword } from './password-hash.js';

let dir: string | undefined;
let db: SqliteDatabase | undefined;
afterEach(() => {
  db?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  db = undefined;
  dir = undefined;
});
function store(costLog2 = 10): OfficerStore {
  dir = mkdtempSync(join(tmpdir(), 'aspk-officer-'));
  const opened = openDatabase(join(dir, 'agent.db'), AGENT_MIGRATIONS);
  db = opened;
  return new OfficerStore(opened, { costLog2 });
}

describe('password hashing', () => {
  it('uses scrypt with stored parameters and salts each hash', async () => {
    const a = await hashPassword('correct horse', 10);
    const b = await hashPassword('correct horse', 10);
    expect(a).toMatch(/^scrypt\$10\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct hors', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('handles the production cost N = 2^17 (needs maxmem 256 MiB)', async () => {
    const h = await hashPassword('pw', 17);
    expect(await verifyPassword('pw', h)).toBe(true);
  });
});

describe('OfficerStore', () => {
  it('adds, authenticates and refuses duplicates and wrong passwords', async () => {
    const s = store();
    await s.add({ username: 'aibek', password: 'long-enough-pw', displayName: 'Aibek' });
    expect(await s.authenticate('aibek', 'long-enough-pw')).toMatchObject({ username: 'aibek', role: 'officer' });
    expect(await s.authenticate('aibek', 'wrong')).toBeNull();
    expect(await s.authenticate('nobody', 'long-enough-pw')).toBeNull();
    await expect(s.add({ username: 'aibek', password: 'x' })).rejects.toSatisfy((e) => isAspkError(e, 'CONFLICT'));
  });

  it('takes accounts synced from central, including role changes and revocation', async () => {
    const s = store();
    s.upsertFromCentral({ username: 'gulnara', displayName: 'Gulnara', role: 'officer', passwordHash: await hashPassword('central-password', 10), disabled: false });
    expect(await s.authenticate('gulnara', 'central-password')).toMatchObject({ source: 'central', role: 'officer' });
    s.upsertFromCentral({ username: 'gulnara', displayName: 'Gulnara', role: 'supervisor', passwordHash: await hashPassword('central-password', 10), disabled: true });
    expect(s.get('gulnara')).toMatchObject({ role: 'supervisor', disabled: true });
    expect(await s.authenticate('gulnara', 'central-password')).toBeNull();
  });

  it('refuses a disabled officer', async () => {
    const s = store();
    await s.add({ username: 'aibek', password: 'pw-pw-pw-pw' });
    s.setDisabled('aibek', true);
    expect(await s.authenticate('aibek', 'pw-pw-pw-pw')).toBeNull();
  });

  it('re-hashes at the current cost after a successful login with an older cost', async () => {
    const s = store(11);
    db!.prepare("INSERT INTO officer VALUES ('old', 'Old', 'officer', ?, 'central', 0, 0, 0)").run(await hashPassword('pw-old-cost', 10));
    expect(await s.authenticate('old', 'pw-old-cost')).not.toBeNull();
    const stored = db!.prepare<[], { password_hash: string }>("SELECT password_hash FROM officer WHERE username = 'old'").get()!;
    expect(hashCostLog2(stored.password_hash)).toBe(11);
  });
});
