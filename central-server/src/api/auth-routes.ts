import { z } from 'zod';
import { AspkError } from '@aspk/shared';
import { Role } from '../auth/roles.js';
import type { ApiBuilder } from './api-builder.js';
import type { ApiDeps } from './api-deps.js';

export const LoginRequest = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
export const LoginReply = z.object({
  user: z.object({ username: z.string(), role: Role }),
  token: z.string().describe('bearer token for API clients'),
  expiresAt: z.iso.datetime(),
});
export const MeReply = z.object({ username: z.string(), role: Role });

/** `POST /auth/login`, `POST /auth/logout`, `GET /auth/me`. */
export function registerAuthRoutes(api: ApiBuilder, d: ApiDeps): void {
  api.route(
    { method: 'post', audit: 'self', path: '/auth/login', tag: 'auth', summary: 'Log in; sets the session cookie and returns a bearer token', body: LoginRequest, response: LoginReply },
    async ({ req, res, body }) => {
      const ip = req.socket.remoteAddress ?? 'unknown';
      d.throttle.check(body.username, ip);
      const user = d.users.byUsername(body.username);
      // Unknown names spend the same scrypt time and get the same answer as wrong passwords.
      const ok = user === null ? await d.hasher.verifyDummy(body.password) : await d.hasher.verify(body.password, user.passwordHash);
      if (!ok || user === null || user.disabled) {
        d.throttle.failure(body.username, ip);
        d.audit.append({ actor: body.username.slice(0, 64), role: 'unknown', action: 'auth.login.failed', target: null, details: { ip } });
        throw new AspkError('AUTH_FAILED', 'wrong user name or password');
      }
      d.throttle.success(body.username, ip);
      if (d.hasher.needsRehash(user.passwordHash)) d.users.update(user.id, { passwordHash: await d.hasher.hash(body.password) });
      // Rotation at login: a session presented with the request is destroyed, a new one issued.
      const old = (req as typeof req & { cookies?: Record<string, string> }).cookies?.[d.cookieName];
      if (typeof old === 'string') {
        const prev = d.sessions.byCookie(old);
        if (prev?.kind === 'user') d.sessions.destroy(prev.sessionIdHash);
      }
      const s = d.sessions.create(user.id);
      res.cookie(d.cookieName, s.cookieSecret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: d.config.secureCookies,
        path: '/',
        maxAge: d.config.sessionAbsoluteH * 3_600_000,
      });
      d.audit.append({ actor: user.username, role: user.role, action: 'auth.login', target: null, details: { ip } });
      return { user: { username: user.username, role: user.role }, token: s.token, expiresAt: new Date(s.expiresAtMs).toISOString() };
    },
  );

  api.route({ method: 'post', audit: 'self', path: '/auth/logout', tag: 'auth', summary: 'Log out: destroys the session and its token' }, ({ res, caller }) => {
    if (caller?.kind !== 'user') throw new AspkError('AUTH_REQUIRED', 'authentication required');
    d.sessions.destroy(caller.sessionIdHash);
    d.realtime.disconnectSession(caller.sessionIdHash);
    res.clearCookie(d.cookieName, { path: '/', httpOnly: true, sameSite: 'strict', secure: d.config.secureCookies });
    d.audit.append({ actor: caller.username, role: caller.role, action: 'auth.logout' });
    return { ok: true };
  });

  api.route({ method: 'get', audit: 'none', path: '/auth/me', tag: 'auth', summary: 'The logged-in user', response: MeReply }, ({ caller }) => {
    if (caller?.kind !== 'user') throw new AspkError('AUTH_REQUIRED', 'authentication required');
    return { username: caller.username, role: caller.role };
  });
}
