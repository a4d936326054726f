import { z } from 'zod';
import { Decision, Direction } from '@aspk/shared';

/** zod schemas of every console body and socket.io payload, parsed once at the edge. */
export const LoginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

export const DecisionBody = z.strictObject({
  decision: Decision,
  note: z.string().trim().max(2000).transform((s) => (s === '' ? null : s)).nullable().default(null),
});

export const DirectionBody = z.strictObject({ direction: Direction });

/** Manual MRZ entry when a reader fails: the lines as typed (2–3 lines, at most 3 × 44 characters plus breaks). */
export const ManualMrzBody = z.strictObject({ mrz: z.string().min(1).max(200) });

export const CrossingIdParam = z.uuid();
export const LaneIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
export const LimitQuery = z.coerce.number().int().min(1).max(500).default(50);

export const DecisionEvent = z.strictObject({ crossingId: CrossingIdParam, ...DecisionBody.shape });
export const DirectionEvent = z.strictObject({ laneId: LaneIdParam, ...DirectionBody.shape });
export const ManualMrzEvent = z.strictObject({ laneId: LaneIdParam, ...ManualMrzBody.shape });
export const RetryEvent = z.strictObject({ crossingId: CrossingIdParam });
export const ListEvent = z.strictObject({ limit: LimitQuery });
export const EmptyEvent = z.strictObject({}).default({});
