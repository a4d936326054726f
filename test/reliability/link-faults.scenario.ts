import { expect } from 'vitest';
import type { AgentProcess } from './harness/agent-process.js';
import { waitFor } from './harness/child-process.js';
import type { Cluster } from './harness/cluster.js';
import { report } from './harness/cluster.js';
import { fillOutbox } from './harness/outbox-filler.js';

interface Counters {
  sendAttempts: number;
  ackTimeouts: number;
  duplicatesAbsorbed: number;
  reconnects: number;
}

async function counters(agent: AgentProcess): Promise<Counters> {
  const h = (await agent.health()) as { link: { counters: Counters } };
  return h.link.counters;
}

/** Scans for `ms` (the length of the fault), keeping the ids the officer was told are recorded. */
async function scanFor(agent: AgentProcess, ms: number, recorded: string[], onTick?: () => void): Promise<number> {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) {
    const r = await agent.scan();
    if (r.recorded) recorded.push(r.crossingId);
    n++;
    onTick?.();
  }
  return n;
}

/**
 * R3: central is killed with SIGKILL while it applies batches from a backlog, then restarted. Nothing the
 * agent holds as acknowledged may be missing at central (`acked_but_missing`), nothing is lost or doubled.
 */
export async function centralKilledMidBatch(cluster: Cluster, seed: number, backlog = 2000): Promise<void> {
  const { agent } = await cluster.addAgent('kpp-r3', { viaProxy: false, officer: false });
  // A backlog recorded while central was unreachable, with the agent's own store (ten batches' worth).
  const recorded = fillOutbox(agent.dataDir, 'kpp-r3', backlog);
  const seqOf = new Map(recorded.map((id, i) => [id, i + 1]));
  await cluster.central.kill9();
  await agent.start({ login: false });
  let restarts = 0;
  let ackedButMissing = 0;
  // Three crashes, each while central is part-way through the backlog.
  for (let k = 0; k < 3; k++) {
    await cluster.central.start();
    const before = cluster.central.counts('kpp-r3').rows;
    await waitFor(() => cluster.central.counts('kpp-r3').rows > before || cluster.central.counts('kpp-r3').rows === recorded.length, 'central applying batches', 30_000, 5);
    await cluster.central.kill9();
    restarts++;
    const acked = agent.inspectDb().ackedThrough;
    const held = cluster.central.holds(recorded);
    ackedButMissing += recorded.filter((id) => (seqOf.get(id) ?? 0) <= acked && !held.has(id)).length;
  }
  await cluster.central.start();
  const convergeMs = await cluster.converge(agent, recorded);
  const f = cluster.figures(agent, recorded);
  const integrity = cluster.central.integrity();
  const c = await counters(agent);
  const pass = f.lost === 0 && f.duplicates_stored === 0 && ackedButMissing === 0 && integrity === 'ok';
  report({ id: 'R3', scenario: 'central killed mid-batch and restarted', seed, pass, ...f, acked_but_missing: ackedButMissing, central_restarts: restarts, integrity, converge_ms: Math.round(convergeMs), send_attempts: c.sendAttempts, ack_timeouts: c.ackTimeouts, duplicates_absorbed: c.duplicatesAbsorbed });
  expect({ lost: f.lost, dup: f.duplicates_stored, ackedButMissing, integrity, conflicts: f.seq_conflicts }, `seed ${seed}`).toEqual({ lost: 0, dup: 0, ackedButMissing: 0, integrity: 'ok', conflicts: 0 });
}

/** R4: a 30 s partition (proxy `blackhole`) while the booth keeps scanning, then the link heals. */
export async function partition(cluster: Cluster, seed: number, partitionMs = 30_000): Promise<void> {
  const { agent, proxy } = await cluster.addAgent('kpp-r4');
  await agent.start();
  const recorded: string[] = [];
  await scanFor(agent, 300, recorded);
  await cluster.converge(agent, recorded);
  proxy!.setMode('blackhole');
  let maxDepth = 0;
  let ticks = 0;
  await scanFor(agent, partitionMs, recorded, () => {
    if (++ticks % 20 === 0) maxDepth = Math.max(maxDepth, agent.inspectDb().outbox);
  });
  maxDepth = Math.max(maxDepth, agent.inspectDb().outbox);
  const during = await counters(agent);
  const linkDuring = ((await agent.health()) as { link: { state: string } }).link.state;
  proxy!.setMode('pass');
  const convergeMs = await cluster.converge(agent, recorded);
  const f = cluster.figures(agent, recorded);
  const pass = f.lost === 0 && f.duplicates_stored === 0 && maxDepth > 0 && convergeMs < 5000;
  report({ id: 'R4', scenario: `partition ${partitionMs / 1000} s then heal`, seed, pass, ...f, max_outbox_depth: maxDepth, ack_timeouts: during.ackTimeouts, link_state_during: linkDuring, converge_ms: Math.round(convergeMs) });
  expect({ lost: f.lost, dup: f.duplicates_stored, grew: maxDepth > 0 }, `seed ${seed}`).toEqual({ lost: 0, dup: 0, grew: true });
  expect(linkDuring === 'offline' || linkDuring === 'degraded', `link state during partition: ${linkDuring}`).toBe(true);
  expect(convergeMs, `converge_ms (seed ${seed})`).toBeLessThan(5000);
}

/** R5: acknowledgements lost after central committed (proxy `drop-acks` 2.5 s): duplicates absorbed. */
export async function lostAcks(cluster: Cluster, seed: number): Promise<void> {
  const { agent, proxy } = await cluster.addAgent('kpp-r5');
  await agent.start();
  const recorded: string[] = [];
  await scanFor(agent, 300, recorded);
  await cluster.converge(agent, recorded);
  proxy!.setMode('drop-acks');
  await scanFor(agent, 2500, recorded);
  proxy!.setMode('pass');
  const convergeMs = await cluster.converge(agent, recorded);
  const c = await counters(agent);
  const f = cluster.figures(agent, recorded);
  const pass = f.lost === 0 && f.duplicates_stored === 0 && f.seq_conflicts === 0 && c.duplicatesAbsorbed > 0 && f.delivered === f.recorded;
  report({ id: 'R5', scenario: 'lost acknowledgements (drop-acks 2.5 s)', seed, pass, ...f, duplicates_absorbed: c.duplicatesAbsorbed, send_attempts: c.sendAttempts, ack_timeouts: c.ackTimeouts, converge_ms: Math.round(convergeMs) });
  expect({ lost: f.lost, dup: f.duplicates_stored, conflicts: f.seq_conflicts, absorbed: c.duplicatesAbsorbed > 0 }, `seed ${seed}`).toEqual({ lost: 0, dup: 0, conflicts: 0, absorbed: true });
}
