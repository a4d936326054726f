import { execFileSync } from 'node:child_process';
import { readdirSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ScanResult } from './harness/agent-process.js';
import { waitFor } from './harness/child-process.js';
import type { Cluster } from './harness/cluster.js';
import { report } from './harness/cluster.js';

/**
 * R10: the agent's disk refuses writes. The kernel's file-size limit (`prlimit --fsize` on the running
 * agent's pid) makes every write past 4 KiB fail with EFBIG — the agent sees real failing writes, as on a
 * full disk (SQLite reports them as an I/O error rather than SQLITE_FULL; the store-level SQLITE_FULL path
 * is covered by the agent's own disk-full test). Scans must be answered *not recorded*, earlier rows must
 * stay intact and synced, recording must resume once writes succeed again, and nothing may be lost.
 */
export async function agentDiskFull(cluster: Cluster, seed: number): Promise<void> {
  const { agent } = await cluster.addAgent('kpp-r10', { viaProxy: false });
  await agent.start();
  const recorded: string[] = [];
  for (let i = 0; i < 30; i++) {
    const r = await agent.scan();
    if (r.recorded) recorded.push(r.crossingId);
  }
  await cluster.converge(agent, recorded);
  const rowsBeforeFull = agent.inspectDb().rows;
  const pid = String(agent.child!.pid);
  execFileSync('prlimit', ['--pid', pid, '--fsize=4096:unlimited']);
  let fullErrors = 0;
  const refused: ScanResult[] = [];
  try {
    for (let i = 0; i < 10; i++) {
      const r = await agent.scan();
      if (r.recorded) recorded.push(r.crossingId);
      else {
        fullErrors++;
        refused.push(r);
      }
    }
  } finally {
    execFileSync('prlimit', ['--pid', pid, '--fsize=unlimited:unlimited']);
  }
  const t0 = performance.now();
  let resumed: ScanResult | null = null;
  await waitFor(async () => {
    const r = await agent.scan();
    if (r.recorded) {
      recorded.push(r.crossingId);
      resumed = r;
    }
    return r.recorded;
  }, 'recording resumes after writes succeed again', 20_000, 100);
  const recoveryMs = performance.now() - t0;
  const convergeMs = await cluster.converge(agent, recorded);
  const db = agent.inspectDb();
  const f = cluster.figures(agent, recorded);
  const intact = recorded.every((id) => db.ids.has(id));
  const codes = [...new Set(refused.map((r) => r.errorCode))];
  const pass = f.lost === 0 && f.duplicates_stored === 0 && db.integrity === 'ok' && intact && fullErrors > 0 && resumed !== null;
  report({ id: 'R10', scenario: 'agent disk refuses writes (EFBIG), then recovers', seed, pass, ...f, rows_before_full: rowsBeforeFull, full_errors: fullErrors, error_codes: codes, recovery_ms: Math.round(recoveryMs), integrity: db.integrity, converge_ms: Math.round(convergeMs) });
  expect({ lost: f.lost, dup: f.duplicates_stored, integrity: db.integrity, intact, refusedSome: fullErrors > 0 }, `seed ${seed}`).toEqual({ lost: 0, dup: 0, integrity: 'ok', intact: true, refusedSome: true });
  expect(codes.every((c) => c === 'STORE_IO' || c === 'STORE_FULL'), `error codes ${codes.join(',')}`).toBe(true);
}

/**
 * R11 (watchlist cache): garbage written into the cache file's header, page 1 and the middle of the file
 * while the agent is stopped. Each time the agent must start (no crash loop), quarantine the file (renamed,
 * not deleted), take central's signed snapshot and be back at central's head; crossings are untouched.
 */
export async function corruptedWatchlistCache(cluster: Cluster, seed: number): Promise<void> {
  const { agent } = await cluster.addAgent('kpp-r11', { viaProxy: false });
  const admin = await cluster.central.adminToken();
  let head = 0;
  for (let i = 0; i < 40; i++) head = await cluster.central.addEntry(admin, { id: `r11-${i}`, type: 'document', category: 'stolen', action: 'refer', issuingState: 'UTO', documentNumber: `S${String(1000000 + i)}` });
  await agent.start();
  const recorded: string[] = [];
  const versionOf = async (): Promise<number> => ((await agent.health()) as { watchlist: { version: number } }).watchlist.version;
  await waitFor(async () => (await versionOf()) === head, 'agent at central head', 20_000, 50);
  const cases: { name: string; offset: (size: number) => number }[] = [
    { name: 'header', offset: () => 0 },
    { name: 'page-1', offset: () => 100 },
    { name: 'mid-file', offset: (size) => Math.floor(size / 4096 / 2) * 4096 + 8 },
  ];
  const results: Record<string, { detected: boolean; quarantined: boolean; rebootstrap_ms: number; version: number }> = {};
  for (const c of cases) {
    const r = await agent.scan();
    if (r.recorded) recorded.push(r.crossingId);
    await agent.stop(); // graceful: the WAL is checkpointed into the file, so the garbage is not masked
    const file = join(agent.dataDir, 'watchlist.db');
    const before = readdirSync(agent.dataDir).filter((f) => f.includes('.corrupt-')).length;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, c.offset(statSync(file).size));
    closeSync(fd);
    const t0 = performance.now();
    await agent.start();
    await waitFor(async () => (await versionOf()) === head, `agent back at head after ${c.name} damage`, 20_000, 50);
    const quarantined = readdirSync(agent.dataDir).filter((f) => f.includes('.corrupt-')).length > before;
    results[c.name] = { detected: quarantined, quarantined, rebootstrap_ms: Math.round(performance.now() - t0), version: await versionOf() };
  }
  const hit = await agent.scan('S1000007');
  if (hit.recorded) recorded.push(hit.crossingId);
  const convergeMs = await cluster.converge(agent, recorded);
  const f = cluster.figures(agent, recorded);
  const allDetected = Object.values(results).every((r) => r.detected && r.version === head);
  report({ id: 'R11', scenario: 'corrupted watchlist cache (header, page 1, mid-file)', seed, pass: allDetected && f.lost === 0 && f.duplicates_stored === 0 && hit.hits > 0, head_version: head, cases: results, listed_document_hit_after: hit.hits > 0, ...f, converge_ms: Math.round(convergeMs) });
  expect({ allDetected, lost: f.lost, dup: f.duplicates_stored, hit: hit.hits > 0 }, `seed ${seed}: ${JSON.stringify(results)}`).toEqual({ allDetected: true, lost: 0, dup: 0, hit: true });


}
