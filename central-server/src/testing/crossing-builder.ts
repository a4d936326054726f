import { randomBytes } from 'node:crypto';
import type { CrossingRecord } from '@aspk/shared';

/** A UUID v7 (RFC 9562 §5.7) for test data: 48-bit ms timestamp, version and variant bits, random rest. */
export function uuidv7(ms = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

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
