/**
 * The agent parts the reliability suite and the sync benchmark drive in-process, from the agent's public
 * surface, plus a crossing factory for queuing synthetic backlogs.
 */
import { v7 as uuidv7 } from 'uuid';
import type { NewCrossing } from '@aspk/checkpoint-agent';

export { CentralClient, WatchlistFollower, SyncSettings, OutboxPusher, ClockMonitor, SYSTEM_CLOCK, openDatabase, AGENT_MIGRATIONS, CrossingStore, WATCHLIST_CACHE_MIGRATIONS, WatchlistCache } from '@aspk/checkpoint-agent';

/** A plausible synthetic crossing (no real person's data). */
export function syntheticCrossing(checkpointId: string, laneId = 'lane-1'): NewCrossing {
  return {
    id: uuidv7(), checkpointId, laneId, direction: 'entry', source: 'reader', wallMs: Date.now(), monoMs: performance.now(), bootId: 'backlog',
    verdict: 'clear', severity: null, requiredAction: null, mrzValid: true, mrzErrors: [],
    document: { documentCode: 'P', issuingState: 'UTO', documentNumber: 'L898902C3', nationality: 'UTO', birthDate: '1974-08-12', expiryDate: '2032-04-15', sex: 'F', surname: 'ERIKSSON', givenNames: 'ANNA MARIA' },
    alerts: [], inspection: { checks: [] }, watchlistVersion: 0, watchlistHead: null, watchlistStale: false, recordedBy: null,
  };
}
