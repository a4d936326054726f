import type { Server as HttpServer } from 'node:http';
import { parse as parseCookie } from 'node:querystring';
import { Server, type Namespace, type Socket } from 'socket.io';
import { z } from 'zod';
import type { Logger } from 'pino';
import { AgentHello, AgentStatus, AspkError, CROSSING_BATCH_MAX_BYTES, isAspkError, type WatchlistChange } from '@aspk/shared';
import { checkpointView } from '../api/checkpoint-routes.js';
import type { CheckpointStore } from '../auth/checkpoint-store.js';
import type { OriginPolicy } from '../auth/origin-policy.js';
import { allows, SOCKET_POLICY } from '../auth/policy.js';
import { callerName, callerRole, type Caller } from '../auth/roles.js';
import type { SessionStore } from '../auth/session-store.js';
import type { Alert, AlertStore } from '../db/alert-store.js';
import type { AuditLog } from '../db/audit-log.js';
import type { CrossingIngest, IngestResult } from '../db/crossing-ingest.js';
import type { WatchlistService } from '../watchlist/watchlist-service.js';
import type { ImportProgress } from '../watchlist/watchlist-import.js';

export interface RealtimeDeps {
  log: Logger;
  origins: OriginPolicy;
  sessions: SessionStore;
  checkpoints: CheckpointStore;
  ingest: CrossingIngest;
  watchlist: WatchlistService;
  alerts: AlertStore;
  audit: AuditLog;
  cookieName: string;
  /** How often live sockets are re-checked (revocation, expiry), ms; default 5000. */
  recheckMs?: number;
  /** Events per second one socket may send; default 20. */
  eventsPerSecond?: number;
}

type Ack = (reply: unknown) => void;

const AlertAck = z.strictObject({ id: z.int().positive() });

/**
 * socket.io for agents (`/agent`: checkpoint credential, websocket only) and dashboards (`/dashboard`:
 * session cookie or user token, allowed Origin required). Every incoming event passes the policy table and is
 * re-authorised against the store; live sockets are re-checked periodically so revocation and logout take
 * effect at once (reliability-security.md §4.1, §4.4).
 */
export class RealtimeHub {
  readonly io: Server;
  private readonly agentNs: Namespace;
  private readonly dashNs: Namespace;
  /** Handlers registered, as `namespace event` (the policy test enumerates them). */
  readonly handlers: string[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    server: HttpServer,
    private readonly d: RealtimeDeps,
  ) {
    this.io = new Server(server, {
      serveClient: false,
      maxHttpBufferSize: CROSSING_BATCH_MAX_BYTES,
      // Browsers always send Origin on a socket handshake; a present but foreign one is refused here
      // (cross-site WebSocket hijacking). Machine clients send none; `/dashboard` additionally requires one.
      allowRequest: (req, cb) => {
        const origin = req.headers.origin;
        cb(null, origin === undefined || d.origins.isAllowed(origin));
      },
    });
    this.agentNs = this.io.of('/agent');
    this.dashNs = this.io.of('/dashboard');
    this.setupAgents();
    this.setupDashboards();
    this.timer = setInterval(() => this.recheck(), d.recheckMs ?? 5000);
    this.timer.unref();
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    return this.io.close();
  }

  // ---- outbound notifications ------------------------------------------------------------------------

  watchlistChanged(change: WatchlistChange): void {
    const payload = { version: change.header.version, headHash: change.hash };
    this.agentNs.emit('watchlist:changed', payload);
    this.dashNs.emit('watchlist:changed', payload);
  }

  alertRaised(a: Alert): void {
    this.dashNs.to(['role:admin', 'role:auditor']).emit('alert:raised', a);
  }

  alertUpdated(a: Alert): void {
    this.dashNs.to(['role:admin', 'role:auditor']).emit('alert:updated', a);
  }

  importProgress(userId: number, p: ImportProgress): void {
    this.dashNs.to(`user:${userId}`).emit('watchlist:import-progress', p);
  }

  checkpointChanged(id: string): void {
    const cp = this.d.checkpoints.get(id);
    if (cp !== null) this.dashNs.to(['role:admin', 'role:auditor']).emit('checkpoint:status', checkpointView(cp));
  }

