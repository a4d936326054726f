/**
 * Sync throughput (issue 7, reliability-security.md §1): real `aspk-central serve` and `aspk-agent run`
 * processes on 127.0.0.1, agents with the production request timeout (10 s) and a 2 s backoff cap.
 *
 * 1. Central ingest rate (crossings stored per second, from central's own receive times) with 1 agent and
 *    with 10 agents pushing at once, each starting with a queued backlog.
 * 2. Time for one agent to drain 100,000 crossings queued during an outage (from the agent's start).
 * 3. Time from an administrator's change (admin API) to every one of 10 connected agents screening with it
 *    (their in-memory index swapped to the new version), target < 1 s on loopback; then a scan of the
 *    listed document on each agent must hit.
 *
 *   npm run bench -- sync          (ASPK_BENCH_DRAIN=20000 for a quicker drain run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentProcess } from '../../reliability/harness/agent-process.js';
import { CentralProcess } from '../../reliability/harness/central-process.js';
import { waitFor } from '../../reliability/harness/child-process.js';
import { fillOutbox } from '../../reliability/harness/outbox-filler.js';
import { printTable } from '../stats.js';

const DRAIN = Number(process.env.ASPK_BENCH_DRAIN ?? 100_000);
const rows: Record<string, string | number>[] = [];
/** Records a result and prints it at once (the whole suite takes minutes). */
function result(row: Record<string, string | number>): void {
  rows.push(row);
  console.log(`${row['measurement']}: ${row['result']} (${row['detail']})`);
}
const dir = mkdtempSync(join(tmpdir(), 'aspk-bench-sync-'));
const running: AgentProcess[] = [];
let central: CentralProcess | null = null;

async function setup(name: string, agentIds: string[]): Promise<{ central: CentralProcess; agents: AgentProcess[] }> {
  const { central: c, credentials } = await CentralProcess.create(join(dir, name, 'central'), agentIds);
  central = c;
  await c.start();
  // Production request timeout (10 s) and backoff base; a 2 s backoff cap so the end of an outage is seen quickly.
  const sync = { ackTimeoutMs: 10_000, backoffBaseMs: 500, backoffCapMs: 2_000 };
  const agents = agentIds.map((id) => new AgentProcess({ dir: join(dir, name, id), checkpointId: id, centralUrl: c.url, token: credentials.get(id)!, publicKey: c.publicKey, sync }));
  return { central: c, agents };
}

async function teardown(): Promise<void> {
  await Promise.all(running.splice(0).map((a) => a.kill9()));
  await central?.kill9();
  central = null;
}

/** Ingest rate with `n` agents each holding `per` queued crossings, all started together. */
async function ingest(n: number, per: number): Promise<void> {
  const ids = Array.from({ length: n }, (_, i) => `kpp-ing${n}-${i}`);
  const { central: c, agents } = await setup(`ingest-${n}`, ids);
  agents.forEach((a, i) => fillOutbox(a.dataDir, ids[i]!, per));
  running.push(...agents);
  // The agents come up while central is down (an outage), then central returns to all of them at once.
  await c.kill9();
  for (const a of agents) await a.start({ login: false });
  await c.start();
  await waitFor(() => agents.every((a) => a.outboxDepth() === 0), 'all delivered', 300_000, 100);
  const span = c.receiveSpan(ids);
  const counters = await Promise.all(agents.map(async (a) => ((await a.health()) as { link: { counters: Record<string, number> } }).link.counters));
  result({
    measurement: `central ingest, ${n} agent${n > 1 ? 's' : ''} × ${per.toLocaleString('en')}`,
    result: `${Math.round(span.count / (Math.max(1, span.lastMs - span.firstMs) / 1000)).toLocaleString('en')} crossings/s`,
    detail: `${span.count} stored in ${span.lastMs - span.firstMs} ms; ${counters.reduce((s, x) => s + (x['batchesAcked'] ?? 0), 0)} batches, ${counters.reduce((s, x) => s + (x['ackTimeouts'] ?? 0), 0)} ack timeouts`,
  });
  await teardown();
}

/** One agent drains `n` crossings queued while central was unreachable. */
async function drain(n: number): Promise<void> {
  const { central: c, agents } = await setup('drain', ['kpp-drain']);
  const agent = agents[0]!;
  const t0 = performance.now();
  fillOutbox(agent.dataDir, 'kpp-drain', n);
  const fillMs = performance.now() - t0;
  running.push(agent);
  await c.kill9();
  await agent.start({ login: false });
  // The outage ends: central comes back; the clock runs from its restart to the last acknowledgement.
  const t1 = performance.now();
  await c.start();
  const startMs = performance.now() - t1;
  await waitFor(() => agent.outboxDepth() === 0, 'outbox drained', 900_000, 200);
  const totalMs = performance.now() - t1;
  const span = c.receiveSpan(['kpp-drain']);
  result({
    measurement: `drain ${n.toLocaleString('en')} crossings queued during an outage`,
    result: `${(totalMs / 1000).toFixed(1)} s`,
    detail: `from central's restart (${(startMs / 1000).toFixed(1)} s of it central starting); central stored ${span.count} in ${((span.lastMs - span.firstMs) / 1000).toFixed(1)} s (${Math.round(span.count / ((span.lastMs - span.firstMs) / 1000))}/s); queue prepared in ${(fillMs / 1000).toFixed(1)} s`,
  });
  await teardown();
}

/** Admin change → all `n` connected agents screening with it. */
async function publishToScreen(n: number, rounds: number): Promise<void> {
  const ids = Array.from({ length: n }, (_, i) => `kpp-pub-${i}`);
  const { central: c, agents } = await setup('publish', ids);
  await Promise.all(agents.map((a) => a.addOfficer()));
  running.push(...agents);
  await Promise.all(agents.map((a) => a.start()));
  const linkUp = async (a: AgentProcess): Promise<boolean> => ((await a.health()) as { link: { socketConnected: boolean } }).link.socketConnected;
  await waitFor(async () => (await Promise.all(agents.map(linkUp))).every(Boolean), 'all agents connected', 60_000, 100);
  const token = await c.adminToken();
  const times: number[] = [];
  let hits = 0;
  for (let r = 0; r < rounds; r++) {
    const doc = `PUB${String(100000 + r)}`;
    // Agent log times are wall-clock ms on the same machine: publish start → each agent's "applied" line.
    const t0 = Date.now();
    const v = await c.addEntry(token, { id: `pub-${r}`, type: 'document', category: 'stolen', action: 'refer', issuingState: 'UTO', documentNumber: doc });
    const applied = await Promise.all(agents.map((a) => a.appliedVersionAt(v)));
    times.push(Math.max(...applied) - t0);
    const scans = await Promise.all(agents.map((a) => a.scan(doc)));
    hits += scans.filter((s) => s.hits > 0 && s.watchlistVersion >= v).length;
  }
  times.sort((a, b) => a - b);
  result({
    measurement: `admin change → all ${n} connected agents screening with it`,
    result: `median ${Math.round(times[Math.floor(times.length / 2)]!)} ms, max ${Math.round(times.at(-1)!)} ms`,
    detail: `${rounds} changes (target < 1000 ms; includes the admin API call and signing); listed document hit on ${hits}/${n * rounds} scans after`,
  });
  await teardown();
}

try {
  await ingest(1, 10_000);
  await ingest(10, 2_000);
  await drain(DRAIN);
  await publishToScreen(10, 5);
  printTable(rows);
} finally {
  await teardown();
  rmSync(dir, { recursive: true, force: true });
}
