import type { Logger } from 'pino';
import type { CheckpointRuntime } from '../runtime/checkpoint-runtime.js';
import type { OfficerStore } from '../store/officer-store.js';
import type { AuditLog } from '../store/audit-log.js';
import type { SessionStore, Session } from './session-store.js';
import type { LoginThrottle } from './login-throttle.js';

/** Collaborators of the console server, handed in by `main.ts` (or a test). */
export interface ConsoleContext {
  runtime: CheckpointRuntime;
  officers: OfficerStore;
  audit: AuditLog;
  sessions: SessionStore;
  throttle: LoginThrottle;
  log: Logger;
  /** Cookie name and attributes: `Secure` + `__Host-` prefix only over TLS. */
  secureCookies: boolean;
  /** Origins allowed for state-changing requests and socket.io; computed once the port is bound. */
  allowedOrigins: () => readonly string[];
}

export function cookieName(secure: boolean): string {
  return secure ? '__Host-aspk_sid' : 'aspk_sid';
}

/**
 * The session behind a cookie value, re-checked against the officer store on every request and event:
 * a disabled account or a changed role takes effect at once.
 */
export function liveSession(ctx: ConsoleContext, sid: string | undefined): Session | undefined {
  const s = ctx.sessions.touch(sid);
  if (s === undefined) return undefined;
  const officer = ctx.officers.get(s.username);
  if (officer === undefined || officer.disabled) {
    ctx.sessions.destroy(s.id);
    return undefined;
  }
  s.role = officer.role;
  return s;
}
