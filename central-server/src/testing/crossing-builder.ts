import { v7 as uuidv7 } from 'uuid';
import type { CrossingRecord } from '@aspk/shared';

/** UUID v7 ids for test data (the `uuid` package, as the agent uses). */
export { uuidv7 };

/** A valid crossing record for checkpoint `kpp-1` with overridable fields. */
export function crossing(seq: number, over: Partial<CrossingRecord> = {}): CrossingRecord {
  return {
    id: uuidv7(),
    checkpointId: 'kpp-1',
    lane: '1',
    direction: 'entry',
    agentWallTime: new Date().toISOString(),
    monotonicMs: 1000 + seq,
    bootId: 'boot-a',
    clockFlags: [],
    seq,
    documentCode: 'P',
    issuingState: 'KGZ',
    documentNumber: `AC${String(1000000 + seq)}`,
    nationality: 'KGZ',
    birthDate: '1985-03-14',
    expiryDate: '2031-01-01',
    sex: 'M',
    surname: 'ASANOV',
    givenNames: 'BAKYT',
    mrzValid: true,
    mrzErrors: [],
    alerts: [],
    watchlistVersion: 0,
    watchlistHead: null,
    watchlistStale: false,
    verdict: 'clear',
    officerDecision: null,
    ...over,
  };
}
