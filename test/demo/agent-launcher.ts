/**
 * One checkpoint agent for the demo: its configuration file (no secret in it: the credential goes in
 * through `ASPK_AGENT_CENTRAL_TOKEN`), its officer account (`aspk-agent officer add --password-stdin`)
 * and the `aspk-agent run` process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeChild } from '../reliability/harness/child-process.js';
import { REPO_ROOT } from '../reliability/harness/child-process.js';
import { childEnv, runCommand, spawnServer } from './demo-child.js';

const AGENT_BIN = join(REPO_ROOT, 'checkpoint-agent/bin/aspk-agent.js');

/** A lane as the agent's configuration has it. */
export interface AgentLaneConfig {
  id: string;
  devicePath: string;
  profile: string;
  direction: 'entry' | 'exit';
}

export class AgentLauncher {
  child: NodeChild | null = null;
  port = 0;
  readonly configFile: string;
  readonly dataDir: string;

  constructor(readonly checkpointId: string, readonly dir: string, readonly logFile: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.configFile = join(dir, 'agent.json');
    this.dataDir = join(dir, 'data');
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * Writes `agent.json` (again at every start: ports and central's address may have moved).
   * @param extra settings merged on top (tests: `passwordCostLog2`, `sync`)
   */
  writeConfig(o: { host: string; port: number; centralUrl: string; rootPublicKey: string; lanes: AgentLaneConfig[]; extra?: Record<string, unknown> }): void {
    const config = {
      checkpointId: this.checkpointId,
      lanes: o.lanes,
      central: { url: o.centralUrl, rootPublicKey: o.rootPublicKey },
      dataDir: this.dataDir,
      console: { host: o.host, port: o.port },
      logLevel: 'info',
      ...o.extra,
    };
    writeFileSync(this.configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  }

  /** Adds the local officer account (the password goes through stdin, never argv). */
  async addOfficer(username: string, password: string): Promise<void> {
    await runCommand(AGENT_BIN, ['officer', 'add', '--username', username, '--name', 'Demo officer', '--password-stdin', '--config', this.configFile], childEnv({}), `${password}\n`);
  }

  /** Starts `aspk-agent run`; resolves with the console's port once it listens. */
  async start(token: string): Promise<void> {
    this.child = spawnServer(AGENT_BIN, ['run', '--config', this.configFile], childEnv({ ASPK_AGENT_CENTRAL_TOKEN: token }), this.logFile);
    const m = await this.child.waitForLine(/"port":(\d+).*"msg":"agent running"/, 60_000);
    this.port = Number(m[1]);
  }

  /**
   * Resolves with the agent's own time (UTC ms, from its log) at which it held watchlist version `version`
   * or later: loaded from its cache at start or applied from central. Waits for log lines, no polling.
   */
  async watchlistAt(version: number, timeoutMs = 30_000): Promise<number> {
    const applied = /"time":(\d+).*"to":(\d+).*"msg":"watchlist (?:versions|snapshot) applied"/;
    const loaded = /"time":(\d+).*"version":(\d+).*"msg":"watchlist loaded"/;
    const child = this.child;
    if (child === null) throw new Error(`agent ${this.checkpointId} is not running`);
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      for (const l of child.lines) {
        const m = l.match(applied) ?? l.match(loaded);
        if (m !== null && Number(m[2]) >= version) return Number(m[1]);
      }
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`agent ${this.checkpointId} did not reach watchlist version ${version} within ${timeoutMs} ms`);
      await child.waitForNewLine(/"msg":"watchlist (?:versions applied|snapshot applied|loaded)"/, left);
    }
  }

  async stop(graceMs = 10_000): Promise<void> {
    await this.child?.stop(graceMs);
  }
}
