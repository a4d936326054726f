import type { Logger } from 'pino';
import type { CheckpointStore } from '../auth/checkpoint-store.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { PasswordHasher } from '../auth/password-hasher.js';
import type { SessionStore } from '../auth/session-store.js';
import type { UserStore } from '../auth/user-store.js';
import type { CentralConfig } from '../config.js';
import type { AlertStore } from '../db/alert-store.js';
import type { AuditLog } from '../db/audit-log.js';
import type { CrossingIngest } from '../db/crossing-ingest.js';
import type { CrossingQuery } from '../db/crossing-query.js';
import type { RealtimeHub } from '../realtime/realtime-hub.js';
import type { WatchlistService } from '../watchlist/watchlist-service.js';
import type { WatchlistProposals } from '../watchlist/watchlist-proposals.js';
import type { SigningKey } from '@aspk/shared';

/** Everything the routers need, wired once in `main.ts`. */
export interface ApiDeps {
  config: CentralConfig;
  log: Logger;
  audit: AuditLog;
  users: UserStore;
  sessions: SessionStore;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  checkpoints: CheckpointStore;
  watchlist: WatchlistService;
  proposals: WatchlistProposals;
  ingest: CrossingIngest;
  crossings: CrossingQuery;
  alerts: AlertStore;
  realtime: RealtimeHub;
  signingKey: SigningKey;
  cookieName: string;
}
