import { z } from 'zod';
import {
  AspkError,
  CrossingBatchAck,
  WatchlistChangesReply,
  WatchlistSnapshot,
  type CrossingBatch,
} from '@aspk/shared';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Connection settings of an enrolled agent. */
export interface CentralClientOptions {
  /** Central's base URL, e.g. `https://central.example:8443` (no trailing `/api`). */
  baseUrl: string;
  /** The checkpoint credential (bearer). */
  token: string;
  /** Per-request timeout, ms (10 000 in production, 1 500 in tests). */
  timeoutMs: number;
  /** Injected for tests; default the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * The agent's HTTP calls to central. Every reply is parsed once here with its protocol schema. A failure
 * throws `AspkError`: `SYNC_UNAVAILABLE` when the outcome is unknown or transient (timeout, connection
 * error, 5xx, 429 — the same batch must be sent again), `SYNC_REJECTED` when central refused the request
 * (other 4xx, or a reply that does not parse); `details.status` carries the HTTP status.
 */
export class CentralClient {
  readonly #o: CentralClientOptions;
  readonly #fetch: typeof fetch;

  constructor(o: CentralClientOptions) {
    this.#o = { ...o, baseUrl: o.baseUrl.replace(/\/+$/, '') };
    this.#fetch = o.fetch ?? fetch;
  }

  get baseUrl(): string {
    return this.#o.baseUrl;
  }

  /** `POST /api/v1/agent/crossings`; resolves only with central's post-commit acknowledgement. */
  async pushBatch(batch: CrossingBatch, signal?: AbortSignal): Promise<CrossingBatchAck> {
    return this.#call('POST', '/api/v1/agent/crossings', CrossingBatchAck, JSON.stringify(batch), signal);
  }

  /** `GET /api/v1/agent/watchlist/changes?since=N&limit=L`. */
  async watchlistChanges(since: number, limit: number, signal?: AbortSignal): Promise<WatchlistChangesReply> {
    return this.#call('GET', `/api/v1/agent/watchlist/changes?since=${since}&limit=${limit}`, WatchlistChangesReply, undefined, signal);
  }

  /** `GET /api/v1/agent/watchlist/snapshot`. A snapshot can be large: the timeout is 6× the usual. */
  async watchlistSnapshot(signal?: AbortSignal): Promise<WatchlistSnapshot> {
    return this.#call('GET', '/api/v1/agent/watchlist/snapshot', WatchlistSnapshot, undefined, signal, 6);
  }

  async #call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body: string | undefined, signal?: AbortSignal, timeoutFactor = 1): Promise<z.infer<S>> {
    const timeout = AbortSignal.timeout(this.#o.timeoutMs * timeoutFactor);
    const sig = signal === undefined ? timeout : AbortSignal.any([timeout, signal]);
    let res: Response;
    let text: string;
    try {
      res = await this.#fetch(this.#o.baseUrl + path, {
        method,
        headers: { authorization: `Bearer ${this.#o.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), accept: 'application/json' },
        ...(body !== undefined ? { body } : {}),
        signal: sig,
      });
      text = await res.text();
    } catch (e) {
      const timedOut = timeout.aborted;
      throw new AspkError('SYNC_UNAVAILABLE', timedOut ? `${method} ${path}: no reply within ${this.#o.timeoutMs * timeoutFactor} ms` : `${method} ${path}: ${(e as Error).message}`, {
        status: null,
        timeout: timedOut,
      }, { cause: e });
    }
    if (!res.ok) {
      const parsed = ErrorBody.safeParse(safeJson(text));
      const code = parsed.success ? parsed.data.error.code : null;
      const message = parsed.success ? parsed.data.error.message : text.slice(0, 200);
      const transient = res.status >= 500 || res.status === 429 || res.status === 408;
      throw new AspkError(transient ? 'SYNC_UNAVAILABLE' : 'SYNC_REJECTED', `${method} ${path}: ${res.status} ${code ?? ''} ${message}`.trim(), {
        status: res.status,
        code,
        timeout: false,
      });
    }
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new AspkError('SYNC_REJECTED', `${method} ${path}: reply does not match the protocol`, {
        status: res.status,
        issues: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String), message: i.message })),
        timeout: false,
      });
    }
    return parsed.data;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
