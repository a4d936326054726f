import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type Socket } from 'socket.io';
import cookieParser from 'cookie-parser';
import { isAspkError } from '@aspk/shared';
import type { z } from 'zod';
import { authorize, EVENT_POLICY } from './access-policy.js';
import { cookieName, liveSession, type ConsoleContext } from './console-context.js';
import { DecisionEvent, DirectionEvent, EmptyEvent, ListEvent, ManualMrzEvent, RetryEvent } from './console-schemas.js';
import { errorResponse } from './http-status.js';
import { parseInput } from './parse-input.js';
import type { Session } from './session-store.js';
import type { HealthReport, InspectionEvent } from '../runtime/checkpoint-runtime.js';

/** Events the server pushes to officer consoles. */
export interface ServerToClient {
  'inspection:new': (e: InspectionEvent) => void;
  'crossing:decided': (e: InspectionEvent) => void;
  'status:update': (h: HealthReport) => void;
  'session:expired': () => void;
}

/** Sustained events per second per socket, and the burst allowed above it. */
const EVENTS_PER_SECOND = 20;
const EVENT_BURST = 40;

type Ack = (reply: { ok: true; data: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } }) => void;

/**
 * socket.io for the officer console (reliability-security.md §4.4): `allowRequest` rejects a missing or
 * foreign `Origin` (cross-site WebSocket hijacking), `io.use` binds the socket to a live session, and
 * EVERY event re-checks the session and the role (engine.io checks the handshake only once); an expired
 * session gets `session:expired` and is disconnected. Payloads are parsed with zod.
 */
export function attachConsoleSocket(http: HttpServer, ctx: ConsoleContext): { io: Server; eventNames: string[]; detach: () => void } {
  const io = new Server<Record<string, never>, ServerToClient>(http, {
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
    allowRequest: (req: IncomingMessage, cb) => {
      const origin = req.headers.origin;
      cb(null, origin !== undefined && ctx.allowedOrigins().includes(origin));
    },
  });
  // The same cookie parser as the HTTP routes, run on the engine.io handshake request.
  io.engine.use(cookieParser());
  const sid = (socket: Socket): string | undefined =>
    (socket.request as IncomingMessage & { cookies?: Record<string, string> }).cookies?.[cookieName(ctx.secureCookies)];

  io.use((socket, next) => {
    const s = liveSession(ctx, sid(socket));
    if (s === undefined) next(new Error('AUTH_REQUIRED'));
    else next();
  });

  const eventNames: string[] = [];
  const handlers: [string, z.ZodType, (payload: never, s: Session) => unknown][] = [];
  const on = <S extends z.ZodType>(event: string, schema: S, fn: (payload: z.output<S>, s: Session) => unknown): void => {
    eventNames.push(event);
    handlers.push([event, schema, fn as (payload: never, s: Session) => unknown]);
  };

  on('decision:submit', DecisionEvent, (p, s) => ctx.runtime.decide({ crossingId: p.crossingId, decision: p.decision, note: p.note, officer: s.username, role: s.role }));
  on('lane:direction', DirectionEvent, (p, s) => {
    ctx.runtime.setDirection(p.laneId, p.direction, s);
    return ctx.runtime.health();
  });
  on('mrz:submit', ManualMrzEvent, (p, s) => {
    return ctx.runtime.scanManual(p.laneId, p.mrz, s);
  });
  on('crossing:retry', RetryEvent, (p) => ctx.runtime.retry(p.crossingId));
  on('inspections:list', ListEvent, (p) => ctx.runtime.recent(p.limit));
  on('status:get', EmptyEvent, () => ctx.runtime.health());

  io.on('connection', (socket) => {
    // Per-socket token bucket (§4.5): an officer presses a few keys a second; a flood is refused, not queued.
    let tokens = EVENT_BURST;
    let refilledAt = Date.now();
    const allow = (): boolean => {
      const now = Date.now();
      tokens = Math.min(EVENT_BURST, tokens + ((now - refilledAt) / 1000) * EVENTS_PER_SECOND);
      refilledAt = now;
      if (tokens < 1) return false;
      tokens--;
      return true;
    };
    for (const [event, schema, fn] of handlers) {
      socket.on(event, (payload: unknown, ack: unknown) => {
        const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => undefined;
        if (!allow()) {
          reply({ ok: false, error: { code: 'RATE_LIMITED', message: 'too many requests; slow down' } });
          return;
        }
        const s = liveSession(ctx, sid(socket));
        if (s === undefined) {
          socket.emit('session:expired');
          reply({ ok: false, error: { code: 'AUTH_REQUIRED', message: 'session expired' } });
          socket.disconnect(true);
          return;
        }
        try {
          authorize(EVENT_POLICY, event, s.role);
          reply({ ok: true, data: fn(parseInput(schema, payload ?? {}) as never, s) });
        } catch (e) {
          if (!isAspkError(e)) ctx.log.error({ err: e, event }, 'socket handler failed');
          reply({ ok: false, error: errorResponse(e).body.error });
        }
      });
    }
  });

  // Logout, expiry or a disabled account ends the session: its sockets are told and dropped at once,
  // not only at their next event (reliability-security.md §4.4).
  const onEnded = (endedSid: string): void => {
    for (const socket of io.sockets.sockets.values()) {
      if (sid(socket) !== endedSid) continue;
      socket.emit('session:expired');
      socket.disconnect(true);
    }
  };
  ctx.sessions.on('ended', onEnded);
  const sweeper = setInterval(() => ctx.sessions.sweep(), 30_000);
  sweeper.unref();

  const push = (name: 'inspection:new' | 'crossing:decided') => (e: InspectionEvent) => io.emit(name, e);
  const onInspection = push('inspection:new');
  const onDecision = push('crossing:decided');
  const onStatus = (h: HealthReport): void => {
    io.emit('status:update', h);
  };
  ctx.runtime.on('inspection', onInspection);
  ctx.runtime.on('decision', onDecision);
  ctx.runtime.on('status', onStatus);
  const detach = (): void => {
    clearInterval(sweeper);
    ctx.sessions.off('ended', onEnded);
    ctx.runtime.off('inspection', onInspection);
    ctx.runtime.off('decision', onDecision);
    ctx.runtime.off('status', onStatus);
  };
  return { io, eventNames, detach };
}
