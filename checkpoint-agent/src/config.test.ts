import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAspkError } from '@aspk/shared';
import { loadAgentConfig, parseAgentConfig } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'aspk-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

describe('agent configuration', () => {
  it('applies defaults: loopback console, strict MRZ policy, 18 as minor age, 3-day retention', () => {
    const c = parseAgentConfig({ checkpointId: 'kpp-torugart' }, dir);
    expect(c.console).toMatchObject({ host: '127.0.0.1', port: 8470, secureCookies: false });
    expect(c.policy.mrz.allowSexX).toBe(false);
    expect(c.thresholds.minorAgeYears).toBe(18);
    expect(c.retention.syncedCrossingDays).toBe(3);
    expect(c.dataDir).toBe(join(dir, 'data'));
    expect(c.passwordCostLog2).toBe(17);
  });

  it('reads a file, resolves dataDir against it, and lets the environment override (credentials)', () => {
    const f = write('agent.json', JSON.stringify({ checkpointId: 'kpp-a', dataDir: 'state', lanes: [{ id: '1', devicePath: '/dev/ttyUSB0', profile: 'desko' }] }));
    const c = loadAgentConfig(f, { ASPK_AGENT_CONSOLE_PORT: '9001', ASPK_AGENT_CENTRAL_TOKEN: 't'.repeat(32), ASPK_AGENT_CENTRAL_URL: 'https://central.example' });
    expect(c.console.port).toBe(9001);
    expect(c.central).toEqual({ url: 'https://central.example', token: 't'.repeat(32) });
    expect(c.dataDir).toBe(join(dir, 'state'));
    expect(c.lanes[0]).toEqual({ id: '1', devicePath: '/dev/ttyUSB0', profile: 'desko', direction: 'entry', baudRate: 9600 });
  });

  it.each([
    ['a bad port', { checkpointId: 'kpp-a', console: { port: 70000 } }, /console\.port/],
    ['an unknown setting', { checkpointId: 'kpp-a', colour: 'red' }, /colour/],
    ['an unknown reader profile', { checkpointId: 'kpp-a', lanes: [{ id: '1', devicePath: '/dev/x', profile: 'toaster' }] }, /lanes\[0\]\.profile/],
    ['an upper-case checkpoint id', { checkpointId: 'KPP' }, /checkpointId/],
    ['duplicate lanes', { checkpointId: 'kpp-a', lanes: [{ id: '1', devicePath: '/a' }, { id: '1', devicePath: '/b' }] }, /duplicate lane id '1'/],
  ])('refuses %s with a readable message naming the setting', (_what, raw, pattern) => {
    let err: unknown;
    try {
      parseAgentConfig(raw, dir);
    } catch (e) {
      err = e;
    }
    expect(isAspkError(err, 'CONFIG_INVALID')).toBe(true);
    expect((err as Error).message).toMatch(pattern);
  });

  it('refuses a file that is not JSON, naming the file', () => {
    const f = write('broken.json', '{ "checkpointId": ');
    expect(() => loadAgentConfig(f, {})).toThrow(/broken\.json is not valid JSON/);
  });
});
