import { z } from 'zod';
import { WatchlistAction } from '../watchlist/watchlist-entry.js';

/**
 * What an agent sends central for one crossing (architecture.md, Data; reliability-security.md §1.1–1.3).
 * Parsed once at central's ingest edge. `strictObject`: unknown fields on agent messages are rejected
 * (reliability-security.md §4.5).
 */

/** Identifier of a checkpoint (= its agent's enrolled identity), e.g. `kpp-verkhny-lars`. */
export const CheckpointId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, . _ -');
export type CheckpointId = z.infer<typeof CheckpointId>;

/** Time-ordered UUID (RFC 9562 version 7), made by the agent before the first write attempt. */
export const ItemId = z.uuidv7();
export type ItemId = z.infer<typeof ItemId>;

/** ISO 8601 instant with offset, e.g. `2026-11-27T10:15:30.123Z`. */
export const IsoInstant = z.iso.datetime({ offset: true });

export const Direction = z.enum(['entry', 'exit']);
export type Direction = z.infer<typeof Direction>;

/**
 * Overall result of the agent's checks: `clear` nothing found; `alert` something the officer must look at
 * (warning, low-severity hit); `refer` send to secondary inspection; `deny` refuse entry/exit per policy.
 */
export const Verdict = z.enum(['clear', 'alert', 'refer', 'deny']);
export type Verdict = z.infer<typeof Verdict>;

/** Clock problems flagged beside the stored times, never corrected (reliability-security.md §1.5, INV-6). */
export const ClockFlag = z.enum(['offset', 'jump', 'boot-backwards', 'untrusted']);
export type ClockFlag = z.infer<typeof ClockFlag>;

const Text = (max: number) => z.string().max(max);

/** One screening hit (watchlist-matching.md: entry id, score 0..1, human-readable reasons). */
export const CrossingAlert = z.strictObject({
  entryId: Text(128).min(1),
  score: z.number().min(0).max(1),
  reasons: z.array(Text(500)).max(32),
  kind: z.enum(['person', 'document']),
  action: WatchlistAction,
});
export type CrossingAlert = z.infer<typeof CrossingAlert>;

export const Decision = z.enum(['admit', 'refer', 'refuse']);
export type Decision = z.infer<typeof Decision>;

/** The officer's decision on a crossing. */
export const OfficerDecision = z.strictObject({
  decision: Decision,
  /** Officer's user name. */
  officer: Text(64).min(1),
  note: Text(2000).nullable(),
  /** Agent wall time of the decision. */
  decidedAt: IsoInstant,
});
export type OfficerDecision = z.infer<typeof OfficerDecision>;

/**
 * Document fields read from the MRZ. All nullable: an unreadable or partly readable MRZ is still a crossing.
 * Names are the MRZ's Latin transliteration with `<` fillers replaced by spaces (ICAO 9303 Part 3 §4.6).
 * Dates are `YYYY-MM-DD` when the agent resolved the century, otherwise the raw MRZ `YYMMDD`
 * (`<` for unknown digits, ICAO 9303 Part 3 §4.6.2).
 */
export const DocumentFields = {
  documentCode: Text(2).nullable(),
  issuingState: Text(3).nullable(),
  documentNumber: Text(20).nullable(),
  nationality: Text(3).nullable(),
  birthDate: Text(10).nullable(),
  expiryDate: Text(10).nullable(),
  sex: z.enum(['M', 'F', 'X']).nullable(),
  surname: Text(200).nullable(),
  givenNames: Text(200).nullable(),
};

/** One crossing as pushed by an agent. */
export const CrossingRecord = z.strictObject({
  /** Crossing id = outbox item id (UUID v7), reused on every retry. */
  id: ItemId,
  checkpointId: CheckpointId,
  /** Lane (booth) identifier within the checkpoint, e.g. `1`. */
  lane: Text(32).min(1),
  direction: Direction,
  /** Agent wall clock at the scan, as read (never corrected). */
  agentWallTime: IsoInstant,
  /** Agent monotonic clock at the scan in ms (performance.now() since boot `bootId`). */
  monotonicMs: z.number().nonnegative(),
  /** Random id of the agent process boot the monotonic time belongs to. */
  bootId: Text(64).min(1),
  clockFlags: z.array(ClockFlag).max(4),
  /** Agent sequence number within its epoch: 1, 2, 3 … without gaps. */
  seq: z.int().positive(),
  ...DocumentFields,
  mrzValid: z.boolean(),
  /** Stable MRZ error codes from `@aspk/shared` mrz validation. */
  mrzErrors: z.array(Text(64)).max(64),
  alerts: z.array(CrossingAlert).max(64),
  /** Watchlist version, head hash and staleness of the index the check ran against (INV-4). */
  watchlistVersion: z.int().nonnegative(),
  watchlistHead: Text(128).nullable(),
  watchlistStale: z.boolean(),
  verdict: Verdict,
  /** The decision when it was taken before the record was queued; later decisions travel as `DecisionRecord`. */
  officerDecision: OfficerDecision.nullable(),
});
export type CrossingRecord = z.infer<typeof CrossingRecord>;

/** An officer's decision taken after its crossing was queued: its own outbox item with its own id and seq. */
export const DecisionRecord = z.strictObject({
  /** Own item id (UUID v7). */
  id: ItemId,
  crossingId: ItemId,
  seq: z.int().positive(),
  ...OfficerDecision.shape,
});
export type DecisionRecord = z.infer<typeof DecisionRecord>;

/** Batch limits (reliability-security.md §1.3): at most 200 items and 256 KiB per POST. */
export const CROSSING_BATCH_MAX_ITEMS = 200;
export const CROSSING_BATCH_MAX_BYTES = 256 * 1024;

/**
 * Batch push `POST /api/v1/agent/crossings` (bearer: checkpoint credential). `agentId` and `checkpointId`
 * are the same enrolled identity and must equal the authenticated one, or the whole batch is rejected.
 * `seq` numbers of crossings and decisions share one sequence per `epoch`.
 */
export const CrossingBatch = z
  .strictObject({
    agentId: CheckpointId,
    /** Random id made with the agent database; a rebuilt database gets a new epoch. */
    epoch: Text(64).min(1),
    crossings: z.array(CrossingRecord).max(CROSSING_BATCH_MAX_ITEMS),
    decisions: z.array(DecisionRecord).max(CROSSING_BATCH_MAX_ITEMS).default([]),
  })
  .refine((b) => b.crossings.length + b.decisions.length <= CROSSING_BATCH_MAX_ITEMS, {
    message: `at most ${CROSSING_BATCH_MAX_ITEMS} items per batch`,
  })
  .refine((b) => b.crossings.every((c) => c.checkpointId === b.agentId), {
    message: 'every crossing.checkpointId must equal agentId',
  });
export type CrossingBatch = z.infer<typeof CrossingBatch>;

/**
 * Central's reply, sent only after the batch's transaction committed (reliability-security.md §1.2).
 * `ackedThroughSeq`: highest seq such that every seq up to it in this epoch is stored, held as a conflict or
 * declared lost; 0 when none. Counts are for this batch: `accepted` newly stored, `duplicates` absorbed
 * (same id, same content), `conflicts` kept aside (same id or seq, other content).
 */
export const CrossingBatchAck = z.strictObject({
  epoch: Text(64),
  ackedThroughSeq: z.int().nonnegative(),
  accepted: z.int().nonnegative(),
  duplicates: z.int().nonnegative(),
  conflicts: z.int().nonnegative(),
});
export type CrossingBatchAck = z.infer<typeof CrossingBatchAck>;
