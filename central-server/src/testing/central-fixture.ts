import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig, type CentralConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createCentral, type Central, type CentralOptions } from '../main.js';
import type { Role } from '../auth/roles.js';

/** Password every fixture user gets. */
export const FIXTURE_PASSWORD = 'correct horse battery staple';

export interface Fixture {
  central: Central;
  url: string;
  dir: string;
  /** Bearer tokens per role, plus an agent credential for checkpoint `kpp-1`. */
  tokens: Record<Role, string> & { agent: string };
  config: CentralConfig;
  close(): Promise<void>;
}

/**
 * A real central on 127.0.0.1:0 over a SQLite file in a temporary folder, with scrypt cost 2^10 so tests stay
 * fast, one user per role and one enrolled checkpoint.
 */
export async function startFixture(overrides: Partial<Record<keyof CentralConfig, unknown>> = {}, opts: CentralOptions = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'aspk-central-'));
  const config = loadConfig({}, { dataDir: dir, port: 0, scryptLogN: 10, logLevel: 'silent', ...overrides });
  const central = createCentral(config, createLogger('silent'), { recheckMs: 200, loginDelayBaseMs: 20, ...opts });
  const url = await central.listen();
  const tokens = {} as Record<Role, string> & { agent: string };
  for (const role of ['admin', 'auditor', 'officer'] as const) {
    central.deps.users.add(role, role, await central.deps.hasher.hash(FIXTURE_PASSWORD));
    const res = await request(url).post('/api/v1/auth/login').send({ username: role, password: FIXTURE_PASSWORD });
    tokens[role] = (res.body as { token: string }).token;
  }
  tokens.agent = central.deps.checkpoints.add('kpp-1', 'Checkpoint 1').credential;
  return {
    central,
    url,
    dir,
    tokens,
    config,
    close: async () => {
      await central.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
