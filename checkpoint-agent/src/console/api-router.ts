import { Router, type NextFunction, type Request, type Response } from 'express';
import { AspkError } from '@aspk/shared';
import { authorize, ROUTE_POLICY } from './access-policy.js';
import { cookieName, liveSession, type ConsoleContext } from './console-context.js';
import { CrossingIdParam, DecisionBody, DirectionBody, LaneIdParam, LimitQuery, LoginBody, ManualMrzBody } from './console-schemas.js';
import { parseInput } from './parse-input.js';
import type { Session } from './session-store.js';

type Handler = (req: Request, res: Response, session: Session | undefined) => unknown;

/**
 * The agent API under `/api`. Every route is registered through `route()`, which looks up its policy
 * entry (deny by default), resolves the session from the cookie and authorises the role before the
 * handler runs. Bodies and params are parsed with zod at this edge.
 */
export function apiRouter(ctx: ConsoleContext): { router: Router; routeKeys: string[] } {
  const router = Router();
  const routeKeys: string[] = [];
  const route = (method: 'get' | 'post', path: string, handler: Handler): void => {
    const key = `${method.toUpperCase()} /api${path}`;
    routeKeys.push(key);
    router[method](path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const session = liveSession(ctx, (req.cookies as Record<string, string> | undefined)?.[cookieName(ctx.secureCookies)]);
        authorize(ROUTE_POLICY, key, session?.role ?? 'anonymous');
        const out = await handler(req, res, session);
        if (out !== undefined && !res.headersSent) res.json(out);
      } catch (e) {
        next(e);
      }
    });
  };
  const actor = (s: Session | undefined): { username: string; role: string } => ({ username: s!.username, role: s!.role });

  route('get', '/health', () => ctx.runtime.health());

  route('post', '/auth/login', async (req, res, current) => {
    const body = parseInput(LoginBody, req.body);
    const keys = [`user:${body.username.toLowerCase()}`, `ip:${req.ip ?? 'unknown'}`];
    const waitMs = ctx.throttle.lockedForMs(keys);
    if (waitMs > 0) {
      ctx.audit.append({ actor: 'anonymous', role: 'anonymous', action: 'auth.locked', target: null, details: { retryAfterMs: waitMs } });
      throw new AspkError('AUTH_LOCKED', 'too many failed logins; try again later', { retryAfterMs: waitMs });
    }
    const officer = await ctx.officers.authenticate(body.username, body.password);
    if (officer === null) {
      ctx.throttle.failure(keys);
      // No user name in the audit details: a mistyped password in the name field must not be stored.
      ctx.audit.append({ actor: 'anonymous', role: 'anonymous', action: 'auth.login-failed', target: null, details: {} });
      throw new AspkError('AUTH_FAILED', 'wrong user name or password');
    }
    ctx.throttle.success(keys);
    if (current !== undefined) ctx.sessions.destroy(current.id); // rotate the id at login
    const session = ctx.sessions.create(officer.username, officer.role);
    ctx.audit.append({ actor: officer.username, role: officer.role, action: 'auth.login', target: null, details: {} });
    res.cookie(cookieName(ctx.secureCookies), session.id, { httpOnly: true, sameSite: 'strict', secure: ctx.secureCookies, path: '/' });
    return { username: officer.username, displayName: officer.displayName, role: officer.role };
  });

  route('post', '/auth/logout', (_req, res, s) => {
    ctx.sessions.destroy(s!.id);
    ctx.audit.append({ actor: s!.username, role: s!.role, action: 'auth.logout', target: null, details: {} });
    res.clearCookie(cookieName(ctx.secureCookies), { path: '/' });
    return { ok: true };
  });

  route('get', '/auth/me', (_req, _res, s) => {
    const o = ctx.officers.get(s!.username)!;
    return { username: o.username, displayName: o.displayName, role: o.role };
  });

  route('get', '/inspections', (req) => ({ items: ctx.runtime.recent(parseInput(LimitQuery, req.query['limit'])) }));

  route('get', '/inspections/:id', (req) => {
    const row = ctx.runtime.get(parseInput(CrossingIdParam, req.params['id']));
    if (row === undefined) throw new AspkError('NOT_FOUND', 'no such crossing');
    return row;
  });

  route('post', '/inspections/:id/decision', (req, _res, s) => {
    const id = parseInput(CrossingIdParam, req.params['id']);
    const body = parseInput(DecisionBody, req.body);
    return ctx.runtime.decide({ crossingId: id, decision: body.decision, note: body.note, officer: s!.username, role: s!.role });
  });

  route('post', '/inspections/:id/retry', (req) => ctx.runtime.retry(parseInput(CrossingIdParam, req.params['id'])));

  route('post', '/lanes/:laneId/direction', (req, _res, s) => {
    const laneId = parseInput(LaneIdParam, req.params['laneId']);
    ctx.runtime.setDirection(laneId, parseInput(DirectionBody, req.body).direction, actor(s));
    return ctx.runtime.health();
  });

  route('post', '/lanes/:laneId/manual', (req, _res, s) => {
    const laneId = parseInput(LaneIdParam, req.params['laneId']);
    const body = parseInput(ManualMrzBody, req.body);
    return ctx.runtime.scanManual(laneId, body.mrz, actor(s));
  });

  route('get', '/metrics', () => ctx.runtime.metricsReport());

  route('get', '/audit/verify', () => ctx.audit.verify());

  return { router, routeKeys };
}
