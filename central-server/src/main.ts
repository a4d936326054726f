import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { verifyEd25519, signEd25519 } from '@aspk/shared';
import type { Logger } from 'pino';
import { buildApp } from './api/build-app.js';
import type { ApiBuilder } from './api/api-builder.js';
import type { ApiDeps } from './api/api-deps.js';
import { CheckpointStore } from './auth/checkpoint-store.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { OriginPolicy } from './auth/origin-policy.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { sessionCookieName } from './auth/request-auth.js';
import { SessionStore } from './auth/session-store.js';
import { UserStore } from './auth/user-store.js';
import type { CentralConfig } from './config.js';
import { AlertStore } from './db/alert-store.js';
import { AuditLog } from './db/audit-log.js';
import { CrossingIngest } from './db/crossing-ingest.js';
import { CrossingQuery } from './db/crossing-query.js';
import { openDatabase, type Db } from './db/open-database.js';
import { RealtimeHub } from './realtime/realtime-hub.js';
import { RetroScreener } from './watchlist/retro-screener.js';
import { loadOrCreateServerKeys, type ServerKeys } from './watchlist/server-keys.js';
import { WatchlistService } from './watchlist/watchlist-service.js';
import { WatchlistProposals } from './watchlist/watchlist-proposals.js';

/** Options for tests: a fake clock, a faster re-check, a shorter login delay. */
export interface CentralOptions {
  now?: () => number;
  recheckMs?: number;
  loginDelayBaseMs?: number;
}

/** A composed central server (not yet listening). */
export interface Central {
  deps: ApiDeps;
  db: Db;
  keys: ServerKeys;
  api: ApiBuilder;
  server: Server;
  hub: RealtimeHub;
  retro: RetroScreener;
  origins: OriginPolicy;
  /** Listens on the configured host/port; resolves with the base URL. */
  listen(): Promise<string>;
  /** Resolves when background work (retro-screening) started so far has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Stores and services over one database and key set. */
export interface Stores {
  db: Db;
  keys: ServerKeys;
  audit: AuditLog;
  users: UserStore;
  checkpoints: CheckpointStore;
  watchlist: WatchlistService;
  hasher: PasswordHasher;
}

/** Opens the stores (also used by CLI commands that do not serve). */
export function openStores(config: CentralConfig, log: Logger, now: () => number = Date.now): Stores {
  // Keys first: this also creates the data directory (mode 0700).
  const keys = loadOrCreateServerKeys(config.dataDir);
  const { db, integrityMs } = openDatabase(join(config.dataDir, 'central.db'));
  log.info({ integrityMs: Math.round(integrityMs) }, 'database opened, integrity ok');
  if (keys.created) log.info({ keyId: keys.signing.keyId }, 'signing key generated');
  const signer = {
    keyId: keys.signing.keyId,
    sign: (m: string) => signEd25519(keys.signing.privateKeyPem, m),
    verify: (m: string, s: string) => verifyEd25519(keys.signing.publicKey, m, s),
  };
  const audit = new AuditLog(db, keys.auditHmacKey, signer, now);
  const users = new UserStore(db, now);
  const checkpoints = new CheckpointStore(db, config.credentialOverlapH * 3_600_000, now);
  const watchlist = new WatchlistService(db, keys.signing, audit, {
    listId: config.listId,
    headExpiryMs: config.headExpiryH * 3_600_000,
    headResignMs: config.headResignMin * 60_000,
    now,
  });
  return { db, keys, audit, users, checkpoints, watchlist, hasher: new PasswordHasher(config.scryptLogN) };
}

/** Wires everything (the only place that does). */
export function createCentral(config: CentralConfig, log: Logger, opts: CentralOptions = {}): Central {
  const now = opts.now ?? Date.now;
  const s = openStores(config, log, now);
  s.checkpoints.resetConnections();
  const origins = new OriginPolicy(config.publicOrigins);
  const cookieName = sessionCookieName(config.secureCookies);
  const sessions = new SessionStore(s.db, config.sessionIdleMin * 60_000, config.sessionAbsoluteH * 3_600_000, now);
  const alerts = new AlertStore(s.db, now);
  const ingest = new CrossingIngest(s.db, s.audit, now);
  const crossings = new CrossingQuery(s.db);
  const throttle = new LoginThrottle({
    maxFailuresPerAccount: config.loginMaxFailures,
    maxFailuresPerIp: config.loginMaxFailuresPerIp,
    lockoutMs: config.loginLockoutS * 1000,
    ...(opts.loginDelayBaseMs !== undefined ? { delayBaseMs: opts.loginDelayBaseMs } : {}),
    now,
  });
  const server = createServer();
  const hub = new RealtimeHub(server, {
    log: log.child({ mod: 'realtime' }),
    origins,
    sessions,
    checkpoints: s.checkpoints,
    ingest,
    watchlist: s.watchlist,
    alerts,
    audit: s.audit,
    cookieName,
    ...(opts.recheckMs !== undefined ? { recheckMs: opts.recheckMs } : {}),
  });
  const retro = new RetroScreener(s.db, alerts, config.retroScreenDays, (a) => hub.alertRaised(a), log.child({ mod: 'retro' }), now);
  const pending = new Set<Promise<unknown>>();
  s.watchlist.onChange((change, put) => {
    // Runs after the commit: a failure here must not turn a stored change into an error reply.
    try {
      hub.watchlistChanged(change);
    } catch (err) {
      log.error({ err, version: change.header.version }, 'watchlist notification failed');
    }
    if (put.length === 0) return;
    const p = retro.screen(put).catch((err: unknown) => log.error({ err }, 'retro-screening failed'));
    pending.add(p);
    void p.finally(() => pending.delete(p));
  });
  const deps: ApiDeps = {
    config,
    log,
    audit: s.audit,
    users: s.users,
    sessions,
    hasher: s.hasher,
    throttle,
    checkpoints: s.checkpoints,
    watchlist: s.watchlist,
    proposals: new WatchlistProposals(s.db, s.watchlist, s.audit, now),
    ingest,
    crossings,
    alerts,
    realtime: hub,
    signingKey: s.keys.signing,
    cookieName,
  };
  const { app, api } = buildApp(deps, origins);
  // Signed audit checkpoints every 10 minutes as well as every 1,000 entries (reliability-security.md §4.6).
  const auditTimer = setInterval(() => {
    try {
      s.audit.checkpointNow();
    } catch (err) {
      log.error({ err }, 'audit checkpoint failed');
    }
  }, 10 * 60_000);
  auditTimer.unref();
  server.on('request', app);
  return {
    deps,
    db: s.db,
    keys: s.keys,
    api,
    server,
    hub,
    retro,
    origins,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const port = (server.address() as AddressInfo).port;
          origins.addDefaultsForPort(port);
          resolve(`http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`);
        });
      }),
    idle: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close: async () => {
      clearInterval(auditTimer);
      await hub.close();
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      s.db.close();
    },
  };
}
