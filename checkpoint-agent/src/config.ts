/**
 * The agent's configuration: one zod schema, loaded once by `main.ts` from a JSON file plus environment
 * overrides. A bad value stops the start with `z.prettifyError` output naming the setting. Nothing else
 * in the agent reads `process.env`.
 */
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { z } from 'zod';
import { AspkError, CheckpointId } from '@aspk/shared';
import { ScannerProfile } from './scanner/index.js';
import { SyncSettings } from './sync/sync-settings.js';

/** One document reader at a booth. */
export const LaneConfig = z.strictObject({
  /** Lane id shown on the console and stored with each crossing, e.g. `lane-1`. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ or -, at most 32'),
  /** Serial device path of the reader (a real tty or a simulator PTY). */
  devicePath: z.string().min(1),
  /** Reader profile of the scanner driver (framing); `auto` recognises it from the bytes. */
  profile: ScannerProfile.default('auto'),
  /** Serial speed; PTYs ignore it. Default 9600. */
  baudRate: z.coerce.number().int().positive().default(9600),
  /** Direction preselected for this lane; the officer can toggle it. */
  direction: z.enum(['entry', 'exit']).default('entry'),
});
export type LaneConfig = z.infer<typeof LaneConfig>;

export const AgentConfig = z.strictObject({
  /** Checkpoint id as enrolled at central (= the agent's identity), e.g. `kpp-torugart`. */
  checkpointId: CheckpointId,
  lanes: z.array(LaneConfig).default([]),
  central: z
    .strictObject({
      /** Base URL of central, e.g. `https://central.example:8443`. Unreachable at start is fine. */
      url: z.url().optional(),
      /** Agent credential issued by `aspk-central checkpoint add`; prefer the environment over the file. */
      token: z.string().min(16).optional(),
      /** Central's Ed25519 public key pinned at enrolment, for watchlist signatures: raw 32 bytes, base64url, as printed by `aspk-central key show`. */
      rootPublicKey: z.string().min(1).optional(),
    })
    .default({}),
  /** Folder for `agent.db` (crossings, outbox, officers, audit) and `watchlist.db` (the cache). */
  dataDir: z.string().min(1).default('./data'),
  console: z
    .strictObject({
      /** Listen address; loopback by default so the console is reachable only at the booth. */
      host: z.string().default('127.0.0.1'),
      /** TCP port; 0 picks a free one. Default 8470. */
      port: z.coerce.number().int().min(0).max(65535).default(8470),
      /** Extra origins allowed besides `http://host:port` (e.g. behind a local TLS proxy). */
      allowedOrigins: z.array(z.url()).default([]),
      /** Set when served over TLS: adds `Secure` and the `__Host-` prefix to the session cookie. */
      secureCookies: z.boolean().default(false),
      /** Idle session timeout in ms; default 15 min. */
      sessionIdleMs: z.coerce.number().int().positive().default(15 * 60_000),
      /** Absolute session lifetime in ms; default 12 h (one shift). */
      sessionAbsoluteMs: z.coerce.number().int().positive().default(12 * 3_600_000),
    })
    .default({ host: '127.0.0.1', port: 8470, allowedOrigins: [], secureCookies: false, sessionIdleMs: 900_000, sessionAbsoluteMs: 43_200_000 }),
  thresholds: z
    .strictObject({
      /** Minimum person-screening score (0..1) that raises an alert; default: the watchlist engine's. */
      alertScore: z.coerce.number().min(0).max(1).optional(),
      /** Age in years below which a traveller is flagged so the officer checks consent papers. */
      minorAgeYears: z.coerce.number().int().min(1).max(25).default(18),
      /** The watchlist is stale when its head record is older than this (ms); default 24 h. */
      watchlistStaleMs: z.coerce.number().int().positive().default(24 * 3_600_000),
    })
    .default({ minorAgeYears: 18, watchlistStaleMs: 86_400_000 }),
  policy: z
    .strictObject({
      /**
       * MRZ policy deviations passed to the MRZ engine (icao-9303.md §12); each off by default (strict):
       * `allowSexX`, `allowLegacyLongNumberCheckDigit`, `allowUnknownExpiry`, `allowEmptyPrimaryIdentifier`, `allowXxk`.
       */
      mrz: z
        .strictObject({
          allowSexX: z.boolean().default(false),
          allowLegacyLongNumberCheckDigit: z.boolean().default(false),
          allowUnknownExpiry: z.boolean().default(false),
          allowEmptyPrimaryIdentifier: z.boolean().default(false),
          allowXxk: z.boolean().default(false),
        })
        .default({ allowSexX: false, allowLegacyLongNumberCheckDigit: false, allowUnknownExpiry: false, allowEmptyPrimaryIdentifier: false, allowXxk: false }),
      /** Refer every traveller to secondary while the watchlist is stale (off: a post may be offline for days). */
      referWhenStale: z.boolean().default(false),
    })
    .default({
      mrz: { allowSexX: false, allowLegacyLongNumberCheckDigit: false, allowUnknownExpiry: false, allowEmptyPrimaryIdentifier: false, allowXxk: false },
      referWhenStale: false,
    }),
  retention: z
    .strictObject({
      /** Crossings acknowledged by central are purged after this many days. Default 3. */
      syncedCrossingDays: z.coerce.number().min(0).default(3),
      /** How often the purge runs, ms; default hourly. */
      purgeIntervalMs: z.coerce.number().int().positive().default(3_600_000),
    })
    .default({ syncedCrossingDays: 3, purgeIntervalMs: 3_600_000 }),
  /** Sync with central: timeouts, backoff, batch limits, pull interval, clock skew limit (see sync/sync-settings.ts). */
  sync: SyncSettings.prefault({}),
  /** scrypt cost for officer passwords (log2 N). 17 in production; tests lower it. */
  passwordCostLog2: z.coerce.number().int().min(10).max(20).default(17),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type AgentConfig = z.infer<typeof AgentConfig>;
export type AgentConfigInput = z.input<typeof AgentConfig>;

/** Environment variables that override file settings (credentials belong here, not in the file). */
const ENV_OVERRIDES: readonly [env: string, path: readonly string[]][] = [
  ['ASPK_AGENT_CHECKPOINT_ID', ['checkpointId']],
  ['ASPK_AGENT_DATA_DIR', ['dataDir']],
  ['ASPK_AGENT_CONSOLE_HOST', ['console', 'host']],
  ['ASPK_AGENT_CONSOLE_PORT', ['console', 'port']],
  ['ASPK_AGENT_CENTRAL_URL', ['central', 'url']],
  ['ASPK_AGENT_CENTRAL_TOKEN', ['central', 'token']],
  ['ASPK_AGENT_LOG_LEVEL', ['logLevel']],
  ['ASPK_AGENT_PASSWORD_COST_LOG2', ['passwordCostLog2']],
];

/** Names of the environment variables `loadAgentConfig` reads, for the README. */
export const AGENT_ENV_VARS = ENV_OVERRIDES.map(([env]) => env);

function setPath(target: Record<string, unknown>, path: readonly string[], value: string): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

/**
 * Parses raw settings (already merged) into an `AgentConfig`. `dataDir` is resolved against `baseDir`.
 * Throws `AspkError('CONFIG_INVALID')` whose message is the readable `z.prettifyError` text.
 */
export function parseAgentConfig(raw: unknown, baseDir = process.cwd()): AgentConfig {
  const parsed = AgentConfig.safeParse(raw);
  if (!parsed.success) {
    throw new AspkError('CONFIG_INVALID', `invalid agent configuration:\n${z.prettifyError(parsed.error)}`, parsed.error.issues);
  }
  const ids = parsed.data.lanes.map((l) => l.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) throw new AspkError('CONFIG_INVALID', `invalid agent configuration:\n✖ duplicate lane id '${dup}'\n  → at lanes`);
  return { ...parsed.data, dataDir: resolve(baseDir, parsed.data.dataDir) };
}

/**
 * Loads the JSON file at `file` (optional), applies environment overrides and validates.
 * Relative `dataDir` is resolved against the config file's folder.
 */
export function loadAgentConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  let raw: Record<string, unknown> = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new AspkError('CONFIG_INVALID', `cannot read configuration file ${file}: ${(e as Error).message}`);
    }
    try {
      const json: unknown = JSON.parse(text);
      if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('top level must be an object');
      raw = json as Record<string, unknown>;
    } catch (e) {
      throw new AspkError('CONFIG_INVALID', `configuration file ${file} is not valid JSON: ${(e as Error).message}`);
    }
  }
  for (const [name, path] of ENV_OVERRIDES) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(raw, path, value);
  }
  return parseAgentConfig(raw, file === undefined ? process.cwd() : dirname(resolve(file)));
}
