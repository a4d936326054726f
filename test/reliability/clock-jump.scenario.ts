import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ScanResult } from './harness/agent-process.js';
import { waitFor } from './harness/child-process.js';
import type { Cluster } from './harness/cluster.js';
import { report } from './harness/cluster.js';

const FAKETIME_LIBS = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/faketime/libfaketime.so.1'];

/** The libfaketime preload library, or a clear failure naming the package (never a silent skip). */
export function faketimeLib(): string {
  const lib = FAKETIME_LIBS.find((p) => existsSync(p));
  if (lib === undefined) throw new Error('R13 needs libfaketime: install it with `apt-get install -y faketime` (the CI script does)');
  return lib;
}

/**
 * R13: the agent runs under libfaketime (wall clock only; the monotonic clock stays real), and its clock
 * jumps −1 h, then +1 h, then back. Sequence order must stay intact, the wall times stored at the agent and
 * at central must be exactly what the agent clock read (never rewritten), crossings made while the clock is
 * off must be flagged, and nothing may be lost or doubled.
 */
export async function clockJumps(cluster: Cluster, seed: number): Promise<void> {
  const lib = faketimeLib();
  const { agent } = await cluster.addAgent('kpp-r13', { viaProxy: false });
  const tsFile = join(cluster.dir, 'faketime-offset');
  writeFileSync(tsFile, '+0\n');
  await agent.start({ env: { LD_PRELOAD: lib, FAKETIME_TIMESTAMP_FILE: tsFile, FAKETIME_CACHE_DURATION: '1', FAKETIME_DONT_FAKE_MONOTONIC: '1' } });
  const offset = async (): Promise<number | null> => ((await agent.health()) as { link: { clockOffsetMs: number | null } }).link.clockOffsetMs;
  await waitFor(async () => (await offset()) !== null, 'first clock estimate (hello answered)', 20_000, 50);
  const phases: { name: string; file: string; expectOffset: (o: number) => boolean; flagged: boolean }[] = [
    { name: 'normal', file: '+0', expectOffset: (o) => Math.abs(o) < 60_000, flagged: false },
    { name: 'minus-1h', file: '-1h', expectOffset: (o) => o > 3_000_000, flagged: true },
    { name: 'plus-1h', file: '+1h', expectOffset: (o) => o < -3_000_000, flagged: true },
  ];
  const scans: { phase: string; r: ScanResult }[] = [];
  const offsets: number[] = [];
  for (const p of phases) {
    writeFileSync(tsFile, `${p.file}\n`);
    await waitFor(async () => {
      const o = await offset();
      return o !== null && p.expectOffset(o);
    }, `agent sees its clock at ${p.file}`, 20_000, 100);
    offsets.push((await offset())!);
    for (let i = 0; i < 5; i++) scans.push({ phase: p.name, r: await agent.scan() });
  }
  const recorded = scans.filter((s) => s.r.recorded).map((s) => s.r.crossingId);
  const convergeMs = await cluster.converge(agent, recorded);
  const db = agent.inspectDb();
  const central = cluster.central.wallTimes(recorded);
  const rewritten = recorded.filter((id) => central.get(id) !== db.wallMs.get(id)).length;
  const seqs = scans.map((s) => s.r.seq ?? 0);
  const seqOrdered = seqs.every((s, i) => i === 0 || s > seqs[i - 1]!);
  const flaggedWrong = scans.filter((s) => (db.flags.get(s.r.crossingId)?.length ?? 0) > 0 !== phases.find((p) => p.name === s.phase)!.flagged);
  const flagged = scans.filter((s) => (db.flags.get(s.r.crossingId)?.length ?? 0) > 0).length;
  const f = cluster.figures(agent, recorded);
  report({ id: 'R13', scenario: 'agent clock jumps -1 h, then +1 h (libfaketime)', seed, pass: rewritten === 0 && seqOrdered && flaggedWrong.length === 0 && f.lost === 0 && f.duplicates_stored === 0, ...f, flagged, offset_ms_min: Math.round(Math.min(...offsets)), offset_ms_max: Math.round(Math.max(...offsets)), rewritten, seq_order_intact: seqOrdered, converge_ms: Math.round(convergeMs) });
  expect({ rewritten, seqOrdered, flaggedWrong: flaggedWrong.map((s) => `${s.phase}:${JSON.stringify(db.flags.get(s.r.crossingId))}`), lost: f.lost, dup: f.duplicates_stored }, `seed ${seed}`).toEqual({ rewritten: 0, seqOrdered: true, flaggedWrong: [], lost: 0, dup: 0 });

}
