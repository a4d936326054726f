/**
 * The end-to-end tests' border: the demo's own orchestration (`DemoCluster`) in a temporary folder, on
 * free ports, with a fault proxy on each agent's link to central, no background traffic (each test
 * presents its own documents at the simulated readers), fast password hashing and the reliability suite's
 * sync timings. Plus read-only looks into the databases and the browser helpers.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_USERS } from '@aspk/central-server';
import { DemoCluster } from '../demo/demo-cluster.js';
import { TEST_SYNC } from '../reliability/harness/agent-process.js';
import { REPO_ROOT } from '../reliability/harness/child-process.js';
import { FaultProxy } from '../reliability/fault-proxy.js';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Screenshots and exported files of the suite (git-ignored). */
export const ARTEFACTS = join(REPO_ROOT, 'test-results', 'e2e');

export interface E2eBorder {
  cluster: DemoCluster;
  proxies: Map<string, FaultProxy>;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBorder(seed: number): Promise<E2eBorder> {
  const dir = mkdtempSync(join(tmpdir(), 'aspk-e2e-'));
  mkdirSync(ARTEFACTS, { recursive: true });
  const proxies = new Map<string, FaultProxy>();
  let cluster: DemoCluster | null = null;
  let browser: Browser | null = null;
  const close = async (): Promise<void> => {
    await browser?.close();
    await cluster?.stop();
    await Promise.all([...proxies.values()].map((p) => p.close()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    [cluster, browser] = await Promise.all([
      DemoCluster.start({
        settings: { dataDir: dir, host: '127.0.0.1', centralPort: 0, agent1Port: 0, agent2Port: 0, ratePerMin: 0, seed },
        centralEnv: { ASPK_CENTRAL_SCRYPT_LOG_N: '10' },
        // Periodic pulls as in production (60 s): a watchlist change must reach the agents by central's push.
        agentConfig: { passwordCostLog2: 10, sync: { ...TEST_SYNC, pullIntervalMs: 60_000 } },
        pacing: 'none',
        watchlistRequired: true,
        watchlistWaitMs: 60_000,
        centralUrlFor: async (id, central) => {
          const p = await FaultProxy.start({ targetPort: central.port });
          proxies.set(id, p);
          return p.url;
        },
      }),
      chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }),
    ]);
    return { cluster, proxies, browser, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Central's demo password of `role`. */
export function demoPassword(role: 'admin' | 'auditor'): string {
  return DEMO_USERS.find((u) => u.role === role)!.password;
}

/** Logs in at central's page as a demo user and waits for the role's page. */
export async function centralLogin(page: Page, url: string, role: 'admin' | 'auditor'): Promise<void> {
  await page.goto(`${url}/`);
  await page.fill('input[name=username]', role);
  await page.fill('input[name=password]', demoPassword(role));
  await page.click('button[type=submit]');
  await page.waitForURL(role === 'admin' ? '**/admin.html*' : '**/auditor.html*');
}

/** Logs the demo officer in at an agent's console. */
export async function consoleLogin(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#console-view:not([hidden])');
}

/** Crossing ids in an agent's `agent.db` and the outbox items central has not acknowledged (read-only look). */
export function agentDb(dataDir: string): { ids: Set<string>; unacked: number } {
  const db = new Database(join(dataDir, 'agent.db'), { readonly: true, timeout: 5000 });
  try {
    const ids = new Set((db.prepare('SELECT id FROM crossing').all() as { id: string }[]).map((r) => r.id));
    const acked = Number((db.prepare("SELECT v FROM meta WHERE k = 'acked_through'").get() as { v: string } | undefined)?.v ?? 0);
    const unacked = (db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE seq > ?').get(acked) as { n: number }).n;
    return { ids, unacked };
  } finally {
    db.close();
  }
}

/** Crossing ids central holds for `checkpointId` (read-only look at `central.db`). */
export function centralIds(centralDataDir: string, checkpointId: string): Set<string> {
  const db = new Database(join(centralDataDir, 'central.db'), { readonly: true, timeout: 5000 });
  try {
    return new Set((db.prepare('SELECT id FROM crossings WHERE agent_id = ?').all(checkpointId) as { id: string }[]).map((r) => r.id));
  } finally {
    db.close();
  }
}
