/**
 * The demo's orchestration, shared by `npm start` and the end-to-end tests: central in demo mode, two
 * checkpoint agents (Torugart with two lanes, Dostuk with one), a simulated reader per lane on a real PTY,
 * all data under one folder. The first start enrols the checkpoints, imports the traveller pool's watchlist
 * and creates the officers; later starts find all of that done and simply continue.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimProfileName } from '@aspk/hardware-sim';
import { AgentLauncher } from './agent-launcher.js';
import { CentralLauncher } from './central-launcher.js';
import { DemoReaders } from './demo-readers.js';
import { DEMO_ENV_NAMES, type DemoSettings } from './demo-settings.js';
import { DemoStateFiles, type DemoSecrets, type DemoState } from './demo-state.js';
import { assertPortFree } from './port-probe.js';
import { TravellerPool } from './traveller-pool.js';

/** A checkpoint of the demo. */
export interface DemoCheckpoint {
  id: string;
  name: string;
  portSetting: 'agent1Port' | 'agent2Port';
  lanes: { id: string; profile: SimProfileName; direction: 'entry' | 'exit' }[];
}

/** Two road crossings of the Kyrgyz border; each lane's reader speaks a different wire format. */
export const DEMO_CHECKPOINTS: readonly DemoCheckpoint[] = [
  { id: 'kpp-torugart', name: 'Torugart', portSetting: 'agent1Port', lanes: [{ id: '1', profile: 'access-is', direction: 'entry' }, { id: '2', profile: 'desko', direction: 'exit' }] },
  { id: 'kpp-dostuk', name: 'Dostuk', portSetting: 'agent2Port', lanes: [{ id: '1', profile: 'plain-crlf', direction: 'entry' }] },
];

/** The officer account the demo creates at each agent. */
export const DEMO_OFFICER = 'officer';

export interface DemoClusterOptions {
  settings: DemoSettings;
  /** `ASPK_CENTRAL_*` settings for central (tests lower the scrypt cost). */
  centralEnv?: Record<string, string>;
  /** Agent settings merged into each `agent.json` (tests: `passwordCostLog2`, `sync`). */
  agentConfig?: Record<string, unknown>;
  /** Reader pacing: `baud` (default) or `none` (tests). */
  pacing?: 'baud' | 'none';
  /** Puts something between an agent and central (a fault proxy in tests); resolves with the URL the agent uses. */
  centralUrlFor?: (checkpointId: string, central: { url: string; port: number }) => Promise<string>;
  /** How long the start waits for each agent to hold the imported watchlist, ms; default 30 000. */
  watchlistWaitMs?: number;
  /** Fail the start when an agent does not hold it by then (tests); default: warn and run on. */
  watchlistRequired?: boolean;
  /** Aborts the start between steps (what has started is stopped, the start rejects). */
  signal?: AbortSignal;
  /** Start-up progress, one line each. */
  progress?: (line: string) => void;
}

export interface DemoLogins {
  central: { url: string; users: { role: string; username: string; password: string }[] };
  agents: { checkpointId: string; name: string; lanes: number; url: string; username: string; password: string }[];
}

export class DemoCluster {
  readonly agents = new Map<string, AgentLauncher>();
  #stopping: Promise<void> | null = null;

  private constructor(
    readonly o: DemoClusterOptions,
    readonly central: CentralLauncher,
    readonly readers: DemoReaders,
    readonly pool: TravellerPool,
    readonly files: DemoStateFiles,
    readonly state: DemoState,
    readonly secrets: DemoSecrets,
    readonly firstStart: boolean,
  ) {}

  get logDir(): string {
    return join(this.o.settings.dataDir, 'logs');
  }

  agent(checkpointId: string): AgentLauncher {
    const a = this.agents.get(checkpointId);
    if (a === undefined) throw new Error(`no agent ${checkpointId}`);
    return a;
  }

  /** Starts everything; on any failure stops what was started and rethrows. */
  static async start(o: DemoClusterOptions): Promise<DemoCluster> {
    const s = o.settings;
    const say = o.progress ?? (() => undefined);
    await assertPortFree(s.host, s.centralPort, 'central', DEMO_ENV_NAMES.centralPort);
    for (const cp of DEMO_CHECKPOINTS) await assertPortFree(s.host, s[cp.portSetting], `the ${cp.name} officer console`, DEMO_ENV_NAMES[cp.portSetting]);
    for (const d of ['', 'logs', 'dev', 'agents']) mkdirSync(join(s.dataDir, d), { recursive: true, mode: 0o700 });
    const files = new DemoStateFiles(s.dataDir);
    const saved = files.loadState();
    const state: DemoState = saved ?? { seed: s.seed ?? randomInt(1, 2_147_483_647), travellersAt: new Date().toISOString(), centralPublicKey: null, watchlistImportedVersion: null, officersCreated: [], trafficPosition: 0 };
    if (saved === null) files.saveState(state);
    say(saved === null ? `first start: creating the demo in ${s.dataDir}` : `continuing the demo in ${s.dataDir}`);
    const pool = new TravellerPool(state.seed, new Date(state.travellersAt), 900, state.trafficPosition);
    const lanes = DEMO_CHECKPOINTS.flatMap((cp) => cp.lanes.map((l) => ({ checkpointId: cp.id, laneId: l.id, profile: l.profile })));
    const readers = new DemoReaders(lanes, join(s.dataDir, 'dev'), pool, state.seed, o.pacing ?? 'baud');
    const central = new CentralLauncher(join(s.dataDir, 'central'), join(s.dataDir, 'logs', 'central.log'), o.centralEnv);
    const c = new DemoCluster(o, central, readers, pool, files, state, files.loadSecrets(), saved === null);
    // Checked between steps: Ctrl-C during start-up stops what has started instead of finishing the start.
    const step = (): void => {
      if (o.signal?.aborted === true) throw new Error('start-up interrupted');
    };
    try {
      await c.#prepareCentral(say);
      step();
      await central.start(s.host, s.centralPort);
      say(`central listening at ${central.url}`);
      step();
      await c.#prepareAgents(say);
      step();
      await Promise.all(DEMO_CHECKPOINTS.map((cp) => c.agent(cp.id).start(c.secrets.checkpointTokens[cp.id]!)));
      step();
      say('agents running; waiting for them to hold the watchlist');
      await Promise.all([...c.agents.values()].map((a) =>
        a.watchlistAt(state.watchlistImportedVersion ?? 1, o.watchlistWaitMs ?? 30_000).catch((e: Error) => {
          // An agent keeps pulling on its own; the demo runs on (its console says NO WATCHLIST meanwhile).
          if (o.watchlistRequired === true) throw e;
          say(`warning: ${a.checkpointId} does not hold the watchlist yet; it keeps trying (see logs/${a.checkpointId}.log)`);
        }),
      ));
      step();
      readers.startTraffic(s.ratePerMin, state.seed);
      return c;
    } catch (e) {
      await c.stop();
      throw e;
    }
  }

