import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { NodeChild, REPO_ROOT } from './child-process.js';
import { td3Mrz } from './td3-mrz.js';

const AGENT_BIN = join(REPO_ROOT, 'checkpoint-agent/bin/aspk-agent.js');
const OFFICER_PASSWORD = 'reliability officer 1';

/** Test sync settings (reliability-security.md §5.1): 1.5 s ack timeout, 2 s backoff cap. */
export const TEST_SYNC = { ackTimeoutMs: 1500, backoffBaseMs: 500, backoffCapMs: 2000, idlePollMs: 200, pullIntervalMs: 2000, statusIntervalMs: 1000 };

export interface AgentProcessOptions {
  dir: string;
  checkpointId: string;
  centralUrl: string;
  token: string;
  publicKey: string;
  sync?: Record<string, number>;
}

/** One scan as the officer console reported it. */
export interface ScanResult {
  crossingId: string;
  recorded: boolean;
  seq: number | null;
  errorCode: string | null;
  watchlistVersion: number;
  hits: number;
}

/**
 * A real checkpoint agent as a child process (`aspk-agent run --config FILE`), fed through the officer
 * console's manual-MRZ API (the path an officer uses when a reader fails): the console's answer
 * `recorded: true` is the moment the officer is told the crossing is on disk.
 */
export class AgentProcess {
  child: NodeChild | null = null;
  port = 0;
  #cookie = '';
  #n = 0;
  readonly configFile: string;
  readonly dataDir: string;

  constructor(readonly o: AgentProcessOptions) {
    mkdirSync(o.dir, { recursive: true });
    this.dataDir = join(o.dir, 'data');
    this.configFile = join(o.dir, 'agent.json');
    this.writeConfig(o.centralUrl);
  }

