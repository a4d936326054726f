/**
 * Every simulator profile × every fault, through the in-process mock device and the agent's real
 * ScannerSupervisor (configured profile, and `auto`). Each case ends with a clean "marker" document sent
 * after a gap longer than the idle timeout: when its frame arrives, the driver has recovered and every
 * event of the case is in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MockReaderDevice, SCAN_FAULTS, SIM_PROFILES, SimulatedReader, type ScanFault, type SimProfileName } from '@aspk/hardware-sim';
import { ScannerSupervisor, type SCANNER_PROFILES, type ScannerFrame } from '@aspk/checkpoint-agent';

type ScannerProfile = (typeof SCANNER_PROFILES)[number];
import { cleanTravellers, isValidMrz, waitForFrame, waitForState } from './scanner-harness.js';

const SEED = Number(process.env.ASPK_TEST_SEED ?? 4242);
// Above the production default (150 ms): all profiles run at once in one event loop on a shared
// two-core machine, and a stall longer than the idle timeout would split a frame.
const IDLE_MS = 250;
const rows: { agent: string; profile: SimProfileName; fault: ScanFault | 'none'; expect: string; sent: number; recognised: number; ok: boolean }[] = [];

async function runProfile(profile: SimProfileName, agentProfile: ScannerProfile, seed: number): Promise<string[]> {
  const failures: string[] = [];
  const device = new MockReaderDevice(`/dev/mock-matrix-${profile}-${agentProfile}`);
  const reader = new SimulatedReader({
    profile, device, seed, pacing: 'none', chunking: 'usb64', lineGapMs: 5, idleTimeoutMs: IDLE_MS, doubleReadDelayMs: [20, 60],
  });
  const scanner = new ScannerSupervisor({ path: device.path, profile: agentProfile, binding: device.binding, idleTimeoutMs: IDLE_MS, dedupeWindowMs: 2000 });
  const frames: ScannerFrame[] = [];
  scanner.on('frame', (f) => frames.push(f));
  scanner.start();
  const travellers = cleanTravellers(seed);
  try {
    await waitForState(scanner, 'open');
    // Warm-up read (not counted): the first pass through every code path pays for JIT and lazy loading.
    const warm = travellers.next();
    const warmSeen = waitForFrame(scanner, warm.mrz, 10_000);
    await reader.scan(warm.lines);
    await warmSeen;
    frames.length = 0;
    for (const fault of ['none', ...SCAN_FAULTS] as const) {
      const doc = travellers.next();
      const before = frames.length;
      const report = await reader.scan(doc.lines, fault === 'none' ? [] : [fault]);
      const marker = travellers.next();
      const markerSeen = waitForFrame(scanner, marker.mrz, 5000);
      await reader.scan(marker.lines, [], { delayMs: IDLE_MS + 50 });
      await markerSeen;
      const got = frames.slice(before, -1).map((f) => f.text);
      let ok: boolean;
      if (report.expect === 'exact') ok = got.length === 1 && got[0] === report.sentText;
      else if (report.expect === 'at-most-exact') ok = got.length <= 1 && got.every((t) => t === report.sentText);
      else ok = got.every((t) => !isValidMrz(t) && t !== doc.mrz);
      const recognised = got.filter((t) => t === report.sentText || t === doc.mrz).length;
      rows.push({ agent: agentProfile, profile, fault, expect: report.expect, sent: report.expect === 'no-document' ? 0 : 1, recognised, ok });
      if (!ok) failures.push(`${agentProfile}/${profile}/${fault} (seed ${seed}): expected ${report.expect} of ${JSON.stringify(report.sentText)}, got ${JSON.stringify(got)}`);
    }
    const h = scanner.health();
    if (h.state !== 'open' || h.reconnects !== 0) failures.push(`${profile}: unhealthy ${JSON.stringify(h)}`);
  } finally {
    await scanner.stop();
    reader.close();
  }
  return failures;
}

describe('profile × fault matrix through the mock device', () => {
  it('every profile and fault gives exactly the expected documents (configured profile)', async () => {
    const failures = (await Promise.all(SIM_PROFILES.map((p, i) => runProfile(p, p, SEED + i)))).flat();
    expect(failures).toEqual([]);
  });

  it('the same with the agent on `auto` (Elyctis excluded: only a configured profile arms it)', async () => {
    const profiles = SIM_PROFILES.filter((p) => p !== 'elyctis');
    const failures = (await Promise.all(profiles.map((p, i) => runProfile(p, 'auto', SEED + 100 + i)))).flat();
    expect(failures).toEqual([]);
  });

  afterAll(() => {
    const summary = new Map<string, { sent: number; recognised: number; cases: number; failed: number }>();
    for (const r of rows) {
      const k = `${r.agent === 'auto' ? 'auto ← ' : ''}${r.profile}`;
      const s = summary.get(k) ?? { sent: 0, recognised: 0, cases: 0, failed: 0 };
      s.sent += r.sent;
      s.recognised += r.recognised;
      s.cases++;
      if (!r.ok) s.failed++;
      summary.set(k, s);
    }
    const lines = [...summary].map(([k, s]) => `${k.padEnd(22)} cases ${String(s.cases).padStart(3)}  documents sent ${String(s.sent).padStart(3)}  recognised ${String(s.recognised).padStart(3)}  failed ${s.failed}`);
    console.log(`profile × fault matrix (seed ${SEED}; "sent" counts scans whose complete MRZ reached the wire)\n${lines.join('\n')}`);
  });
});
