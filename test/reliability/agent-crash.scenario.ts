import { expect } from 'vitest';
import type { Cluster } from './harness/cluster.js';
import { Prng } from '@aspk/hardware-sim';
import { report } from './harness/cluster.js';
import type { ScanResult } from './harness/agent-process.js';

/**
 * R1: the agent is killed with SIGKILL ≥ 20 times while it scans and syncs. After every kill the database
 * must open clean (`integrity_check`), hold every crossing the officer was told is recorded, and have no seq
 * gap; at the end central must hold each of them exactly once.
 */
export async function agentKilledRepeatedly(cluster: Cluster, seed: number, iterations = 20): Promise<void> {
  // Seeded (the simulator's mulberry32); the seed is printed with every scenario so a failure replays.
  const prng = new Prng(seed);
  const rnd = (): number => prng.next();
  const { agent } = await cluster.addAgent('kpp-r1');
  const recorded: string[] = [];
  let integrityFailures = 0;
  let ackedButLost = 0;
  let seqGaps = 0;
  let rows = 0;
  for (let i = 0; i < iterations; i++) {
    await agent.start();
    // Kill after a random number of confirmed scans, with one more scan in flight at the moment of the kill.
    const confirmed = 1 + Math.floor(rnd() * 8);
    for (let k = 0; k < confirmed; k++) {
      const r = await agent.scan();
      if (r.recorded) recorded.push(r.crossingId);
    }
    const inFlight: Promise<ScanResult | null> = agent.scan().catch(() => null);
    await agent.kill9();
    const late = await inFlight;
    if (late?.recorded === true) recorded.push(late.crossingId);
    const db = agent.inspectDb();
    if (db.integrity !== 'ok') integrityFailures++;
    ackedButLost += recorded.filter((id) => !db.ids.has(id)).length;
    if (db.crossingSeqs !== db.maxSeq) seqGaps++;
    rows = db.rows;
  }
  await agent.start();
  const convergeMs = await cluster.converge(agent, recorded);
  const health = (await agent.health()) as { link: { counters: Record<string, number> } };
  const f = cluster.figures(agent, recorded);
  const pass = f.lost === 0 && f.duplicates_stored === 0 && ackedButLost === 0 && integrityFailures === 0 && seqGaps === 0;
  report({ id: 'R1', scenario: 'agent killed while scanning and syncing', seed, pass, iterations, rows, acked_but_lost: ackedButLost, integrity_failures: integrityFailures, seq_gaps: seqGaps, ...f, converge_ms: Math.round(convergeMs), send_attempts_last_run: health.link.counters['sendAttempts'] });
  expect({ ackedButLost, integrityFailures, seqGaps, lost: f.lost, duplicatesStored: f.duplicates_stored, conflicts: f.seq_conflicts }, `seed ${seed}`).toEqual({ ackedButLost: 0, integrityFailures: 0, seqGaps: 0, lost: 0, duplicatesStored: 0, conflicts: 0 });
  expect(iterations).toBeGreaterThanOrEqual(20);
}
