import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { AspkError, CROSSING_BATCH_MAX_BYTES } from '@aspk/shared';
import { resolveCaller } from '../auth/request-auth.js';
import type { OriginPolicy } from '../auth/origin-policy.js';
import { ApiBuilder, API_PREFIX } from './api-builder.js';
import type { ApiDeps } from './api-deps.js';
import { registerAgentRoutes } from './agent-routes.js';
import { registerAlertRoutes } from './alert-routes.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerCheckpointRoutes } from './checkpoint-routes.js';
import { registerCrossingRoutes } from './crossing-routes.js';
import { errorHandler, sendError } from './http-status.js';
import { buildOpenApi } from './openapi.js';
import { registerUserRoutes } from './user-routes.js';
import { registerWatchlistRoutes } from './watchlist-routes.js';

const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
const SOCKET_IO_CLIENT = join(dirname(createRequire(import.meta.url).resolve('socket.io/package.json')), 'client-dist', 'socket.io.min.js');

/** Watchlist import bodies are whole files; 64 MiB holds about 300,000 entries. */
const IMPORT_LIMIT = '64mb';

/** The express app: security headers, body limits per route, the API, the static pages. */
export function buildApp(d: ApiDeps, origins: OriginPolicy): { app: Express; api: ApiBuilder } {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
          'base-uri': ["'none'"],
          'object-src': ["'none'"],
        },
      },
      // Over plain HTTP (loopback, demo) HSTS would be wrong; production terminates TLS and sets it there.
      strictTransportSecurity: d.config.secureCookies,
    }),
  );
  app.use(cookieParser());
  // Access log: method, route pattern (never the query string, which can hold names), status, duration.
  app.use((req, res, next) => {
    const t0 = performance.now();
    res.on('finish', () => {
      const route = (req as typeof req & { route?: { path?: string } }).route?.path;
      d.log.info({ method: req.method, route: route === undefined ? req.path.split('/').slice(0, 4).join('/') : `${req.baseUrl}${route}`, status: res.statusCode, ms: Math.round(performance.now() - t0) }, 'http');
    });
    next();
  });
  app.use(`${API_PREFIX}/agent/crossings`, express.json({ limit: CROSSING_BATCH_MAX_BYTES }));
  app.use(`${API_PREFIX}/watchlist/import`, express.text({ type: ['text/*', 'application/x-ndjson', 'application/jsonl'], limit: IMPORT_LIMIT }));
  app.use(API_PREFIX, express.json({ limit: '1mb' }));

  const router = express.Router();
  const api = new ApiBuilder(router, (req) => resolveCaller(req, d.sessions, d.checkpoints, d.cookieName), origins, d.audit);
  registerAuthRoutes(api, d);
  registerUserRoutes(api, d);
  registerCheckpointRoutes(api, d);
  registerAlertRoutes(api, d);
  registerWatchlistRoutes(api, d);
  registerCrossingRoutes(api, d);
  registerAuditRoutes(api, d);
  registerAgentRoutes(api, d);
  let openapi: Record<string, unknown> | null = null;
  api.route({ method: 'get', path: '/openapi.json', tag: 'meta', summary: 'This document', audit: 'none' }, () => (openapi ??= buildOpenApi(api.routes)));
  app.use(API_PREFIX, router);
  app.use(API_PREFIX, (_req, res) => sendError(res, new AspkError('NOT_FOUND', 'no such API route')));

  app.get('/vendor/socket.io.min.js', (_req, res) => res.sendFile(SOCKET_IO_CLIENT));
  app.use(express.static(WEB_DIR, { index: 'index.html', extensions: ['html'] }));
  app.use(errorHandler(d.log));
  return { app, api };
}
