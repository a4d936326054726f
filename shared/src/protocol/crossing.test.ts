import { describe, expect, it } from 'vitest';
import { CrossingBatch, CrossingRecord } from './crossing.js';

export const sampleCrossing = (over: Partial<CrossingRecord> = {}): CrossingRecord => ({
  id: '019abc00-0000-7000-8000-000000000001',
  checkpointId: 'kpp-1',
  lane: '1',
  direction: 'entry',
  agentWallTime: '2026-11-27T10:00:00.000Z',
  monotonicMs: 1234.5,
  bootId: 'boot-1',
  clockFlags: [],
  seq: 1,
  documentCode: 'P',
  issuingState: 'KGZ',
  documentNumber: 'AC1234567',
  nationality: 'KGZ',
  birthDate: '1990-01-31',
  expiryDate: '2030-01-01',
  sex: 'M',
  surname: 'ZHAPAROV',
  givenNames: 'BAKYT',
  mrzValid: true,
  mrzErrors: [],
  alerts: [{ entryId: 'p-1', score: 0.93, reasons: ['surname ZHAPAROV ~ JAPAROV'], kind: 'person', action: 'refer' }],
  watchlistVersion: 3,
  watchlistHead: null,
  watchlistStale: false,
  verdict: 'refer',
  officerDecision: null,
  ...over,
});

describe('CrossingRecord', () => {
  it('accepts a complete record and an unreadable one with null document fields', () => {
    expect(CrossingRecord.safeParse(sampleCrossing()).success).toBe(true);
    const unreadable = sampleCrossing({ documentNumber: null, surname: null, givenNames: null, birthDate: null, sex: null, mrzValid: false, mrzErrors: ['check-digit'] });
    expect(CrossingRecord.safeParse(unreadable).success).toBe(true);
  });
  it('rejects unknown fields, non-v7 ids and bad directions', () => {
    expect(CrossingRecord.safeParse({ ...sampleCrossing(), extra: 1 }).success).toBe(false);
    expect(CrossingRecord.safeParse(sampleCrossing({ id: '8e2b7f0e-2c1a-4c1e-9a7e-0d1f2a3b4c5d' })).success).toBe(false);
    expect(CrossingRecord.safeParse({ ...sampleCrossing(), direction: 'sideways' }).success).toBe(false);
  });
});

describe('CrossingBatch', () => {
  it('requires every crossing to belong to the batch agent and caps the item count', () => {
    expect(CrossingBatch.safeParse({ agentId: 'kpp-1', epoch: 'e1', crossings: [sampleCrossing()] }).success).toBe(true);
    expect(CrossingBatch.safeParse({ agentId: 'kpp-2', epoch: 'e1', crossings: [sampleCrossing()] }).success).toBe(false);
    const many = Array.from({ length: 201 }, (_, i) => sampleCrossing({ seq: i + 1 }));
    expect(CrossingBatch.safeParse({ agentId: 'kpp-1', epoch: 'e1', crossings: many }).success).toBe(false);
  });
});
