import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createLogger, loadConfig, openStores } from '@aspk/central-server';
import { NodeChild, REPO_ROOT } from './child-process.js';

const CENTRAL_BIN = join(REPO_ROOT, 'central-server/bin/aspk-central.js');
export const ADMIN_PASSWORD = 'reliability admin password 1';

/** What central holds for one agent, read from its database file (a second, read-only connection). */
export interface CentralCounts {
  /** Crossing rows stored for the agent. */
  rows: number;
  /** Distinct crossing ids among them. */
  distinct: number;
  conflicts: number;
  gaps: number;
}

/**
 * A real central server as a child process (`aspk-central serve`), over a data directory that survives
 * restarts. Enrolment and the admin account are written with central's own stores before it starts.
 */
export class CentralProcess {
  child: NodeChild | null = null;
  port = 0;
  restarts = 0;
  readonly #env: Record<string, string>;

  private constructor(readonly dataDir: string, readonly publicKey: string) {
    this.#env = { ASPK_CENTRAL_DATA_DIR: dataDir, ASPK_CENTRAL_SCRYPT_LOG_N: '10', ASPK_CENTRAL_LOG_LEVEL: 'warn', ASPK_CENTRAL_RETRO_SCREEN_DAYS: '0' };
  }

  /** Creates the data directory, enrols `agentIds` (credentials returned) and adds an `admin` user. */
  static async create(dataDir: string, agentIds: string[]): Promise<{ central: CentralProcess; credentials: Map<string, string> }> {
    const config = loadConfig({}, { dataDir, scryptLogN: 10, logLevel: 'silent' });
    const stores = openStores(config, createLogger('silent'));
    const credentials = new Map<string, string>();
    try {
      for (const id of agentIds) credentials.set(id, stores.checkpoints.add(id, id).credential);
      stores.users.add('admin', 'admin', await stores.hasher.hash(ADMIN_PASSWORD));
      return { central: new CentralProcess(dataDir, stores.keys.signing.publicKey), credentials };
    } finally {
      stores.db.close();
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts `serve`; the first start takes a free port, later starts reuse it. */
  async start(): Promise<void> {
    this.child = NodeChild.spawn(CENTRAL_BIN, ['serve', '--host', '127.0.0.1', '--port', String(this.port)], this.#env);
    const m = await this.child.waitForLine(/ASPK central at http:\/\/127\.0\.0\.1:(\d+)/, 30_000);
    this.port = Number(m[1]);
  }

  async kill9(): Promise<void> {
    await this.child?.kill9();
    this.child = null;
  }

  async restart(): Promise<void> {
    await this.kill9();
    this.restarts++;
    await this.start();
  }

  async stop(): Promise<void> {
    await this.child?.stop();
    this.child = null;
  }

  /** Logs in as the admin (bearer token for the admin API). */
  async adminToken(): Promise<string> {
    const res = await fetch(`${this.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: this.url }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    if (!res.ok) throw new Error(`admin login: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  }

  /** Adds a watchlist entry through the admin API; returns the new version. */
  async addEntry(token: string, entry: Record<string, unknown>): Promise<number> {
    const res = await fetch(`${this.url}/api/v1/watchlist/entries`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: this.url }, body: JSON.stringify(entry) });
    if (!res.ok) throw new Error(`add entry: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { version?: number; change?: { header: { version: number } } };
    return body.version ?? body.change?.header.version ?? NaN;
  }

  /** Counts for `agentId` straight from `central.db` (read-only; works while central runs or is down). */
  counts(agentId: string): CentralCounts {
    const db = new Database(join(this.dataDir, 'central.db'), { readonly: true, timeout: 5000 });
    try {
      const c = db.prepare('SELECT COUNT(*) AS rows, COUNT(DISTINCT id) AS distinct_ FROM crossings WHERE agent_id = ?').get(agentId) as { rows: number; distinct_: number };
      const k = db.prepare('SELECT COUNT(*) AS n FROM sync_conflicts WHERE agent_id = ?').get(agentId) as { n: number };
      const g = db.prepare('SELECT COUNT(*) AS n FROM sync_gaps WHERE agent_id = ?').get(agentId) as { n: number };
      return { rows: c.rows, distinct: c.distinct_, conflicts: k.n, gaps: g.n };
    } finally {
      db.close();
    }
  }

  /** Which of `ids` central holds (one query per 500 ids). */
  holds(ids: readonly string[]): Set<string> {
    const db = new Database(join(this.dataDir, 'central.db'), { readonly: true, timeout: 5000 });
    try {
      const found = new Set<string>();
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const rows = db.prepare(`SELECT id FROM crossings WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as { id: string }[];
        for (const r of rows) found.add(r.id);
      }
      return found;
    } finally {
      db.close();
    }
  }

  /** Central's receive-time span over the crossings of `agentIds`: count and first/last receive time (ms). */
  receiveSpan(agentIds: readonly string[]): { count: number; firstMs: number; lastMs: number } {
    const db = new Database(join(this.dataDir, 'central.db'), { readonly: true, timeout: 5000 });
    try {
      const r = db.prepare(`SELECT COUNT(*) AS count, MIN(received_ms) AS firstMs, MAX(received_ms) AS lastMs FROM crossings WHERE agent_id IN (${agentIds.map(() => '?').join(',')})`).get(...agentIds) as { count: number; firstMs: number; lastMs: number };
      return r;
    } finally {
      db.close();
    }
  }

  /** The agent wall times central stored (`agent_wall_ms`) for `ids`. */
  wallTimes(ids: readonly string[]): Map<string, number> {
    const db = new Database(join(this.dataDir, 'central.db'), { readonly: true, timeout: 5000 });
    try {
      const out = new Map<string, number>();
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        for (const r of db.prepare(`SELECT id, agent_wall_ms FROM crossings WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as { id: string; agent_wall_ms: number }[]) out.set(r.id, r.agent_wall_ms);
      }
      return out;
    } finally {
      db.close();
    }
  }

  /** `PRAGMA integrity_check` of central's file. */
  integrity(): string {
    const db = new Database(join(this.dataDir, 'central.db'), { readonly: true, timeout: 5000 });
    try {
      return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join(';');
    } finally {
      db.close();
    }
  }
}
