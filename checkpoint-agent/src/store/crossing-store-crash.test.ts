/**
 * kill -9 during writes (reliability-security.md §5.2 R1, locally): a child process records crossings and
 * prints `ACK` after each commit; it is SIGKILLed at a seeded random moment. After reopening, every
 * acknowledged crossing is there, `integrity_check` is ok and the seqs have no gaps.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { AGENT_MIGRATIONS } from './agent-migrations.js';
import { CrossingStore } from './crossing-store.js';
import { seededRandom } from '../test-support/seeded-random.js';

const writer = fileURLToPath(new URL('./test-support/crash-writer.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'aspk-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Seeded (mulberry32) so a failure replays; the seed is in the test name.
const SEED = Number(process.env.ASPK_TEST_SEED ?? 20261127);

/** Runs the writer until `killAfterAcks` ACK lines (plus a random extra delay), then SIGKILLs it. */
function runAndKill(file: string, killAfterAcks: number, extraMs: number): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Map<string, number>();
    let stderr = '';
    let killing = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const [tag, id, seq] = line.split(' ');
      if (tag !== 'ACK' || id === undefined) return;
      acked.set(id, Number(seq));
      if (acked.size >= killAfterAcks && !killing) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer did not reach ${killAfterAcks} acks: ${stderr}`));
    }, 20_000);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      // Lines already read are acknowledged; drain what is buffered in the pipe as well.
      lines.close();
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own: ${stderr}`));
      else resolve(acked);
    });
  });
}

describe(`kill -9 during writes (seed ${SEED})`, () => {
  it('loses no acknowledged crossing and leaves the database consistent, over 3 kills', async () => {
    const random = seededRandom(SEED);
    const file = join(dir, 'agent.db');
    const allAcked = new Map<string, number>();
    for (let i = 0; i < 3; i++) {
      const acked = await runAndKill(file, 20 + Math.floor(random() * 200), Math.floor(random() * 30));
      for (const [id, seq] of acked) allAcked.set(id, seq);
      const db = openDatabase(file, AGENT_MIGRATIONS); // runs integrity_check; throws if damaged
      const store = new CrossingStore(db, { agentId: 'kpp-test' });
      const lost = [...allAcked].filter(([id, seq]) => store.get(id)?.seq !== seq);
      expect(lost, `acked_but_lost after kill ${i + 1}`).toEqual([]);
      const { n, max } = db.prepare<[], { n: number; max: number }>('SELECT COUNT(*) AS n, MAX(seq) AS max FROM outbox').get()!;
      expect(n, 'outbox seqs have no gaps').toBe(max);
      expect(store.nextSeq).toBe(max + 1);
      const orphans = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM outbox o WHERE o.kind = 'crossing' AND NOT EXISTS (SELECT 1 FROM crossing c WHERE c.id = o.item_id)").get()!;
      expect(orphans.n).toBe(0);
      db.close();
    }
    expect(allAcked.size).toBeGreaterThan(60);
  });
});
