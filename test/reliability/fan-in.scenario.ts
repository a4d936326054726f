import { join } from 'node:path';
import { expect } from 'vitest';
import type { AgentProcess } from './harness/agent-process.js';
import { waitFor } from './harness/child-process.js';
import type { Cluster } from './harness/cluster.js';
import { report } from './harness/cluster.js';
import { fillOutbox } from './harness/outbox-filler.js';

/**
 * R8: 10 agents, each holding 1,000 crossings queued while central was down, all push at once when
 * central comes back. Every crossing must arrive exactly once; central must not answer busy.
 */
export async function fanIn(cluster: Cluster, seed: number, agents = 10, perAgent = 1000): Promise<{ txPerS: number; drainMs: number }> {
  const list: { agent: AgentProcess; ids: string[] }[] = [];
  for (let i = 0; i < agents; i++) {
    const id = `kpp-r8-${i}`;
    const { agent } = await cluster.addAgent(id, { viaProxy: false, officer: false });
    list.push({ agent, ids: fillOutbox(join(agent.dataDir), id, perAgent) });
  }
  // The agents come up while central is down, then central returns to all ten at once.
  await cluster.central.kill9();
  await Promise.all(list.map(({ agent }) => agent.start({ login: false })));
  const t0 = performance.now();
  await cluster.central.start();
  const total = agents * perAgent;
  const drainMs = await waitFor(() => list.every(({ agent }) => agent.outboxDepth() === 0), `all ${agents} outboxes empty`, 120_000, 100);
  const elapsedMs = performance.now() - t0;
  const per = list.map(({ agent, ids }) => ({ agent: agent.o.checkpointId, ...cluster.figures(agent, ids) }));
  const lost = per.reduce((a, p) => a + p.lost, 0);
  const dup = per.reduce((a, p) => a + p.duplicates_stored, 0);
  const counters = await Promise.all(list.map(async ({ agent }) => ((await agent.health()) as { link: { counters: Record<string, number> } }).link.counters));
  const sum = (k: string): number => counters.reduce((a, c) => a + (c[k] ?? 0), 0);
  const busy = list.reduce((a, { agent }) => a + agent.allLines().filter((l) => /STORE_BUSY|SQLITE_BUSY|RATE_LIMITED/.test(l)).length, 0);
  // Ingest rate from central's own receive times: first to last crossing stored.
  const span = cluster.central.receiveSpan(list.map(({ agent }) => agent.o.checkpointId));
  const txPerS = Math.round(span.count / (Math.max(1, span.lastMs - span.firstMs) / 1000));
  report({ id: 'R8', scenario: `fan-in ${agents} agents x ${perAgent} crossings`, seed, pass: lost === 0 && dup === 0 && busy === 0, agents, recorded: total, delivered: per.reduce((a, p) => a + p.delivered, 0), lost, duplicates_stored: dup, busy_errors: busy, send_attempts: sum('sendAttempts'), ack_timeouts: sum('ackTimeouts'), duplicates_absorbed: sum('duplicatesAbsorbed'), central_tx_per_s: txPerS, drain_ms: Math.round(drainMs), central_up_to_drained_ms: Math.round(elapsedMs), per_agent_delivered: per.map((p) => p.delivered) });
  expect({ lost, dup, busy }, `seed ${seed}`).toEqual({ lost: 0, dup: 0, busy: 0 });
  return { txPerS, drainMs };
}
