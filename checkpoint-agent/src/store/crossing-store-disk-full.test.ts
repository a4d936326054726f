/**
 * Disk full for real (reliability-security.md §5.2 R10): the database lives on a 3 MiB tmpfs that a filler
 * file then fills. As root in CI this mounts a real tmpfs; without mount rights it falls back to
 * `PRAGMA max_page_count`, which gives the same SQLITE_FULL (the test name says which ran).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeSync, openSync, closeSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAspkError } from '@aspk/shared';
import { openDatabase } from './open-database.js';
import { AGENT_MIGRATIONS } from './agent-migrations.js';
import { CrossingStore } from './crossing-store.js';
import { crossingFixture } from './test-support/crossing-fixture.js';

const base = mkdtempSync(join(tmpdir(), 'aspk-full-'));
const mnt = join(base, 'mnt');
mkdirSync(mnt);
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mnt], { stdio: 'ignore' });
  mounted = true;
} catch {
  mounted = false;
}
afterAll(() => {
  if (mounted) execFileSync('umount', [mnt]);
  rmSync(base, { recursive: true, force: true });
});

/** Writes 64 KiB blocks until ENOSPC; returns the filler path. */
function fillDisk(dir: string): string {
  const filler = join(dir, 'filler.bin');
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(64 * 1024, 0x55);
  try {
    for (;;) writeSync(fd, block);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe(`disk full (${mounted ? 'real 3 MiB tmpfs' : 'max_page_count fallback'})`, () => {
  it('refuses the scan with STORE_FULL, keeps every earlier row, and records again once space returns', () => {
    const file = join(mnt, 'agent.db');
    const db = openDatabase(file, AGENT_MIGRATIONS);
    const store = new CrossingStore(db, { agentId: 'kpp-test' });
    const before = Array.from({ length: 20 }, () => crossingFixture());
    for (const c of before) store.record(c);

    let filler: string | undefined;
    if (mounted) filler = fillDisk(mnt);
    else db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);

    // A big inspection payload so the write needs fresh pages, not just slack in the last one.
    const big = { checks: [], padding: 'x'.repeat(200_000) };
    const refused = crossingFixture({ inspection: big });
    let fullErrors = 0;
    for (let i = 0; i < 3; i++) {
      try {
        store.record({ ...refused });
      } catch (e) {
        expect(isAspkError(e, 'STORE_FULL') || isAspkError(e, 'STORE_IO')).toBe(true);
        fullErrors++;
      }
    }
    expect(fullErrors).toBe(3);
    expect(store.get(refused.id)).toBeUndefined();
    for (const c of before) expect(store.get(c.id)?.id).toBe(c.id);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // Space returns: the same crossing (same id, made before the first attempt) is recorded once.
    if (filler !== undefined) unlinkSync(filler);
    else db.pragma('max_page_count = 1073741823');
    expect(() => store.probeWritable(Date.now())).not.toThrow();
    const r = store.record(refused);
    expect(r.duplicate).toBe(false);
    expect(r.seq).toBe(21);
    expect(store.recent(100)).toHaveLength(21);
    db.close();
    const reopened = openDatabase(file, AGENT_MIGRATIONS);
    expect(new CrossingStore(reopened, { agentId: 'kpp-test' }).recent(100)).toHaveLength(21);
    reopened.close();
  });
});
