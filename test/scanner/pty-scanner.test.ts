/**
 * The simulator on a real PTY and the agent's real ScannerSupervisor opening it by path with the native
 * serialport binding, exactly as on hardware: frames in every profile, unplug/replug while scanning, a
 * device missing at start, and 1 MB of random bytes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prng, PtyDevice, SIM_PROFILES, SimulatedReader, type ScanReport, type SimProfileName } from '@aspk/hardware-sim';
import { ScannerSupervisor, type ScannerFrame } from '@aspk/checkpoint-agent';
import { cleanTravellers, isValidMrz, waitForFrame, waitForState } from './scanner-harness.js';

const SEED = Number(process.env.ASPK_TEST_SEED ?? 777);
// The production default: frames must survive the event-loop stalls of a loaded machine.
const IDLE_MS = 150;
let dir = '';
const cleanup: (() => Promise<void> | void)[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aspk-pty-'));
});
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
  rmSync(dir, { recursive: true, force: true });
});

function supervisor(path: string, profile: SimProfileName | 'auto'): { s: ScannerSupervisor; frames: ScannerFrame[] } {
  const s = new ScannerSupervisor({ path, profile, idleTimeoutMs: IDLE_MS, dedupeWindowMs: 2000, backoff: { initialMs: 20, maxMs: 200 }, statPollMs: 500 });
  const frames: ScannerFrame[] = [];
  s.on('frame', (f) => frames.push(f));
  cleanup.push(() => s.stop());
  return { s, frames };
}

function reader(profile: SimProfileName, link: string, seed: number, extra: Partial<ConstructorParameters<typeof SimulatedReader>[0]> = {}): SimulatedReader {
  const r = new SimulatedReader({ profile, device: new PtyDevice(link), seed, pacing: 'none', lineGapMs: 5, idleTimeoutMs: IDLE_MS, ...extra });
  cleanup.push(() => r.close());
  return r;
}

describe('scanner driver on a real PTY', () => {
  it('reads frames in every profile (5 documents each), none lost, none doubled', async () => {
    const perProfile = 5;
    const results = await Promise.all(SIM_PROFILES.map(async (profile, i) => {
      const r = reader(profile, join(dir, `ttyMRZ-${profile}`), SEED + i);
      const { s, frames } = supervisor(r.device.path, profile);
      s.start();
      await waitForState(s, 'open');
      const travellers = cleanTravellers(SEED + i);
      const sent: string[] = [];
      for (let k = 0; k < perProfile; k++) {
        const t = travellers.next();
        const seen = waitForFrame(s, t.mrz, 5000, `${profile} document ${k}`);
        await r.scan(t.lines, [], { delayMs: k === 0 ? 0 : IDLE_MS + 50 });
        await seen;
        sent.push(t.mrz);
      }
      return { profile, sent, got: frames.map((f) => f.text) };
    }));
    console.log(`PTY, every profile (seed ${SEED}):\n${results.map((r) => `${r.profile.padEnd(13)} frames sent ${r.sent.length}  documents recognised ${r.got.filter((t) => r.sent.includes(t)).length}`).join('\n')}`);
    for (const r of results) expect(r.got, r.profile).toEqual(r.sent);
  });

  it('paces at the profile baud rate with FTDI-like bursts, and the driver still frames it', async () => {
    const r = reader('access-is', join(dir, 'ttyMRZ-paced'), SEED, { pacing: 'baud', chunking: 'ftdi16ms' });
    const { s } = supervisor(r.device.path, 'access-is');
    s.start();
    await waitForState(s, 'open');
    const t = cleanTravellers(SEED).next();
    const seen = waitForFrame(s, t.mrz);
    const started = Date.now();
    await r.scan(t.lines);
    const f = await seen;
    // 9600 8N1 ≈ 1.04 ms/byte: a ~95-byte frame cannot arrive in much less than ~90 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(Math.floor(f.bytes.length * 1.04) - 16);
    expect(r.wireLog.length).toBeGreaterThan(1); // several bursts, not one write
  });

  for (const profile of ['access-is', 'plain-cr', 'elyctis'] as const) {
    it.concurrent(`survives unplug/replug while scanning (${profile}): everything fully sent arrives once, the cut frame never`, async () => {
      const r = reader(profile, join(dir, `ttyMRZ-replug-${profile}`), SEED, { pacing: 'baud', baudRate: 38400, chunking: 'usb64' });
      const { s, frames } = supervisor(r.device.path, profile);
      s.start();
      await waitForState(s, 'open');
      const travellers = cleanTravellers(SEED + 50);
      const reports: ScanReport[] = [];
      let unplugs = 0;
      for (let k = 0; k < 9; k++) {
        const t = travellers.next();
        if (k % 3 === 2) {
          // Pull the cable while this document is on the wire: after its first burst (not a 4-byte
          // Elyctis card-state message), before its last.
          const cut = (rec: { bytes: Buffer }): void => {
            if (rec.bytes.length < 16) return;
            r.off('wire', cut);
            r.unplug();
          };
          r.on('wire', cut);
          const rep = await r.scan(t.lines, [], { delayMs: IDLE_MS + 50 });
          reports.push(rep);
          expect(rep.delivered).toBe(false);
          await waitForState(s, 'backoff');
          expect(s.health().lastErrorKind).toMatch(/disconnected|absent/);
          r.replug();
          await waitForState(s, 'open');
          unplugs++;
        } else {
          const seen = waitForFrame(s, t.mrz);
          reports.push(await r.scan(t.lines, [], { delayMs: IDLE_MS + 50 }));
          await seen;
        }
      }
      const expected = reports.filter((x) => x.delivered).map((x) => x.sentText);
      expect(frames.map((f) => f.text)).toEqual(expected);
      expect(s.health()).toMatchObject({ state: 'open', reconnects: unplugs });
      console.log(`PTY unplug/replug ${profile}: frames sent ${reports.length} (fully ${expected.length}, cut ${unplugs}), documents recognised ${frames.length}, reconnects ${s.health().reconnects}`);
    });
  }

  it('waits for a device missing at start and opens it when it appears', async () => {
    const link = join(dir, 'ttyMRZ-late');
    const { s } = supervisor(link, 'stx-etx');
    s.start();
    const h = await waitForState(s, 'backoff');
    expect(h.lastErrorKind).toBe('absent');
    const r = reader('stx-etx', link, SEED);
    await waitForState(s, 'open');
    const t = cleanTravellers(SEED + 9).next();
    const seen = waitForFrame(s, t.mrz);
    await r.scan(t.lines);
    await seen;
    expect(s.health().reconnects).toBe(0);
  });

  it('swallows 1 MB of random bytes without a crash or a false document, then reads the next one', async () => {
    const r = reader('access-is', join(dir, 'ttyMRZ-noise'), SEED);
    const { s, frames } = supervisor(r.device.path, 'auto');
    const bad: string[] = [];
    s.on('badFrame', (b) => bad.push(b.reason));
    s.start();
    await waitForState(s, 'open');
    const prng = new Prng(SEED);
    await r.sendBytes(prng.bytes(1 << 20));
    const t = cleanTravellers(SEED + 10).next();
    const seen = waitForFrame(s, t.mrz, 20_000);
    await r.scan(t.lines, [], { delayMs: IDLE_MS + 50 });
    await seen;
    const false_ = frames.filter((f) => f.text !== t.mrz && isValidMrz(f.text));
    expect(false_).toEqual([]);
    expect(s.health().state).toBe('open');
    const h = s.health();
    console.log(`1 MB random (seed ${SEED}): frames ${frames.length - 1} (valid: ${false_.length}), bad frames ${h.badFrames}, noise bytes ${h.noiseBytes}`);
  });
});