  /** Raises alerts for screening hits and conflicts of a committed batch and pushes them. */
  afterIngest(agentId: string, r: IngestResult): void {
    for (const c of r.stored) {
      for (const h of c.alerts) {
        this.alertRaised(
          this.d.alerts.raise({
            kind: 'crossing-hit',
            checkpointId: agentId,
            crossingId: c.id,
            entryId: h.entryId,
            message: `${h.kind} hit on entry ${h.entryId} (${h.action}, score ${h.score.toFixed(2)}) at ${agentId} lane ${c.lane}`,
            details: { score: h.score, action: h.action, verdict: c.verdict, agentWallTime: c.agentWallTime },
          }),
        );
      }
    }
    for (const k of r.conflicts) {
      this.alertRaised(
        this.d.alerts.raise({ kind: 'sync-conflict', checkpointId: agentId, crossingId: k.kind === 'crossing' ? k.itemId : null, message: `sync conflict from ${agentId}: ${k.reason} (epoch ${k.epoch}, seq ${k.seq})`, details: { ...k } }),
      );
    }
    this.checkpointChanged(agentId);
  }

  disconnectAgent(checkpointId: string): void {
    this.agentNs.in(`agent:${checkpointId}`).disconnectSockets(true);
    this.checkpointChanged(checkpointId);
  }

  disconnectSession(idHash: string): void {
    this.dashNs.in(`session:${idHash}`).disconnectSockets(true);
  }

  disconnectUser(userId: number): void {
    this.dashNs.in(`user:${userId}`).disconnectSockets(true);
  }

  // ---- inbound ------------------------------------------------------------------------------------------

