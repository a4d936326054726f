import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { AGENT_MIGRATIONS, CrossingStore, openDatabase, syntheticCrossing } from './agent-internals.js';

/**
 * Queues `n` crossings in an agent's `agent.db` with the agent's own store (same rows, outbox items and
 * seqs as the console path), as a post would hold after an outage. `synchronous=OFF` on this one
 * connection only to prepare large queues fast; the agent reopens the file with its FULL setting.
 * Returns the crossing ids.
 */
export function fillOutbox(dataDir: string, checkpointId: string, n: number): string[] {
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'agent.db'), AGENT_MIGRATIONS);
  try {
    db.pragma('synchronous = OFF');
    const store = new CrossingStore(db, { agentId: checkpointId });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const c = syntheticCrossing(checkpointId);
      store.record(c);
      ids.push(c.id);
    }
    return ids;
  } finally {
    db.close();
  }
}
