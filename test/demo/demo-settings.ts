/**
 * Settings of the one-command demo (`npm start`), from `ASPK_DEMO_*` environment variables, parsed once by
 * `start.ts`. The ports are fixed by default so bookmarks keep working between runs; each can be moved.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { AspkError } from '@aspk/shared';
import { REPO_ROOT } from '../reliability/harness/child-process.js';

const Port = z.coerce.number().int().min(0).max(65535);

export const DemoSettings = z.object({
  /** Where everything lives (databases, keys, credentials, logs, PTY links). `ASPK_DEMO_DATA_DIR`, default `data/demo`. */
  dataDir: z.string().min(1).default(resolve(REPO_ROOT, 'data/demo')),
  /** Address every process listens on. `ASPK_DEMO_HOST`, default `127.0.0.1` (nothing is reachable from the network). */
  host: z.string().min(1).default('127.0.0.1'),
  /** Central's port. `ASPK_DEMO_CENTRAL_PORT`, default 8440 (0 = any free port). */
  centralPort: Port.default(8440),
  /** Officer console of checkpoint 1 (two lanes). `ASPK_DEMO_AGENT1_PORT`, default 8471. */
  agent1Port: Port.default(8471),
  /** Officer console of checkpoint 2 (one lane). `ASPK_DEMO_AGENT2_PORT`, default 8472. */
  agent2Port: Port.default(8472),
  /** Travellers per minute at each lane; 0 = readers idle. `ASPK_DEMO_RATE_PER_MIN`, default 6. */
  ratePerMin: z.coerce.number().min(0).max(600).default(6),
  /** Seed of the traveller pool, used at the first start only (then kept in `demo-state.json`). `ASPK_DEMO_SEED`. */
  seed: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});
export type DemoSettings = z.infer<typeof DemoSettings>;

export const DEMO_ENV_NAMES: Readonly<Record<keyof DemoSettings, string>> = {
  dataDir: 'ASPK_DEMO_DATA_DIR',
  host: 'ASPK_DEMO_HOST',
  centralPort: 'ASPK_DEMO_CENTRAL_PORT',
  agent1Port: 'ASPK_DEMO_AGENT1_PORT',
  agent2Port: 'ASPK_DEMO_AGENT2_PORT',
  ratePerMin: 'ASPK_DEMO_RATE_PER_MIN',
  seed: 'ASPK_DEMO_SEED',
};

/** Parses the demo settings from `env`; throws `CONFIG_INVALID` naming each bad variable. */
export function loadDemoSettings(env: NodeJS.ProcessEnv): DemoSettings {
  const raw: Record<string, string> = {};
  for (const [key, name] of Object.entries(DEMO_ENV_NAMES)) {
    const v = env[name];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const parsed = DemoSettings.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${DEMO_ENV_NAMES[String(i.path[0]) as keyof DemoSettings] ?? String(i.path[0])}: ${i.message}`);
    throw new AspkError('CONFIG_INVALID', `invalid demo settings:\n  ${lines.join('\n  ')}`);
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.dataDir) };
}