  /**
   * Registers an event handler behind the policy table, a per-socket rate limit, fresh re-authorisation
   * and a zod parse of the payload. Replies go to the ack callback as `{ok:true,...}` or `{ok:false,error}`.
   */
  private on<S extends z.ZodType>(
    ns: Namespace,
    socket: Socket,
    event: string,
    schema: S | null,
    handler: (caller: Caller, payload: z.infer<S>) => unknown,
  ): void {
    const key = `${ns.name} ${event}`;
    const allowed = SOCKET_POLICY[key];
    if (allowed === undefined) throw new AspkError('INTERNAL', `socket event ${key} has no policy entry`);
    if (!this.handlers.includes(key)) this.handlers.push(key);
    const bucket = { tokens: this.d.eventsPerSecond ?? 20, at: Date.now() };
    socket.on(event, (...args: unknown[]) => {
      const ack = (typeof args[args.length - 1] === 'function' ? args.pop() : () => undefined) as Ack;
      try {
        const now = Date.now();
        const rate = this.d.eventsPerSecond ?? 20;
        bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
        bucket.at = now;
        if (bucket.tokens < 1) throw new AspkError('RATE_LIMITED', 'too many events');
        bucket.tokens--;
        const caller = this.reauthorise(socket);
        if (caller === null) {
          socket.disconnect(true);
          throw new AspkError('AUTH_REQUIRED', 'session ended');
        }
        if (!allows(allowed, callerRole(caller))) throw new AspkError('FORBIDDEN', 'your role may not do this');
        let payload: unknown = args[0];
        if (schema !== null) {
          const p = schema.safeParse(payload);
          if (!p.success) throw new AspkError('INPUT_INVALID', `invalid ${event} payload`, { issues: p.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) });
          payload = p.data;
        }
        const out = handler(caller, payload as z.infer<S>);
        ack({ ok: true, ...(out ?? {}) });
      } catch (e) {
        if (!isAspkError(e)) this.d.log.error({ err: e, event: key }, 'socket handler failed');
        const err = isAspkError(e) ? e : new AspkError('INTERNAL', 'internal error');
        ack({ ok: false, error: { code: err.code, message: err.message } });
      }
    });
  }

  /** Fresh identity for a socket: the checkpoint must still be active, the session still valid (role re-read). */
  private reauthorise(socket: Socket): Caller | null {
    const c = socket.data.caller as Caller | undefined;
    if (c === undefined) return null;
    if (c.kind === 'agent') return this.d.checkpoints.isActive(c.checkpointId) ? c : null;
    return this.d.sessions.byIdHash(c.sessionIdHash);
  }

  private recheck(): void {
    for (const s of this.agentNs.sockets.values()) {
      const c = s.data.caller as Caller | undefined;
      if (c?.kind !== 'agent' || !this.d.checkpoints.isActive(c.checkpointId)) s.disconnect(true);
    }
    for (const s of this.dashNs.sockets.values()) {
      const c = s.data.caller as Caller | undefined;
      if (c?.kind !== 'user' || !this.d.sessions.isValid(c.sessionIdHash)) s.disconnect(true);
    }
  }

  private setupAgents(): void {
    this.agentNs.use((socket, next) => {
      // The long-polling trap (§4.1): agents connect websocket-only; anything else is refused.
      if (socket.conn.transport.name !== 'websocket') return next(new Error('websocket transport required'));
      const token = (socket.handshake.auth as { token?: unknown }).token;
      const id = typeof token === 'string' ? this.d.checkpoints.authenticate(token) : null;
      if (id === null) return next(new Error('invalid checkpoint credential'));
      socket.data.caller = { kind: 'agent', checkpointId: id } satisfies Caller;
      next();
    });
    this.agentNs.on('connection', (socket) => {
      const id = (socket.data.caller as Caller & { kind: 'agent' }).checkpointId;
      void socket.join(`agent:${id}`);
      this.d.checkpoints.updateHealth(id, { connected: true, lastSeenMs: Date.now() });
      this.checkpointChanged(id);
      socket.on('disconnect', () => {
        const still = [...this.agentNs.sockets.values()].some((s) => s.id !== socket.id && (s.data.caller as Caller | undefined)?.kind === 'agent' && (s.data.caller as { checkpointId: string }).checkpointId === id);
        if (!still) this.d.checkpoints.updateHealth(id, { connected: false, lastSeenMs: Date.now() });
        this.checkpointChanged(id);
      });
      this.on(this.agentNs, socket, 'agent:hello', AgentHello, (caller, hello) => {
        const cid = (caller as { checkpointId: string }).checkpointId;
        if (hello.agentId !== cid) {
          this.d.audit.append({ actor: `agent:${cid}`, role: 'agent', action: 'security.hello-identity-mismatch', target: hello.agentId });
          throw new AspkError('FORBIDDEN', 'agentId does not match the authenticated checkpoint');
        }
        const serverMs = Date.now();
        const { ackedThrough, gap } = this.d.ingest.hello(cid, hello.epoch, hello.lowestHeldSeq);
        if (gap !== null) {
          this.alertRaised(this.d.alerts.raise({ kind: 'sync-gap', checkpointId: cid, message: `sync gap at ${cid}: seq ${gap[0]}–${gap[1]} never delivered (epoch ${hello.epoch})`, details: { epoch: hello.epoch, from: gap[0], to: gap[1] } }));
        }
        this.d.checkpoints.updateHealth(cid, { connected: true, lastSeenMs: serverMs, watchlistVersion: hello.watchlistVersion, clockOffsetMs: serverMs - hello.wallMs });
        this.checkpointChanged(cid);
        return { ackedThrough, serverMs, latestWatchlistVersion: this.d.watchlist.head().version };
      });
      this.on(this.agentNs, socket, 'agent:status', AgentStatus, (caller, st) => {
        const cid = (caller as { checkpointId: string }).checkpointId;
        if (st.agentId !== cid) throw new AspkError('FORBIDDEN', 'agentId does not match the authenticated checkpoint');
        this.d.checkpoints.updateHealth(cid, { lastSeenMs: Date.now(), queued: st.queued, watchlistVersion: st.watchlistVersion, watchlistStale: st.watchlistStale, lastSyncAt: st.lastSyncAt, lanes: st.lanes });
        this.checkpointChanged(cid);
        return {};
      });
    });
  }

  private setupDashboards(): void {
    this.dashNs.use((socket, next) => {
      if (!this.d.origins.isAllowed(socket.handshake.headers.origin)) return next(new Error('origin not allowed'));
      const token = (socket.handshake.auth as { token?: unknown }).token;
      let caller: Caller | null = null;
      if (typeof token === 'string') caller = this.d.sessions.byToken(token);
      else {
        const header = socket.handshake.headers.cookie ?? '';
        const cookies = parseCookie(header.replace(/;\s*/g, '&'));
        const sid = cookies[this.d.cookieName];
        if (typeof sid === 'string') caller = this.d.sessions.byCookie(decodeURIComponent(sid));
      }
      if (caller === null || caller.kind !== 'user') return next(new Error('authentication required'));
      if (caller.role !== 'admin' && caller.role !== 'auditor') return next(new Error('forbidden'));
      socket.data.caller = caller;
      next();
    });
    this.dashNs.on('connection', (socket) => {
      const c = socket.data.caller as Caller & { kind: 'user' };
      void socket.join([`role:${c.role}`, `user:${c.userId}`, `session:${c.sessionIdHash}`]);
      this.on(this.dashNs, socket, 'checkpoints:list', null, () => ({ checkpoints: this.d.checkpoints.list().map(checkpointView) }));
      this.on(this.dashNs, socket, 'alerts:list', null, () => this.d.alerts.list({ open: true, limit: 100, offset: 0 }));
      this.on(this.dashNs, socket, 'alert:ack', AlertAck, (caller, p) => {
        const a = this.d.alerts.acknowledge(p.id, callerName(caller));
        this.d.audit.append({ actor: callerName(caller), role: 'admin', action: 'alert.ack', target: String(p.id) });
        this.alertUpdated(a);
        return { alert: a };
      });
    });
  }
}
