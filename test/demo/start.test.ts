/**
 * `npm start`'s launcher as a user runs it (`node --import tsx test/demo/start.ts`), in a temporary data
 * folder on free ports: it prints the URLs and logins, every URL answers, SIGINT stops every child and
 * exits 0; a second start continues with the same data; a taken port stops it with a clear message.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeChild, REPO_ROOT } from '../reliability/harness/child-process.js';

const dir = mkdtempSync(join(tmpdir(), 'aspk-demo-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function launch(env: Record<string, string>): NodeChild {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/demo/start.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ASPK_DEMO_DATA_DIR: dir, ASPK_DEMO_CENTRAL_PORT: '0', ASPK_DEMO_AGENT1_PORT: '0', ASPK_DEMO_AGENT2_PORT: '0', ASPK_DEMO_RATE_PER_MIN: '60', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new NodeChild(child);
}

/** Runs the launcher until its banner, checks every URL answers, stops it with SIGINT; returns its output. */
async function runOnce(): Promise<{ out: string; urls: string[] }> {
  const demo = launch({});
  await demo.waitForLine(/Press Ctrl-C to stop/, 120_000);
  const out = demo.lines.join('\n');
  const urls = [...out.matchAll(/^ {2}(?:Headquarters|Checkpoint).*?(http:\/\/127\.0\.0\.1:\d+)$/gm)].map((m) => m[1]!);
  expect(urls).toHaveLength(3);
  for (const u of urls) expect((await fetch(u)).status).toBe(200);
  demo.child.kill('SIGINT');
  const { code } = await demo.exited;
  expect(code, demo.errLines.join('\n')).toBe(0);
  // Every server is gone: nothing listens on their ports any more.
  for (const u of urls) await expect(fetch(u)).rejects.toThrow();
  return { out: demo.lines.join('\n'), urls };
}

describe.sequential('npm start (the demo launcher)', () => {
  it('starts central and two agents, prints URLs and logins, and stops every child on SIGINT with exit 0', async () => {
    const { out } = await runOnce();
    expect(out).toMatch(/first start/);
    expect(out).toMatch(/administrator\s+admin \/ \S+/);
    expect(out).toMatch(/auditor\s+auditor \/ \S+/);
    expect(out).toMatch(/Checkpoint Torugart \(2 lanes\)/);
    expect(out).toMatch(/Checkpoint Dostuk \(1 lane\)/);
    expect(out.match(/officer\s+officer \/ \S+/g)).toHaveLength(2);
    const secrets = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as { checkpointTokens: Record<string, string> };
    expect(Object.keys(secrets.checkpointTokens).sort()).toEqual(['kpp-dostuk', 'kpp-torugart']);
    // Checkpoint credentials are saved, never printed.
    for (const token of Object.values(secrets.checkpointTokens)) expect(out).not.toContain(token);
    for (const f of ['secrets.json', 'demo-state.json']) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    expect(out).toMatch(/stopped\./);
  }, 180_000);

  it('continues with the same data on a second start: no new enrolment, no second import', async () => {
    const secretsBefore = readFileSync(join(dir, 'secrets.json'), 'utf8');
    const stateBefore = JSON.parse(readFileSync(join(dir, 'demo-state.json'), 'utf8')) as { watchlistImportedVersion: number; seed: number };
    const { out } = await runOnce();
    expect(out).toMatch(/continuing the demo/);
    expect(out).not.toMatch(/enrolling|watchlist imported|creating the officer/);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toBe(secretsBefore);
    const stateAfter = JSON.parse(readFileSync(join(dir, 'demo-state.json'), 'utf8')) as { watchlistImportedVersion: number; seed: number };
    expect(stateAfter).toMatchObject({ watchlistImportedVersion: stateBefore.watchlistImportedVersion, seed: stateBefore.seed });
  }, 180_000);

  it('refuses to start when a port is taken, naming the port and the variable that moves it', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const demo = launch({ ASPK_DEMO_CENTRAL_PORT: String(port) });
      const { code } = await demo.exited;
      expect(code).toBe(1);
      expect(demo.errLines.join('\n')).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 for central is already in use.*ASPK_DEMO_CENTRAL_PORT=`));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  }, 60_000);
});
