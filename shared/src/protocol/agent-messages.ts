import { z } from 'zod';
import { CheckpointId } from './crossing.js';

/**
 * socket.io messages on central's `/agent` namespace (reliability-security.md §1.3). The agent connects
 * websocket-only with `auth: { token }` (its checkpoint credential) and uses `emitWithAck` with a timeout.
 * Every ack is an envelope: `{ ok: true, ...reply }` (reply fields below) or
 * `{ ok: false, error: { code, message } }` with an `AspkErrorCode` (`FORBIDDEN`, `INPUT_INVALID`, `RATE_LIMITED`…).
 */

/** `agent:hello` — sent on every (re)connect. */
export const AgentHello = z.strictObject({
  agentId: CheckpointId,
  epoch: z.string().min(1).max(64),
  /** The seq the next new item will get. */
  nextSeq: z.int().positive(),
  /** Lowest seq still held in the outbox; `nextSeq` when the outbox is empty. */
  lowestHeldSeq: z.int().positive(),
  watchlistVersion: z.int().nonnegative(),
  wallMs: z.number(),
  monoMs: z.number().nonnegative(),
  bootId: z.string().min(1).max(64),
});
export type AgentHello = z.infer<typeof AgentHello>;

/** Ack of `agent:hello`. `serverMs` is central's wall clock (UTC ms) for the agent's offset estimate. */
export const AgentHelloReply = z.strictObject({
  ackedThrough: z.int().nonnegative(),
  serverMs: z.number(),
  latestWatchlistVersion: z.int().nonnegative(),
});
export type AgentHelloReply = z.infer<typeof AgentHelloReply>;

/** `agent:status` — periodic health report shown on the admins' checkpoint page. */
export const AgentStatus = z.strictObject({
  agentId: CheckpointId,
  /** Items in the outbox not yet acknowledged. */
  queued: z.int().nonnegative(),
  watchlistVersion: z.int().nonnegative(),
  watchlistStale: z.boolean(),
  /** Agent wall time of its last successful batch ack (ISO) or null. */
  lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
  /** Reader/lane health, free-form short codes per lane, e.g. `{ "1": "ok", "2": "disconnected" }`. */
  lanes: z.record(z.string().max(32), z.string().max(32)).default({}),
});
export type AgentStatus = z.infer<typeof AgentStatus>;

/** Generic ack reply for agent events that carry no data back. */
export const AgentEventReply = z.union([
  z.strictObject({ ok: z.literal(true) }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) }),
]);
export type AgentEventReply = z.infer<typeof AgentEventReply>;