  /** Enrolment, key and watchlist import: each done once, recorded at once. */
  async #prepareCentral(say: (l: string) => void): Promise<void> {
    for (const cp of DEMO_CHECKPOINTS) {
      if (this.secrets.checkpointTokens[cp.id] !== undefined) continue;
      say(`enrolling checkpoint ${cp.id} at central (credential saved to secrets.json, mode 0600)`);
      this.secrets.checkpointTokens[cp.id] = await this.central.enrol(cp.id, cp.name);
      this.files.saveSecrets(this.secrets);
    }
    if (this.state.centralPublicKey === null) {
      this.state.centralPublicKey = await this.central.publicKey();
      this.files.saveState(this.state);
    }
    if (this.state.watchlistImportedVersion === null) {
      const file = join(this.o.settings.dataDir, 'watchlist.jsonl');
      writeFileSync(file, this.pool.watchlistJsonl(), { mode: 0o600 });
      this.state.watchlistImportedVersion = await this.central.importWatchlist(file);
      this.files.saveState(this.state);
      say(`watchlist imported at central: ${this.pool.watchlist().length} entries, version ${this.state.watchlistImportedVersion}`);
    }
  }

  /** Agent configurations (rewritten every start) and the officer accounts (created once). */
  async #prepareAgents(say: (l: string) => void): Promise<void> {
    const s = this.o.settings;
    const central = { url: this.central.url, port: this.central.port };
    await Promise.all(DEMO_CHECKPOINTS.map(async (cp) => {
      const a = new AgentLauncher(cp.id, join(s.dataDir, 'agents', cp.id), join(s.dataDir, 'logs', `${cp.id}.log`));
      this.agents.set(cp.id, a);
      a.writeConfig({
        host: s.host,
        port: s[cp.portSetting],
        centralUrl: this.o.centralUrlFor ? await this.o.centralUrlFor(cp.id, central) : central.url,
        rootPublicKey: this.state.centralPublicKey!,
        lanes: cp.lanes.map((l) => ({ id: l.id, devicePath: this.readers.devicePath(cp.id, l.id), profile: l.profile, direction: l.direction })),
        ...(this.o.agentConfig ? { extra: this.o.agentConfig } : {}),
      });
      if (this.state.officersCreated.includes(cp.id)) return;
      // Saved before the account is made: an interrupted start can only leave an account whose password is known.
      const password = this.secrets.officerPasswords[cp.id] ?? randomBytes(9).toString('base64url');
      this.secrets.officerPasswords[cp.id] = password;
      this.files.saveSecrets(this.secrets);
      say(`creating the officer account at ${cp.id}`);
      await a.addOfficer(DEMO_OFFICER, password).catch((e: Error) => {
        if (!/exists/i.test(e.message)) throw e;
      });
    }));
    for (const cp of DEMO_CHECKPOINTS) if (!this.state.officersCreated.includes(cp.id)) this.state.officersCreated.push(cp.id);
    this.files.saveState(this.state);
  }

  /** Who logs in where. Central's accounts are its own demo users (created only in demo mode). */
  logins(demoUsers: readonly { username: string; role: string; password: string }[]): DemoLogins {
    return {
      central: { url: this.central.url, users: demoUsers.filter((u) => u.role !== 'officer').map((u) => ({ role: u.role, username: u.username, password: u.password })) },
      agents: DEMO_CHECKPOINTS.map((cp) => ({ checkpointId: cp.id, name: cp.name, lanes: cp.lanes.length, url: this.agent(cp.id).url, username: DEMO_OFFICER, password: this.secrets.officerPasswords[cp.id] ?? '' })),
    };
  }

  /** Resolves with a description when central or an agent exits on its own (not through `stop`). */
  unexpectedExit(): Promise<string> {
    const children = [['central', this.central.child] as const, ...[...this.agents].map(([id, a]) => [`agent ${id}`, a.child] as const)];
    return Promise.race(children.flatMap(([name, child]) => (child === null ? [] : [child.exited.then(({ code, signal }) => `${name} exited (${code ?? signal})`)])))
      .then(async (what) => {
        if (this.#stopping !== null) await new Promise<never>(() => undefined);
        return what;
      });
  }

  /** Stops traffic, the agents, then central, then the readers; remembers where the traveller queue was. Idempotent. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.readers.stopTraffic();
      await Promise.all([...this.agents.values()].map((a) => a.stop()));
      await this.central.stop();
      this.readers.close();
      this.state.trafficPosition = this.pool.position;
      this.files.saveState(this.state);
    })();
    return this.#stopping;
  }
}
