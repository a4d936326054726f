/**
 * Central for the demo, through its own command line exactly as an operator would use it: enrol the
 * checkpoints (`checkpoint add`, credential kept, never printed), read the public key agents pin
 * (`key show`), import the watchlist (`watchlist import`), then `serve --demo`.
 */
import { join } from 'node:path';
import type { NodeChild } from '../reliability/harness/child-process.js';
import { REPO_ROOT } from '../reliability/harness/child-process.js';
import { childEnv, CommandFailed, runCommand, spawnServer } from './demo-child.js';

const CENTRAL_BIN = join(REPO_ROOT, 'central-server/bin/aspk-central.js');

export class CentralLauncher {
  child: NodeChild | null = null;
  url = '';
  port = 0;
  readonly #env: Record<string, string>;

  /** @param extraEnv `ASPK_CENTRAL_*` settings on top (tests lower the scrypt cost) */
  constructor(readonly dataDir: string, readonly logFile: string, extraEnv: Record<string, string> = {}) {
    this.#env = childEnv({ ...extraEnv, ASPK_CENTRAL_DATA_DIR: dataDir });
  }

  /** Enrols `id`; when central already knows it (a first start interrupted before the credential was saved), rotates instead. */
  async enrol(id: string, name: string): Promise<string> {
    let lines: string[];
    try {
      lines = await runCommand(CENTRAL_BIN, ['checkpoint', 'add', id, '--name', name], this.#env);
    } catch (e) {
      if (!(e instanceof CommandFailed) || !/CONFLICT/.test(e.stderr)) throw e;
      lines = await runCommand(CENTRAL_BIN, ['checkpoint', 'rotate', id], this.#env);
    }
    const at = lines.findIndex((l) => /credential \(shown once/.test(l));
    const credential = lines[at + 1]?.trim();
    if (at < 0 || credential === undefined || credential === '') throw new Error(`no credential in the output of checkpoint add ${id}`);
    return credential;
  }

  /** Central's public signing key (base64url) as `key show` prints it. */
  async publicKey(): Promise<string> {
    const lines = await runCommand(CENTRAL_BIN, ['key', 'show'], this.#env);
    const key = (JSON.parse(lines.join('\n')) as { publicKey?: unknown }).publicKey;
    if (typeof key !== 'string') throw new Error('key show printed no public key');
    return key;
  }

  /** Imports a JSON-lines watchlist; resolves with the version it created. */
  async importWatchlist(file: string): Promise<number> {
    const lines = await runCommand(CENTRAL_BIN, ['watchlist', 'import', file, '--format', 'jsonl'], this.#env);
    const m = lines.join('\n').match(/as version (\d+)/);
    if (m === null) throw new Error(`watchlist import printed no version: ${lines.join(' | ')}`);
    return Number(m[1]);
  }

  /** `serve --demo` (creates the demo users on the first run); resolves once it listens. */
  async start(host: string, port: number): Promise<void> {
    this.child = spawnServer(CENTRAL_BIN, ['serve', '--demo', '--host', host, '--port', String(port)], this.#env, this.logFile);
    const m = await this.child.waitForLine(/ASPK central at (http:\/\/\S+:(\d+))/, 60_000);
    this.url = m[1]!;
    this.port = Number(m[2]);
  }

  /** SIGTERM (central closes its sockets and database), SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    await this.child?.stop(graceMs);
  }
}