  writeConfig(centralUrl: string): void {
    const config = {
      checkpointId: this.o.checkpointId,
      lanes: [{ id: 'lane-1', devicePath: join(this.o.dir, 'no-reader-attached') }],
      central: { url: centralUrl, token: this.o.token, rootPublicKey: this.o.publicKey },
      dataDir: this.dataDir,
      console: { host: '127.0.0.1', port: 0 },
      passwordCostLog2: 10,
      logLevel: 'info',
      sync: { ...TEST_SYNC, ...this.o.sync },
    };
    writeFileSync(this.configFile, JSON.stringify(config, null, 2));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Adds the local officer account (once per data directory). */
  async addOfficer(): Promise<void> {
    const c = NodeChild.spawn(AGENT_BIN, ['officer', 'add', '--username', 'officer1', '--password-stdin', '--config', this.configFile]);
    c.child.stdin!.end(`${OFFICER_PASSWORD}\n`);
    const { code } = await c.exited;
    if (code !== 0) throw new Error(`officer add failed (${code}): ${c.errLines.join(' | ')}`);
  }

  /** Starts the agent (`env` e.g. for faketime) and, unless `login: false`, logs the officer in. */
  async start(opts: { login?: boolean; env?: Record<string, string> } = {}): Promise<void> {
    this.child = NodeChild.spawn(AGENT_BIN, ['run', '--config', this.configFile], opts.env ?? {});
    const m = await this.child.waitForLine(/"port":(\d+).*"msg":"agent running"/, 120_000);
    this.port = Number(m[1]);
    if (opts.login === false) return;
    await this.login();
  }

  /** Logs the officer in (again: a session also ends when the wall clock jumps past its idle timeout). */
  async login(): Promise<void> {
    const res = await fetch(`${this.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: this.url }, body: JSON.stringify({ username: 'officer1', password: OFFICER_PASSWORD }) });
    if (!res.ok) throw new Error(`officer login: ${res.status} ${await res.text()}`);
    this.#cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }

  /** Every stdout and stderr line of the current run. */
  allLines(): string[] {
    return this.child === null ? [] : [...this.child.lines, ...this.child.errLines];
  }

  async kill9(): Promise<void> {
    await this.child?.kill9();
    this.child = null;
  }

  async stop(): Promise<void> {
    await this.child?.stop();
    this.child = null;
  }

  /** One manual MRZ entry; resolves with the console's answer. */
  async scan(documentNumber?: string): Promise<ScanResult> {
    const doc = documentNumber ?? `R${(++this.#n).toString(36).toUpperCase().padStart(8, '0')}`.slice(0, 9);
    const post = (): Promise<Response> => fetch(`${this.url}/api/lanes/lane-1/manual`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.url, cookie: this.#cookie },
      body: JSON.stringify({ mrz: td3Mrz(doc) }),
    });
    let res = await post();
    if (res.status === 401) {
      await this.login();
      res = await post();
    }
    const raw = (await res.json()) as { error?: { code?: string } };
    // A store that cannot write answers with the error itself (e.g. 503 STORE_IO): nothing confirmed.
    if (!res.ok && typeof raw.error?.code === 'string' && raw.error.code.startsWith('STORE_')) {
      return { crossingId: '', recorded: false, seq: null, errorCode: raw.error.code, watchlistVersion: NaN, hits: 0 };
    }
    const body = raw as { inspection?: { crossingId: string; watchlist?: { version?: number }; hits?: unknown[]; alerts?: unknown[] }; recorded?: boolean; seq?: number | null; error?: { code: string } | null };
    if (!res.ok || body.inspection === undefined) throw new Error(`manual scan: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    const insp = body.inspection as Record<string, unknown>;
    return {
      crossingId: body.inspection.crossingId,
      recorded: body.recorded === true,
      seq: body.seq ?? null,
      errorCode: body.error?.code ?? null,
      watchlistVersion: Number((insp['watchlistVersion'] ?? (insp['watchlist'] as { version?: number } | undefined)?.version) ?? NaN),
      hits: Array.isArray(insp['hits']) ? (insp['hits'] as unknown[]).length : Array.isArray(insp['alerts']) ? (insp['alerts'] as unknown[]).length : 0,
    };
  }

  /** The console's health report (link state, queue, watchlist). */
  async health(): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.url}/api/health`, { headers: { cookie: this.#cookie } });
    return (await res.json()) as Record<string, unknown>;
  }

  /** Outbox items central has not acknowledged, read from `agent.db` (a cheap query, for polling). */
  outboxDepth(): number {
    const db = new Database(join(this.dataDir, 'agent.db'), { readonly: true, timeout: 5000 });
    try {
      const acked = Number((db.prepare("SELECT v FROM meta WHERE k = 'acked_through'").get() as { v: string } | undefined)?.v ?? 0);
      return (db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE seq > ?').get(acked) as { n: number }).n;
    } finally {
      db.close();
    }
  }

  /**
   * Resolves with the agent's own time (UTC ms, from its log line) at which it applied watchlist version
   * `version` or later; waits for the line, no polling.
   */
  async appliedVersionAt(version: number, timeoutMs = 30_000): Promise<number> {
    const re = new RegExp(`"time":(\\d+).*"to":(\\d+).*"msg":"watchlist (versions|snapshot) applied"`);
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const hit = this.allLines().map((l) => l.match(re)).find((m) => m !== null && Number(m[2]) >= version);
      if (hit) return Number(hit[1]);
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`agent ${this.o.checkpointId} did not apply version ${version}`);
      await this.child!.waitForNewLine(re, left);
    }
  }

  /** Reads `agent.db` directly (read-only): rows, outbox depth, acked point, integrity, seq gaps. */
  inspectDb(): { rows: number; maxSeq: number; crossingSeqs: number; outbox: number; ackedThrough: number; integrity: string; ids: Set<string>; wallMs: Map<string, number>; flags: Map<string, string[]> } {
    const db = new Database(join(this.dataDir, 'agent.db'), { readonly: true, timeout: 5000 });
    try {
      const ids = new Set<string>();
      const wallMs = new Map<string, number>();
      const flags = new Map<string, string[]>();
      for (const r of db.prepare('SELECT id, wall_ms, clock_flags FROM crossing').iterate() as Iterable<{ id: string; wall_ms: number; clock_flags: string }>) {
        ids.add(r.id);
        wallMs.set(r.id, r.wall_ms);
        flags.set(r.id, JSON.parse(r.clock_flags) as string[]);
      }
      const meta = (k: string): string | undefined => (db.prepare('SELECT v FROM meta WHERE k = ?').get(k) as { v: string } | undefined)?.v;
      const maxSeq = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS m FROM outbox').get() as { m: number }).m;
      return {
        rows: ids.size,
        maxSeq,
        crossingSeqs: (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n,
        outbox: (db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE seq > ?').get(Number(meta('acked_through') ?? 0)) as { n: number }).n,
        ackedThrough: Number(meta('acked_through') ?? 0),
        integrity: (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join(';'),
        ids,
        wallMs,
        flags,
      };
    } finally {
      db.close();
    }
  }
}
