import type { Request } from 'express';
import type { CheckpointStore } from './checkpoint-store.js';
import type { Caller } from './roles.js';
import type { SessionStore } from './session-store.js';

/** Session cookie name: `__Host-` prefixed when cookies are Secure (needs TLS), plain on loopback HTTP. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-aspk_sid' : 'aspk_sid';
}

export interface ResolvedCaller {
  caller: Caller | null;
  /** How the caller authenticated: cookies are ambient credentials and need the Origin check. */
  via: 'cookie' | 'bearer' | null;
}

/**
 * Resolves the caller of a request: `Authorization: Bearer` with a user token or a checkpoint credential
 * (`<checkpointId>.<secret>`), else the session cookie. A present but invalid bearer is not retried as a
 * cookie, so a stolen cookie cannot be mixed with a forged header.
 */
export function resolveCaller(req: Request, sessions: SessionStore, checkpoints: CheckpointStore, cookieName: string): ResolvedCaller {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer ([A-Za-z0-9._-]{1,200})$/.exec(auth);
    if (m === null) return { caller: null, via: 'bearer' };
    const token = m[1] as string;
    if (token.includes('.')) {
      const cp = checkpoints.authenticate(token);
      return { caller: cp === null ? null : { kind: 'agent', checkpointId: cp }, via: 'bearer' };
    }
    return { caller: sessions.byToken(token), via: 'bearer' };
  }
  const cookies = (req as Request & { cookies?: Record<string, unknown> }).cookies;
  const sid = cookies?.[cookieName];
  if (typeof sid === 'string' && sid.length > 0 && sid.length < 200) return { caller: sessions.byCookie(sid), via: 'cookie' };
  return { caller: null, via: null };
}
