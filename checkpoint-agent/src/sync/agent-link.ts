import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import type { Logger } from 'pino';
import { AgentHelloReply, WatchlistChangedEvent, type AgentHello, type AgentStatus } from '@aspk/shared';
import { Backoff } from './backoff.js';
import type { SyncClock } from './clock-monitor.js';

export interface AgentLinkOptions {
  /** Central's base URL; the socket goes to its `/agent` namespace. */
  baseUrl: string;
  token: string;
  /** Ack timeout of `agent:hello` / `agent:status`, ms. */
  ackTimeoutMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  clock: SyncClock;
  log: Logger;
  /** Builds the hello from the store's current state. */
  hello: () => AgentHello;
  random?: () => number;
}

/** What the hello exchange gave: central's reply plus the agent times around it (for the offset). */
export interface HelloResult {
  reply: AgentHelloReply;
  sent: { wallMs: number; monoMs: number };
  received: { wallMs: number; monoMs: number };
}

/**
 * The agent's socket.io connection to central's `/agent` namespace (websocket only, checkpoint credential in
 * `auth`). socket.io's own reconnection stays on (1 s rising to 5 s, randomisation 0.5); on every
 * (re)connect the agent sends `agent:hello` with `emitWithAck` and a timeout, retried with full-jitter
 * backoff while connected. Crossings never travel here (socket.io delivers at most once): this link only
 * carries the hello, status reports and the `watchlist:changed` notification.
 *
 * Events: `hello` (HelloResult), `down` (), `watchlist-changed` (WatchlistChangedEvent).
 */
export class AgentLink extends EventEmitter {
  readonly #o: AgentLinkOptions;
  readonly #socket: Socket;
  readonly #backoff: Backoff;
  #ready = false;
  #retry: NodeJS.Timeout | undefined;
  reconnects = 0;
  #connectedOnce = false;

  constructor(o: AgentLinkOptions) {
    super();
    this.#o = o;
    this.#backoff = new Backoff(o.backoffBaseMs, o.backoffCapMs, o.random);
    this.#socket = io(`${o.baseUrl.replace(/\/+$/, '')}/agent`, {
      transports: ['websocket'],
      auth: { token: o.token },
      autoConnect: false,
      reconnection: true,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
      randomizationFactor: 0.5,
      timeout: o.ackTimeoutMs,
    });
    const log = o.log.child({ mod: 'sync-link' });
    this.#socket.on('connect', () => {
      if (this.#connectedOnce) this.reconnects++;
      this.#connectedOnce = true;
      this.#backoff.reset();
      void this.#hello();
    });
    this.#socket.on('disconnect', (reason) => {
      log.debug({ reason }, 'socket to central down');
      this.#down();
    });
    this.#socket.on('connect_error', (err) => {
      log.debug({ err: err.message }, 'socket to central: connect error');
      this.#down();
    });
    this.#socket.on('watchlist:changed', (payload: unknown) => {
      const p = WatchlistChangedEvent.safeParse(payload);
      if (p.success) this.emit('watchlist-changed', p.data);
      else log.warn('malformed watchlist:changed ignored');
    });
  }

  /** Connected and hello answered. */
  get ready(): boolean {
    return this.#ready;
  }

  start(): void {
    this.#socket.connect();
  }

  close(): void {
    clearTimeout(this.#retry);
    this.#socket.close();
    this.#ready = false;
  }

  /** Sends `agent:hello` again now (e.g. the batch stream is stuck below a gap central must record). */
  resendHello(): void {
    if (this.#socket.connected) void this.#hello();
  }

  /** Sends `agent:status`; false when not connected or not acknowledged in time. */
  async sendStatus(status: AgentStatus): Promise<boolean> {
    if (!this.#ready) return false;
    try {
      const r = (await this.#socket.timeout(this.#o.ackTimeoutMs).emitWithAck('agent:status', status)) as { ok?: unknown };
      return r.ok === true;
    } catch {
      return false;
    }
  }

  #down(): void {
    clearTimeout(this.#retry);
    const was = this.#ready;
    this.#ready = false;
    if (was) this.emit('down');
  }

  async #hello(): Promise<void> {
    clearTimeout(this.#retry);
    if (!this.#socket.connected) return;
    const sent = { wallMs: this.#o.clock.wallMs(), monoMs: this.#o.clock.monoMs() };
    try {
      const raw = (await this.#socket.timeout(this.#o.ackTimeoutMs).emitWithAck('agent:hello', this.#o.hello())) as Record<string, unknown>;
      const received = { wallMs: this.#o.clock.wallMs(), monoMs: this.#o.clock.monoMs() };
      if (raw.ok !== true) throw new Error(`hello refused: ${JSON.stringify(raw.error ?? raw)}`);
      const { ok: _ok, ...rest } = raw;
      const reply = AgentHelloReply.parse(rest);
      this.#ready = true;
      this.#backoff.reset();
      this.emit('hello', { reply, sent, received } satisfies HelloResult);
    } catch (e) {
      this.#o.log.warn({ err: (e as Error).message }, 'agent:hello failed; retrying');
      if (this.#socket.connected) this.#retry = setTimeout(() => void this.#hello(), this.#backoff.next());
    }
  }
}
