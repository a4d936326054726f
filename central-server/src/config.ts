import { z } from 'zod';
import { AspkError } from '@aspk/shared';

/**
 * Central server configuration, from environment variables `ASPK_CENTRAL_*` (names below). Parsed once in
 * `main.ts`/`cli.ts`; a bad value stops the start with a message naming the setting. Defaults suit a
 * development machine; production sets `dataDir`, `publicOrigins` and TLS termination.
 */
const bool = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes'),
]);

const list = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''));

export const CentralConfig = z.object({
  /** Folder for `central.db`, the signing key and the audit HMAC key. `ASPK_CENTRAL_DATA_DIR`, default `./data/central`. */
  dataDir: z.string().min(1).default('./data/central'),
  /** Listen address. `ASPK_CENTRAL_HOST`, default `127.0.0.1`. */
  host: z.string().min(1).default('127.0.0.1'),
  /** Listen port (0 = any free port). `ASPK_CENTRAL_PORT`, default 8400. */
  port: z.coerce.number().int().min(0).max(65535).default(8400),
  /**
   * Origins allowed to send state-changing browser requests and open browser sockets (comma list),
   * e.g. `https://hq.border.example`. `ASPK_CENTRAL_PUBLIC_ORIGINS`; default: the server's own
   * `http://127.0.0.1:PORT` and `http://localhost:PORT`.
   */
  publicOrigins: list.default([]),
  /** Mark cookies `Secure` with the `__Host-` prefix (needs HTTPS). `ASPK_CENTRAL_SECURE_COOKIES`, default false. */
  secureCookies: bool.default(false),
  /** scrypt cost as log2(N). `ASPK_CENTRAL_SCRYPT_LOG_N`, default 17 (N = 2^17, r = 8, p = 1; ≈ 400 ms). */
  scryptLogN: z.coerce.number().int().min(10).max(20).default(17),
  /** Session idle timeout in minutes. `ASPK_CENTRAL_SESSION_IDLE_MIN`, default 15. */
  sessionIdleMin: z.coerce.number().positive().default(15),
  /** Session absolute lifetime in hours. `ASPK_CENTRAL_SESSION_ABSOLUTE_H`, default 10. */
  sessionAbsoluteH: z.coerce.number().positive().default(10),
  /** Failed logins on one account before a temporary lockout. `ASPK_CENTRAL_LOGIN_MAX_FAILURES`, default 5. */
  loginMaxFailures: z.coerce.number().int().positive().default(5),
  /** Failed logins from one source address before it is locked out. `ASPK_CENTRAL_LOGIN_MAX_FAILURES_PER_IP`, default 20. */
  loginMaxFailuresPerIp: z.coerce.number().int().positive().default(20),
  /** Lockout length in seconds; lifts by itself. `ASPK_CENTRAL_LOGIN_LOCKOUT_S`, default 900. */
  loginLockoutS: z.coerce.number().positive().default(900),
  /** Days of crossings a new watchlist entry is screened against. `ASPK_CENTRAL_RETRO_SCREEN_DAYS`, default 90. */
  retroScreenDays: z.coerce.number().int().min(0).default(90),
  /** Watchlist id carried in signed headers. `ASPK_CENTRAL_LIST_ID`, default `main`. */
  listId: z.string().min(1).max(64).default('main'),
  /** Lifetime of a signed head record in hours. `ASPK_CENTRAL_HEAD_EXPIRY_H`, default 24. */
  headExpiryH: z.coerce.number().positive().default(24),
  /** Re-sign the head record when older than this, in minutes. `ASPK_CENTRAL_HEAD_RESIGN_MIN`, default 60. */
  headResignMin: z.coerce.number().positive().default(60),
  /** Overlap in hours during which a rotated checkpoint credential still works. `ASPK_CENTRAL_CREDENTIAL_OVERLAP_H`, default 24. */
  credentialOverlapH: z.coerce.number().min(0).default(24),
  /** Statistics cells below this count are suppressed. `ASPK_CENTRAL_STATS_MIN_COUNT`, default 5. */
  statsMinCount: z.coerce.number().int().min(1).default(5),
  /** Four-eyes: watchlist changes wait for a second admin's approval. `ASPK_CENTRAL_FOUR_EYES`, default false. */
  fourEyes: bool.default(false),
  /** Demo mode: create demo users `admin`, `auditor` with printed passwords. `ASPK_CENTRAL_DEMO`, default false. */
  demo: bool.default(false),
  /** pino level. `ASPK_CENTRAL_LOG_LEVEL`, default `info`. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type CentralConfig = z.infer<typeof CentralConfig>;

const ENV_NAMES: Record<keyof CentralConfig, string> = {
  dataDir: 'ASPK_CENTRAL_DATA_DIR',
  host: 'ASPK_CENTRAL_HOST',
  port: 'ASPK_CENTRAL_PORT',
  publicOrigins: 'ASPK_CENTRAL_PUBLIC_ORIGINS',
  secureCookies: 'ASPK_CENTRAL_SECURE_COOKIES',
  scryptLogN: 'ASPK_CENTRAL_SCRYPT_LOG_N',
  sessionIdleMin: 'ASPK_CENTRAL_SESSION_IDLE_MIN',
  sessionAbsoluteH: 'ASPK_CENTRAL_SESSION_ABSOLUTE_H',
  loginMaxFailures: 'ASPK_CENTRAL_LOGIN_MAX_FAILURES',
  loginMaxFailuresPerIp: 'ASPK_CENTRAL_LOGIN_MAX_FAILURES_PER_IP',
  loginLockoutS: 'ASPK_CENTRAL_LOGIN_LOCKOUT_S',
  retroScreenDays: 'ASPK_CENTRAL_RETRO_SCREEN_DAYS',
  listId: 'ASPK_CENTRAL_LIST_ID',
  headExpiryH: 'ASPK_CENTRAL_HEAD_EXPIRY_H',
  headResignMin: 'ASPK_CENTRAL_HEAD_RESIGN_MIN',
  credentialOverlapH: 'ASPK_CENTRAL_CREDENTIAL_OVERLAP_H',
  statsMinCount: 'ASPK_CENTRAL_STATS_MIN_COUNT',
  fourEyes: 'ASPK_CENTRAL_FOUR_EYES',
  demo: 'ASPK_CENTRAL_DEMO',
  logLevel: 'ASPK_CENTRAL_LOG_LEVEL',
};

/** Environment variable names of every setting (for the README and error messages). */
export const CENTRAL_ENV_NAMES: Readonly<Record<keyof CentralConfig, string>> = ENV_NAMES;

/**
 * Parses the configuration from an environment map, with `overrides` (command-line flags, tests) on top.
 * Throws `CONFIG_INVALID` naming each bad setting by its environment variable.
 */
export function loadConfig(env: Record<string, string | undefined>, overrides: Partial<Record<keyof CentralConfig, unknown>> = {}): CentralConfig {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const v = env[name];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) raw[k] = v;
  const parsed = CentralConfig.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      const name = ENV_NAMES[key as keyof CentralConfig] ?? key;
      return `${name} (${key}): ${i.message}`;
    });
    throw new AspkError('CONFIG_INVALID', `invalid configuration:\n  ${lines.join('\n  ')}`, { issues: lines });
  }
  return parsed.data;
}
