import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AspkError } from '@aspk/shared';
import type { Server as IoServer } from 'socket.io';
import { apiRouter } from './api-router.js';
import { attachConsoleSocket } from './console-socket.js';
import type { ConsoleContext } from './console-context.js';
import { errorResponse } from './http-status.js';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const SOCKET_IO_CLIENT = join(dirname(createRequire(import.meta.url).resolve('socket.io-client/package.json')), 'dist', 'socket.io.min.js');

export interface ConsoleServer {
  http: HttpServer;
  io: IoServer;
  /** Every registered API route key (`METHOD /api/path`), for the policy-coverage test. */
  routeKeys: string[];
  /** Every socket.io event with a handler. */
  eventNames: string[];
  /** Binds `host:port` (0 = any free port) and returns the bound port. */
  listen(host: string, port: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * The officer console: express 5 (helmet with a strict CSP, JSON bodies ≤ 16 KiB, an `Origin` check on
 * every state-changing request) serving `/api` and the static page, plus socket.io on the same port.
 * Errors become `{ error: { code, message, details? } }` in one place.
 */
export function createConsoleServer(ctx: Omit<ConsoleContext, 'allowedOrigins'> & { extraOrigins?: readonly string[] }): ConsoleServer {
  let origins: string[] = [...(ctx.extraOrigins ?? [])];
  const full: ConsoleContext = { ...ctx, allowedOrigins: () => origins };
  const log = ctx.log.child({ mod: 'console' });
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet({
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"], objectSrc: ["'none'"], frameAncestors: ["'none'"], upgradeInsecureRequests: null } },
    strictTransportSecurity: ctx.secureCookies,
  }));
  app.use(cookieParser());
  // CSRF defence: a state-changing request must come from the console's own origin.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const origin = req.get('origin');
    if (origin === undefined || !origins.includes(origin)) return next(new AspkError('ORIGIN_REJECTED', 'request from a foreign or missing Origin'));
    next();
  });
  app.use(express.json({ limit: '16kb' }));
  const { router, routeKeys } = apiRouter(full);
  app.use('/api', router);
  app.use('/api', (_req, _res, next) => next(new AspkError('NOT_FOUND', 'no such API route')));
  app.get('/vendor/socket.io.min.js', (_req, res) => res.sendFile(SOCKET_IO_CLIENT));
  app.use(express.static(PUBLIC_DIR, { index: 'index.html' }));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    let e = err;
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') e = new AspkError('INPUT_TOO_LARGE', 'request body too large');
    else if (type === 'entity.parse.failed') e = new AspkError('INPUT_INVALID', 'request body is not valid JSON');
    const { status, body } = errorResponse(e);
    if (status >= 500) log.error({ err, code: body.error.code }, 'request failed');
    res.status(status).json(body);
  });

  const http = createServer(app);
  const { io, eventNames, detach } = attachConsoleSocket(http, full);
  return {
    http,
    io,
    routeKeys,
    eventNames,
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const bound = (http.address() as AddressInfo).port;
          const hosts = host === '127.0.0.1' || host === 'localhost' ? ['127.0.0.1', 'localhost'] : [host];
          origins = [...hosts.map((h) => `http://${h}:${bound}`), ...(ctx.extraOrigins ?? [])];
          log.info({ host, port: bound }, 'officer console listening');
          resolve(bound);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        detach();
        void io.close(() => resolve());
      }),
  };
}
