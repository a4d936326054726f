import { z } from 'zod';
import { CROSSING_BATCH_MAX_BYTES, CROSSING_BATCH_MAX_ITEMS } from '@aspk/shared';

/**
 * Tuning of the agent's sync with central (reliability-security.md §1.3–1.5). Production defaults; the
 * reliability tests use `ackTimeoutMs: 1500` and `backoffCapMs: 2000`. Meant to sit under `sync` in the
 * agent configuration (parsed once there, with `.prefault({})` so every field gets its default).
 */
export const SyncSettings = z.strictObject({
  /** Request timeout of a batch POST and of every other call to central, ms. Default 10 000. */
  ackTimeoutMs: z.coerce.number().int().positive().default(10_000),
  /** Full-jitter backoff base, ms. Default 500. */
  backoffBaseMs: z.coerce.number().int().positive().default(500),
  /** Full-jitter backoff cap, ms. Default 30 000. */
  backoffCapMs: z.coerce.number().int().positive().default(30_000),
  /** Items per batch, at most the protocol's 200. */
  maxBatchItems: z.coerce.number().int().min(1).max(CROSSING_BATCH_MAX_ITEMS).default(CROSSING_BATCH_MAX_ITEMS),
  /** Serialised batch size limit, bytes; at most the protocol's 256 KiB. */
  maxBatchBytes: z.coerce.number().int().min(4096).max(CROSSING_BATCH_MAX_BYTES).default(CROSSING_BATCH_MAX_BYTES),
  /** When the outbox is empty, how often the pusher looks again without being woken, ms. Default 1000. */
  idlePollMs: z.coerce.number().int().positive().default(1000),
  /** Periodic watchlist pull (a missed `watchlist:changed` is harmless), ms. Default 60 000. */
  pullIntervalMs: z.coerce.number().int().positive().default(60_000),
  /** Versions per changes request. Default 200. */
  pullLimit: z.coerce.number().int().min(1).max(1000).default(200),
  /** Take a signed snapshot instead of deltas when this many versions behind. Default 1000. */
  snapshotBehindVersions: z.coerce.number().int().min(1).default(1000),
  /** How often `agent:status` is reported, ms. Default 30 000. */
  statusIntervalMs: z.coerce.number().int().positive().default(30_000),
  /** |clock offset| beyond which crossings are flagged `offset`, ms. Default 120 000 (2 min). */
  skewLimitMs: z.coerce.number().int().positive().default(120_000),
});
export type SyncSettings = z.infer<typeof SyncSettings>;

/** The production defaults. */
export const DEFAULT_SYNC_SETTINGS: SyncSettings = SyncSettings.parse({});
