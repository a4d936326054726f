import { execFile } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './cli.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { openDatabase } from './db/open-database.js';
import { openStores } from './main.js';
import { isAspkError } from '@aspk/shared';

const BIN = join(import.meta.dirname, '..', 'bin', 'aspk-central.js');
let dir: string;

/** In process: the same `main` the bin calls, with captured streams. */
async function run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const o: Buffer[] = [];
  const e: Buffer[] = [];
  stdout.on('data', (c: Buffer) => o.push(c));
  stderr.on('data', (c: Buffer) => e.push(c));
  const prev = process.env.ASPK_CENTRAL_SCRYPT_LOG_N;
  process.env.ASPK_CENTRAL_SCRYPT_LOG_N = '10';
  try {
    const code = await main([...args, '--data-dir', dir], { stdin: Readable.from([Buffer.from(input ?? '')]), stdout, stderr });
    return { code, stdout: Buffer.concat(o).toString(), stderr: Buffer.concat(e).toString() };
  } finally {
    if (prev === undefined) delete process.env.ASPK_CENTRAL_SCRYPT_LOG_N;
    else process.env.ASPK_CENTRAL_SCRYPT_LOG_N = prev;
  }
}

/** As a real process through the bin launcher. */
function spawnBin(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args, '--data-dir', dir], { env: { ...process.env, ASPK_CENTRAL_SCRYPT_LOG_N: '10' } }, (err, stdout, stderr) =>
      resolve({ code: err === null ? 0 : ((err as { code?: number }).code ?? 1), stdout, stderr }),
    );
    child.stdin?.end(input ?? '');
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aspk-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('aspk-central CLI', () => {
  it('adds a user with the password from stdin, stored as an scrypt hash', async () => {
    const r = await run(['user', 'add', '--username', 'chief', '--role', 'admin', '--password-stdin'], 'a long enough password\n');
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(/user chief \(admin\) created/);
    const short = await run(['user', 'add', '--username', 'x', '--role', 'admin', '--password-stdin'], 'short\n');
    expect(short.code).toBe(2);
    const s = openStores(loadConfig({}, { dataDir: dir, scryptLogN: 10 }), createLogger('silent'));
    try {
      const u = s.users.byUsername('chief')!;
      expect(u.passwordHash).toMatch(/^scrypt\$10\$8\$1\$/);
      expect(await s.hasher.verify('a long enough password', u.passwordHash)).toBe(true);
    } finally {
      s.db.close();
    }
  });

  it('enrols a checkpoint and prints its credential once; rotate and revoke', async () => {
    const r = await run(['checkpoint', 'add', 'kpp-7', '--name', 'Seven']);
    expect(r.code).toBe(0);
    const cred = r.stdout.split('\n').find((l) => l.startsWith('kpp-7.'));
    expect(cred).toMatch(/^kpp-7\.[A-Za-z0-9_-]{43}$/);
    expect((await run(['checkpoint', 'rotate', 'kpp-7'])).stdout).toMatch(/kpp-7\./);
    expect((await run(['checkpoint', 'revoke', 'kpp-7'])).code).toBe(0);
    expect((await run(['checkpoint', 'list'])).stdout).toMatch(/kpp-7\trevoked\tSeven/);
  });

  it('imports a watchlist file, reports line errors, verifies the audit chain and shows the key', async () => {
    const good = join(dir, 'list.jsonl');
    writeFileSync(good, '{"id":"a","type":"document","category":"lost","action":"alert","issuingState":"KGZ","documentNumber":"A1"}\n');
    expect((await run(['watchlist', 'import', good])).stdout).toMatch(/imported 1 entries as version 1/);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id":"b"}\n');
    const r = await run(['watchlist', 'import', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/WATCHLIST_IMPORT_INVALID/);
    expect(r.stderr).toMatch(/"line": 1/);
    const v = await run(['audit', 'verify']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true });
    expect(JSON.parse((await run(['key', 'show'])).stdout).publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('backs up the database online after an integrity check', async () => {
    const target = join(dir, 'backup.db');
    const r = await run(['backup', target]);
    expect(r.code).toBe(0);
    const copy = openDatabase(target).db;
    try {
      expect((copy.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n).toBeGreaterThan(0);
    } finally {
      copy.close();
    }
  });

  it('runs as a real process through bin/aspk-central.js', async () => {
    const r = await spawnBin(['key', 'show']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).keyId).toMatch(/^[0-9a-f]{16}$/);
    expect((await spawnBin(['frobnicate'])).code).toBe(2);
  });
});

describe('loadConfig', () => {
  it('names the environment variable of a bad setting', () => {
    try {
      loadConfig({ ASPK_CENTRAL_PORT: 'eighty' });
      throw new Error('not thrown');
    } catch (e) {
      expect(isAspkError(e, 'CONFIG_INVALID')).toBe(true);
      expect((e as Error).message).toMatch(/ASPK_CENTRAL_PORT/);
    }
    expect(loadConfig({ ASPK_CENTRAL_PUBLIC_ORIGINS: 'https://a.example, https://b.example' }).publicOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});
