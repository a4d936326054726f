import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SerialPort } from 'serialport';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main, parseFaults } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'aspk-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('aspk-sim CLI', () => {
  it('prints usage and exits 2 on bad arguments', async () => {
    expect((await capture(['frobnicate'])).code).toBe(2);
    const r = await capture(['reader', '--profile', 'nope', '--link', 'x']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--profile must be one of/);
    expect(() => parseFaults('double-read:2')).toThrow(/bad --faults/);
    expect(parseFaults('noise-before:0.1,double-read')).toEqual([{ fault: 'noise-before', probability: 0.1 }, { fault: 'double-read', probability: 1 }]);
  });

  it('generates travellers and their watchlist entries as JSON lines', async () => {
    const wl = join(dir, 'wl.jsonl');
    const r = await capture(['travellers', '--count', '40', '--seed', '3', '--watchlist-out', wl]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { mrz: string; watchlisted: boolean });
    expect(lines).toHaveLength(40);
    expect(readFileSync(wl, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(lines.filter((l) => l.watchlisted).length);
  });

  it('runs a reader on a PTY controlled from stdin (npx aspk-sim reader …)', async () => {
    const link = join(dir, 'lane1');
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'aspk-sim.js'), 'reader', '--profile', 'stx-etx', '--link', link, '--pacing', 'none', '--seed', '5'], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const events = createInterface({ input: child.stdout });
      const next = (): Promise<Record<string, unknown>> => Promise.race([
        once(events, 'line').then(([l]) => JSON.parse(String(l)) as Record<string, unknown>),
        new Promise<never>((_, rej) => setTimeout(() => rej(new Error('no event from aspk-sim')), 15_000)),
      ]);
      expect(await next()).toMatchObject({ event: 'ready', profile: 'stx-etx' });
      const port = new SerialPort({ path: link, baudRate: 9600, autoOpen: false });
      await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
      const got = once(port, 'data');
      child.stdin.write('scan\n');
      expect(await next()).toMatchObject({ event: 'scan', delivered: true });
      expect(((await got)[0] as Buffer)[0]).toBe(0x02);
      child.stdin.write('status\n');
      expect(await next()).toMatchObject({ event: 'status', present: true, scans: 1 });
      await new Promise<void>((res) => port.close(() => res()));
      child.stdin.write('quit\n');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      child.kill();
    }
  });
});
