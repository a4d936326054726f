import { v7 as uuidv7 } from 'uuid';
import type { NewCrossing } from '../crossing-record.js';

/** A plausible crossing for store tests (not personal data of anyone real). */
export function crossingFixture(overrides: Partial<NewCrossing> = {}): NewCrossing {
  return {
    id: uuidv7(),
    checkpointId: 'kpp-test',
    laneId: '1',
    direction: 'entry',
    source: 'reader',
    wallMs: Date.now(),
    monoMs: performance.now(),
    bootId: 'boot-test',
    verdict: 'clear',
    severity: null,
    requiredAction: null,
    mrzValid: true,
    mrzErrors: [],
    document: {
      documentCode: 'P', issuingState: 'UTO', documentNumber: 'L898902C3', nationality: 'UTO', birthDate: '1974-08-12',
      expiryDate: '2032-04-15', sex: 'F', surname: 'ERIKSSON', givenNames: 'ANNA MARIA',
    },
    alerts: [],
    inspection: { checks: [] },
    watchlistVersion: 3,
    watchlistHead: 'a'.repeat(64),
    watchlistStale: false,
    recordedBy: 'officer1',
    ...overrides,
  };
}
