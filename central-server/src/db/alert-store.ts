import { AspkError } from '@aspk/shared';
import type { Db } from './open-database.js';

/**
 * Alerts for administrators: `crossing-hit` (an agent screened a hit), `retro-hit` (a new entry matches a
 * past crossing: "seen at checkpoint X on date Y"), `sync-conflict`, `sync-gap`, `security`. Messages carry
 * ids, never names or document numbers.
 */
export type AlertKind = 'crossing-hit' | 'retro-hit' | 'sync-conflict' | 'sync-gap' | 'security';

export interface Alert {
  id: number;
  kind: AlertKind;
  createdAt: string;
  checkpointId: string | null;
  crossingId: string | null;
  entryId: string | null;
  message: string;
  details: Record<string, unknown>;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}

export interface NewAlert {
  kind: AlertKind;
  checkpointId?: string | null;
  crossingId?: string | null;
  entryId?: string | null;
  message: string;
  details?: Record<string, unknown>;
}

export class AlertStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  raise(a: NewAlert): Alert {
    const info = this.db
      .prepare('INSERT INTO alerts (kind, created_ms, checkpoint_id, crossing_id, entry_id, message, details) VALUES (?,?,?,?,?,?,?)')
      .run(a.kind, this.now(), a.checkpointId ?? null, a.crossingId ?? null, a.entryId ?? null, a.message, JSON.stringify(a.details ?? {}));
    return this.get(Number(info.lastInsertRowid)) as Alert;
  }

  get(id: number): Alert | null {
    const r = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return r === undefined ? null : toAlert(r);
  }

  /** True when a retro-screening alert for this entry at this checkpoint on this day exists (one per day and post). */
  retroExists(entryId: string, checkpointId: string, day: string): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM alerts WHERE kind = 'retro-hit' AND entry_id = ? AND checkpoint_id = ? AND json_extract(details, '$.day') = ?")
        .get(entryId, checkpointId, day) !== undefined
    );
  }

  list(q: { open?: boolean | undefined; limit: number; offset: number }): { total: number; alerts: Alert[] } {
    const w = q.open === true ? 'WHERE acknowledged_ms IS NULL' : q.open === false ? 'WHERE acknowledged_ms IS NOT NULL' : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM alerts ${w}`).get() as { n: number }).n;
    const rows = this.db.prepare(`SELECT * FROM alerts ${w} ORDER BY id DESC LIMIT ? OFFSET ?`).all(q.limit, q.offset) as Record<string, unknown>[];
    return { total, alerts: rows.map(toAlert) };
  }

  acknowledge(id: number, by: string): Alert {
    const a = this.get(id);
    if (a === null) throw new AspkError('NOT_FOUND', `no alert ${id}`);
    if (a.acknowledgedBy === null) this.db.prepare('UPDATE alerts SET acknowledged_by = ?, acknowledged_ms = ? WHERE id = ?').run(by, this.now(), id);
    return this.get(id) as Alert;
  }
}

function toAlert(r: Record<string, unknown>): Alert {
  const s = (v: unknown) => (v === null ? null : String(v));
  return {
    id: Number(r.id),
    kind: r.kind as AlertKind,
    createdAt: new Date(Number(r.created_ms)).toISOString(),
    checkpointId: s(r.checkpoint_id),
    crossingId: s(r.crossing_id),
    entryId: s(r.entry_id),
    message: String(r.message),
    details: JSON.parse(String(r.details)) as Record<string, unknown>,
    acknowledgedBy: s(r.acknowledged_by),
    acknowledgedAt: r.acknowledged_ms === null ? null : new Date(Number(r.acknowledged_ms)).toISOString(),
  };
}
