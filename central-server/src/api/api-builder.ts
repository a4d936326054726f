import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { AspkError } from '@aspk/shared';
import { allows, ROUTE_POLICY } from '../auth/policy.js';
import { callerName, callerRole, type Allowed, type Caller } from '../auth/roles.js';
import type { ResolvedCaller } from '../auth/request-auth.js';
import type { OriginPolicy } from '../auth/origin-policy.js';

type Method = 'get' | 'post' | 'patch' | 'delete';

/** A route's contract: used for validation, the policy check and the OpenAPI document. */
export interface RouteSpec<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> {
  method: Method;
  /** Path below `/api/v1`, express syntax (`/watchlist/entries/:id`). */
  path: string;
  summary: string;
  tag: string;
  query?: Q;
  body?: B;
  params?: P;
  /** Schema of the 2xx JSON reply (documentation only). */
  response?: z.ZodType;
  /** Content type of a non-JSON reply (documentation only). */
  produces?: string;
  /** Raw text body (imports): `body` is then not parsed as JSON. */
  rawBody?: boolean;
  /**
   * `self`: the handler writes its own, richer audit entry; `none`: not audited (session probe, public
   * document, machine routes); default: the builder records `<METHOD> <path>` with the path parameters.
   */
  audit?: 'self' | 'none';
}

/** Where the builder writes audit entries (the AuditLog). */
export interface AuditSink {
  append(e: { actor: string; role: string; action: string; target?: string | null; details?: Record<string, unknown> }): number;
}

export interface RouteContext<Q, B, P> {
  req: Request;
  res: Response;
  caller: Caller | null;
  query: Q;
  body: B;
  params: P;
}

export interface RegisteredRoute {
  id: string;
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>;
  allowed: Allowed;
}

export const API_PREFIX = '/api/v1';

const UNSAFE = new Set(['post', 'patch', 'delete']);

/** Issues of a zod error as `details` of an `INPUT_INVALID` error. */
export function invalid(where: string, e: z.ZodError): AspkError {
  return new AspkError('INPUT_INVALID', `invalid ${where}`, {
    issues: e.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
  });
}

/**
 * Registers routes on the API router with one pipeline: resolve caller → policy check (401/403) → Origin
 * check for cookie-authenticated unsafe methods → zod parse of params, query and body → handler. The
 * handler's return value is sent as JSON unless it answered itself.
 */
export class ApiBuilder {
  readonly routes: RegisteredRoute[] = [];

  constructor(
    private readonly router: Router,
    private readonly resolve: (req: Request) => ResolvedCaller,
    private readonly origins: OriginPolicy,
    private readonly audit: AuditSink,
  ) {}

  route<Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown, P extends z.ZodType = z.ZodUnknown>(
    spec: RouteSpec<Q, B, P>,
    handler: (ctx: RouteContext<z.infer<Q>, z.infer<B>, z.infer<P>>) => unknown,
  ): void {
    const id = `${spec.method.toUpperCase()} ${API_PREFIX}${spec.path}`;
    const allowed = ROUTE_POLICY[id];
    if (allowed === undefined) throw new AspkError('INTERNAL', `route ${id} has no policy entry`);
    this.routes.push({ id, spec: spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType>, allowed });
    this.router[spec.method](spec.path, async (req: Request, res: Response) => {
      const { caller, via } = this.resolve(req);
      const principal = caller === null ? null : callerRole(caller);
      if (!allows(allowed, principal)) {
        if (caller === null) throw new AspkError('AUTH_REQUIRED', 'authentication required');
        this.audit.append({ actor: callerName(caller), role: String(principal), action: 'security.forbidden', target: id });
        throw new AspkError('FORBIDDEN', 'your role may not do this');
      }
      const origin = req.headers.origin;
      if (UNSAFE.has(spec.method) && (via === 'cookie' || origin !== undefined) && !this.origins.isAllowed(origin)) {
        throw new AspkError('ORIGIN_REJECTED', 'request origin not allowed');
      }
      const params = parse(spec.params, req.params, 'path parameters');
      const query = parse(spec.query, req.query, 'query');
      const body = spec.rawBody === true ? req.body : parse(spec.body, req.body, 'body');
      const out = await handler({ req, res, caller, query, body, params } as RouteContext<z.infer<Q>, z.infer<B>, z.infer<P>>);
      if (spec.audit === undefined && caller?.kind === 'user') {
        this.audit.append({ actor: caller.username, role: caller.role, action: id, target: Object.values(req.params).join('/') || null });
      }
      if (!res.headersSent && !res.writableEnded) res.json(out ?? { ok: true });
    });
  }
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (schema === undefined) return value;
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw invalid(where, r.error);
  return r.data;
}
