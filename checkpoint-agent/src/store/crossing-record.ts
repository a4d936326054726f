import type { ClockFlag, CrossingRecord, DecisionRecord, Direction, Verdict, Decision } from '@aspk/shared';

/** The protocol's screening hit as sent to central (named through `CrossingRecord`, unambiguous). */
export type CrossingHit = CrossingRecord['alerts'][number];

/** Document fields of a crossing, as in `CrossingRecord` (all nullable: a partly readable MRZ is still a crossing). */
export interface CrossingDocument {
  documentCode: string | null;
  issuingState: string | null;
  documentNumber: string | null;
  nationality: string | null;
  birthDate: string | null;
  expiryDate: string | null;
  sex: 'M' | 'F' | 'X' | null;
  surname: string | null;
  givenNames: string | null;
}

/** A crossing as handed to the store; `id` is a UUID v7 made before the first write attempt. */
export interface NewCrossing {
  id: string;
  checkpointId: string;
  laneId: string;
  direction: Direction;
  source: 'reader' | 'manual';
  /** Agent wall time, UTC ms, as read (never corrected). */
  wallMs: number;
  /** Monotonic ms (`performance.now()`) within `bootId`. */
  monoMs: number;
  bootId: string;
  verdict: Verdict;
  severity: string | null;
  requiredAction: string | null;
  mrzValid: boolean;
  mrzErrors: string[];
  /** Document fields (personal data: stored, sent to central, never logged). */
  document: CrossingDocument | null;
  alerts: CrossingHit[];
  /** Local detail for the console: checks, MRZ lines and error ranges, timings. Not sent to central. */
  inspection: Record<string, unknown>;
  watchlistVersion: number;
  watchlistHead: string | null;
  watchlistStale: boolean;
  /** Officer logged in on the lane, if any. */
  recordedBy: string | null;
}

export interface NewDecision {
  /** UUID v7 made before the first write attempt. */
  id: string;
  crossingId: string;
  officer: string;
  decision: Decision;
  note: string | null;
  wallMs: number;
}

const EMPTY_DOCUMENT: CrossingDocument = {
  documentCode: null, issuingState: null, documentNumber: null, nationality: null, birthDate: null,
  expiryDate: null, sex: null, surname: null, givenNames: null,
};

/** The outbox body of a crossing: exactly the protocol's `CrossingRecord`. */
export function toCrossingRecord(c: NewCrossing, seq: number, clockFlags: ClockFlag[]): CrossingRecord {
  return {
    id: c.id,
    checkpointId: c.checkpointId,
    lane: c.laneId,
    direction: c.direction,
    agentWallTime: new Date(c.wallMs).toISOString(),
    monotonicMs: c.monoMs,
    bootId: c.bootId,
    clockFlags,
    seq,
    ...(c.document ?? EMPTY_DOCUMENT),
    mrzValid: c.mrzValid,
    mrzErrors: c.mrzErrors,
    alerts: c.alerts,
    watchlistVersion: c.watchlistVersion,
    watchlistHead: c.watchlistHead,
    watchlistStale: c.watchlistStale,
    verdict: c.verdict,
    officerDecision: null,
  };
}

/** The outbox body of a later decision: the protocol's `DecisionRecord`. */
export function toDecisionRecord(d: NewDecision, seq: number): DecisionRecord {
  return { id: d.id, crossingId: d.crossingId, seq, decision: d.decision, officer: d.officer, note: d.note, decidedAt: new Date(d.wallMs).toISOString() };
}
