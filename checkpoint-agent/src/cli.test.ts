/**
 * The agent's commands as an operator runs them: real child processes through the `aspk-agent` bin.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { officerCommand } from './officer-command.js';
import { runCommand } from './run-command.js';
import { storeCommand } from './store-command.js';

function capture(): { stream: Writable; text(): string } {
  let text = '';
  return { stream: new Writable({ write: (c: Buffer, _e, cb) => ((text += c.toString()), cb()) }), text: () => text };
}

const BIN = fileURLToPath(new URL('../bin/aspk-agent.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'aspk-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const configFile = join(dir, 'agent.json');
writeFileSync(configFile, JSON.stringify({ checkpointId: 'kpp-cli', dataDir: 'data', console: { port: 0 }, passwordCostLog2: 10 }));

function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input: input ?? '', encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('aspk-agent CLI', () => {
  it('officer add reads the password from stdin', () => {
    const ok = run(['officer', 'add', '--username', 'aibek', '--password-stdin', '--config', configFile], 'a-long-password\n');
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/officer 'aibek' \(officer\) added/);
  });

  it('officer add refuses duplicate names, weak passwords and passwords on the command line', async () => {
    const add = async (args: string[], input: string): Promise<string> => {
      let err = '';
      const sink = new Writable({ write: (c: Buffer, _e, cb) => ((err += c.toString()), cb()) });
      await officerCommand(['add', ...args, '--config', configFile], {}, Readable.from([input]), new Writable({ write: (_c, _e, cb) => cb() }), sink);
      return err;
    };
    expect(await add(['--username', 'aibek', '--password-stdin'], 'another-password\n')).toMatch(/already exists/);
    expect(await add(['--username', 'x2', '--password-stdin'], 'short\n')).toMatch(/at least 10/);
    expect(await add(['--username', 'x3'], '')).toMatch(/--password-stdin is required/);
    expect(await add(['--username', 'UPPER', '--password-stdin'], 'a-long-password\n')).toMatch(/username/);
  });

  it('run refuses a bad configuration with the setting named', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ checkpointId: 'kpp-cli', console: { port: 'eighty' } }));
    const err = capture();
    expect(await runCommand(['--config', bad], {}, err.stream)).toBe(1);
    expect(err.text()).toMatch(/console\.port/);
  });

  it('run starts without central, serves /api/health and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'run', '--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('agent did not start')), 20_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        const msg = JSON.parse(line) as { msg: string; port?: number };
        if (msg.msg === 'officer console listening' && msg.port !== undefined) {
          clearTimeout(timer);
          resolve(msg.port);
        }
      });
      child.on('exit', (code) => reject(new Error(`agent exited ${code}`)));
    });
    const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { checkpointId: string; link: { state: string } };
    expect(health).toMatchObject({ checkpointId: 'kpp-cli', link: { state: 'disabled' } });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses to start on a damaged database, then store quarantine moves it aside and a fresh one starts', async () => {
    const db = join(dir, 'data', 'agent.db');
    expect(existsSync(db)).toBe(true);
    writeFileSync(db, Buffer.alloc(8192, 0x41)); // garbage over the header and page 1
    const refusedErr = capture();
    expect(await runCommand(['--config', configFile], {}, refusedErr.stream)).toBe(1);
    expect(refusedErr.text()).toMatch(/damaged/);
    expect(refusedErr.text()).toMatch(/recovery: stop the agent, run `aspk-agent store quarantine/);
    const out = capture();
    expect(await storeCommand(['quarantine', '--config', configFile], {}, out.stream, capture().stream)).toBe(0);
    expect(out.text()).toMatch(/agent\.db\.corrupt-/);
    expect(readdirSync(join(dir, 'data')).some((f) => f.startsWith('agent.db.corrupt-'))).toBe(true);
    expect(run(['officer', 'add', '--username', 'nurlan', '--password-stdin', '--config', configFile], 'a-long-password\n').status).toBe(0);
  });
});
