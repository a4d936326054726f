import { WatchlistIndex, type ScreeningQuery, type WatchlistEntry } from '@aspk/shared';
import type { Logger } from 'pino';
import type { Alert, AlertStore } from '../db/alert-store.js';
import type { Db } from '../db/open-database.js';

const PAGE = 2000;
const DAY_MS = 86_400_000;

interface Row {
  ingest_seq: number;
  id: string;
  checkpoint_id: string;
  agent_wall_time: string;
  day: string;
  surname: string | null;
  given_names: string | null;
  birth_date: string | null;
  nationality: string | null;
  sex: string | null;
  issuing_state: string | null;
  document_number: string | null;
}

/**
 * Retro-screening (issue 6 item 4): entries just put on the list are screened — with the agents' own matcher,
 * `WatchlistIndex` from `@aspk/shared`, built over the new entries only — against the crossings of the last
 * `days` days. Hits become alerts for administrators, "seen at checkpoint X on date Y": one per (entry,
 * checkpoint, day), naming the first crossing found, so a frequent traveller does not flood the page. Runs in pages with yields so the server keeps answering.
 */
export class RetroScreener {
  constructor(
    private readonly db: Db,
    private readonly alerts: AlertStore,
    private readonly days: number,
    private readonly onAlert: (a: Alert) => void,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Screens `entries` against recent crossings; resolves with the number of alerts raised. */
  async screen(entries: readonly WatchlistEntry[]): Promise<number> {
    if (entries.length === 0 || this.days === 0) return 0;
    const t0 = performance.now();
    const index = WatchlistIndex.build(entries);
    const since = this.now() - this.days * DAY_MS;
    const page = this.db.prepare(
      `SELECT ingest_seq, id, checkpoint_id, agent_wall_time, day, surname, given_names, birth_date, nationality, sex, issuing_state, document_number
       FROM crossings WHERE agent_wall_ms >= ? AND ingest_seq > ? ORDER BY ingest_seq LIMIT ?`,
    );
    let after = 0;
    let raised = 0;
    let scanned = 0;
    for (;;) {
      const rows = page.all(since, after, PAGE) as Row[];
      if (rows.length === 0) break;
      for (const r of rows) {
        scanned++;
        after = r.ingest_seq;
        for (const hit of index.screen(queryOf(r))) {
          // One alert per entry, checkpoint and day: "seen at checkpoint X on date Y" (the crossing ids are in the log).
          if (this.alerts.retroExists(hit.entryId, r.checkpoint_id, r.day)) continue;
          const a = this.alerts.raise({
            kind: 'retro-hit',
            checkpointId: r.checkpoint_id,
            crossingId: r.id,
            entryId: hit.entryId,
            message: `new entry ${hit.entryId} (${hit.action}) was seen at checkpoint ${r.checkpoint_id} on ${r.day} (score ${hit.score.toFixed(2)})`,
            details: { day: r.day, score: hit.score, reasonCodes: hit.reasonCodes, action: hit.action, agentWallTime: r.agent_wall_time },
          });
          raised++;
          this.onAlert(a);
        }
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.log.info({ entries: entries.length, scanned, raised, ms: Math.round(performance.now() - t0) }, 'retro-screening done');
    return raised;
  }
}

function queryOf(r: Row): ScreeningQuery {
  const q: ScreeningQuery = { surname: r.surname ?? '', givenNames: r.given_names ?? '' };
  if (r.birth_date !== null && /^\d{4}-\d{2}-\d{2}$/.test(r.birth_date)) q.birthDate = r.birth_date;
  if (r.nationality !== null) q.nationality = r.nationality;
  if (r.sex === 'M' || r.sex === 'F') q.sex = r.sex;
  if (r.issuing_state !== null && r.document_number !== null) {
    q.issuingState = r.issuing_state;
    q.documentNumber = r.document_number;
  }
  return q;
}
