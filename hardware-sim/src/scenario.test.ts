import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAspkError } from '@aspk/shared';
import { loadScenario, runScenario } from './scenario.js';
import { MockReaderDevice } from './transport/mock-device.js';

const dir = mkdtempSync(join(tmpdir(), 'aspk-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(obj: unknown): string {
  const f = join(dir, `s${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, typeof obj === 'string' ? obj : JSON.stringify(obj));
  return f;
}

describe('scenario files', () => {
  it('rejects a bad file with a message naming the field', () => {
    const bad = file({ seed: 1, readers: { lane1: { profile: 'nope' } }, steps: [{ at: 0, reader: 'lane9', scan: 'random' }] });
    try {
      loadScenario(bad);
      expect.unreachable();
    } catch (e) {
      expect(isAspkError(e, 'INPUT_INVALID')).toBe(true);
      expect((e as Error).message).toMatch(/readers\.lane1\.profile/);
    }
    expect(() => loadScenario(file('{not json'))).toThrow(/not readable JSON/);
    expect(() => loadScenario(file({ seed: 1, readers: { a: { profile: 'desko' } }, steps: [{ at: 0, reader: 'b', unplug: true }] }))).toThrow(/unknown reader b/);
  });

  it('runs a timeline of scans, faults, unplug and replug on its readers', async () => {
    const s = loadScenario(file({
      seed: 42,
      readers: { lane1: { profile: 'access-is', pacing: 'none', doubleReadDelayMs: [10, 20] }, lane2: { profile: '3m-rte', pacing: 'none' } },
      steps: [
        { at: 0, reader: 'lane1', scan: 'watchlisted' },
        { at: 0, reader: 'lane2', inject: 'noise-before' },
        { at: 5, reader: 'lane2', scan: { mrz: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10' } },
        { at: 10, reader: 'lane2', unplug: true },
        { at: 15, reader: 'lane2', replug: true },
        { at: 20, reader: 'lane1', scan: 'stolen', faults: ['double-read'] },
      ],
    }));
    const devices: MockReaderDevice[] = [];
    const run = runScenario(s, (name) => {
      const d = new MockReaderDevice(`/dev/mock-scenario-${name}`);
      devices.push(d);
      return d;
    });
    const reports = await run.done;
    run.stop();
    expect(reports.map((r) => [r.reader, r.faults])).toEqual([['lane1', []], ['lane2', ['noise-before']], ['lane1', ['double-read']]]);
    expect(run.travellers.entries.map((e) => e.type).sort()).toEqual(['document', 'person']);
    expect(devices.every((d) => !d.present)).toBe(true); // stop() closed them
  });
});
