import { z } from 'zod';
import { nameSearchCondition, normalizeDocumentNumber } from '../watchlist/search-text.js';
import type { Db } from './open-database.js';

/** Filters of `GET /api/v1/crossings` (and the CSV export), parsed from the query string. */
export const CrossingFilter = z.strictObject({
  documentNumber: z.string().min(1).max(30).optional(),
  /** Name in any spelling; folded like the matcher folds names, matched as a substring. */
  name: z.string().min(1).max(200).optional(),
  nationality: z.string().regex(/^[A-Z<]{1,3}$/).optional(),
  checkpointId: z.string().min(1).max(64).optional(),
  direction: z.enum(['entry', 'exit']).optional(),
  decision: z.enum(['admit', 'refer', 'refuse', 'none']).optional(),
  verdict: z.enum(['clear', 'alert', 'refer', 'deny']).optional(),
  alert: z.enum(['true', 'false']).optional(),
  /** Agent wall time from (inclusive), ISO date or date-time. */
  from: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  /** Agent wall time to (exclusive; a date means the end of that day). */
  to: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
});
export type CrossingFilter = z.infer<typeof CrossingFilter>;

/** A crossing as auditors see it. */
export interface CrossingView {
  id: string;
  ingestSeq: number;
  agentId: string;
  epoch: string;
  seq: number;
  checkpointId: string;
  lane: string;
  direction: string;
  agentWallTime: string;
  monotonicMs: number;
  bootId: string;
  clockFlags: string[];
  receivedAt: string;
  documentCode: string | null;
  issuingState: string | null;
  documentNumber: string | null;
  nationality: string | null;
  birthDate: string | null;
  expiryDate: string | null;
  sex: string | null;
  surname: string | null;
  givenNames: string | null;
  mrzValid: boolean;
  mrzErrors: string[];
  alerts: unknown[];
  watchlistVersion: number;
  watchlistHead: string | null;
  watchlistStale: boolean;
  verdict: string;
  decision: string | null;
  officer: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
}

type Row = Record<string, unknown>;
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function toCrossingView(r: Row): CrossingView {
  return {
    id: String(r.id),
    ingestSeq: Number(r.ingest_seq),
    agentId: String(r.agent_id),
    epoch: String(r.epoch),
    seq: Number(r.seq),
    checkpointId: String(r.checkpoint_id),
    lane: String(r.lane),
    direction: String(r.direction),
    agentWallTime: String(r.agent_wall_time),
    monotonicMs: Number(r.monotonic_ms),
    bootId: String(r.boot_id),
    clockFlags: JSON.parse(String(r.clock_flags)) as string[],
    receivedAt: new Date(Number(r.received_ms)).toISOString(),
    documentCode: s(r.document_code),
    issuingState: s(r.issuing_state),
    documentNumber: s(r.document_number),
    nationality: s(r.nationality),
    birthDate: s(r.birth_date),
    expiryDate: s(r.expiry_date),
    sex: s(r.sex),
    surname: s(r.surname),
    givenNames: s(r.given_names),
    mrzValid: r.mrz_valid === 1,
    mrzErrors: JSON.parse(String(r.mrz_errors)) as string[],
    alerts: JSON.parse(String(r.alerts)) as unknown[],
    watchlistVersion: Number(r.watchlist_version),
    watchlistHead: s(r.watchlist_head),
    watchlistStale: r.watchlist_stale === 1,
    verdict: String(r.verdict),
    decision: s(r.decision),
    officer: s(r.officer),
    decisionNote: s(r.decision_note),
    decidedAt: s(r.decided_at),
  };
}

const DAY_MS = 86_400_000;
function boundMs(v: string, end: boolean): number {
  const ms = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  return end && v.length === 10 ? ms + DAY_MS : ms;
}

export interface StatsCell {
  key: string;
  /** null when suppressed (1 ≤ count < minimum). */
  count: number | null;
  suppressed: boolean;
}

/** Read side of crossings: search, detail, export and statistics. */
export class CrossingQuery {
  constructor(private readonly db: Db) {}

  private where(f: CrossingFilter): { sql: string; args: unknown[] } {
    const w: string[] = [];
    const a: unknown[] = [];
    if (f.documentNumber !== undefined) (w.push('document_number_norm = ?'), a.push(normalizeDocumentNumber(f.documentNumber)));
    if (f.name !== undefined) {
      const c = nameSearchCondition('name_folded', f.name);
      if (c !== null) (w.push(c.sql), a.push(...c.args));
    }
    if (f.nationality !== undefined) (w.push('nationality = ?'), a.push(f.nationality));
    if (f.checkpointId !== undefined) (w.push('checkpoint_id = ?'), a.push(f.checkpointId));
    if (f.direction !== undefined) (w.push('direction = ?'), a.push(f.direction));
    if (f.decision === 'none') w.push('decision IS NULL');
    else if (f.decision !== undefined) (w.push('decision = ?'), a.push(f.decision));
    if (f.verdict !== undefined) (w.push('verdict = ?'), a.push(f.verdict));
    if (f.alert !== undefined) w.push(f.alert === 'true' ? 'alert_count > 0' : 'alert_count = 0');
    if (f.from !== undefined) (w.push('agent_wall_ms >= ?'), a.push(boundMs(f.from, false)));
    if (f.to !== undefined) (w.push('agent_wall_ms < ?'), a.push(boundMs(f.to, true)));
    return { sql: w.length > 0 ? `WHERE ${w.join(' AND ')}` : '', args: a };
  }

  search(f: CrossingFilter, limit: number, offset: number): { total: number; crossings: CrossingView[] } {
    const { sql, args } = this.where(f);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM crossings ${sql}`).get(...args) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM crossings ${sql} ORDER BY agent_wall_ms DESC, ingest_seq DESC LIMIT ? OFFSET ?`)
      .all(...args, limit, offset) as Row[];
    return { total, crossings: rows.map(toCrossingView) };
  }

  /**
   * Pages of rows for a streamed export, in agent-time order, by keyset (`agent_wall_ms`, `ingest_seq`).
   * Each page is read completely before it is returned: better-sqlite3 allows no other statement on the
   * connection while a cursor is open, and the export awaits the network between pages.
   */
  *pages(f: CrossingFilter, pageSize = 1000): Generator<CrossingView[]> {
    const { sql, args } = this.where(f);
    const cont = `${sql === '' ? 'WHERE' : `${sql} AND`} (agent_wall_ms > ? OR (agent_wall_ms = ? AND ingest_seq > ?))`;
    const stmt = this.db.prepare(`SELECT * FROM crossings ${cont} ORDER BY agent_wall_ms, ingest_seq LIMIT ?`);
    let ms = Number.MIN_SAFE_INTEGER;
    let seq = 0;
    for (;;) {
      const rows = stmt.all(...args, ms, ms, seq, pageSize) as Row[];
      if (rows.length === 0) return;
      const last = rows[rows.length - 1] as Row;
      ms = Number(last.agent_wall_ms);
      seq = Number(last.ingest_seq);
      yield rows.map(toCrossingView);
      if (rows.length < pageSize) return;
    }
  }

  get(id: string): (CrossingView & { decisions: unknown[] }) | null {
    const r = this.db.prepare('SELECT * FROM crossings WHERE id = ?').get(id) as Row | undefined;
    if (r === undefined) return null;
    const decisions = this.db
      .prepare('SELECT id, decision, officer, note, decided_at AS decidedAt, received_ms AS receivedMs FROM decisions WHERE crossing_id = ? ORDER BY decided_at')
      .all(id);
    return { ...toCrossingView(r), decisions };
  }

  /**
   * Counts grouped by day, checkpoint, direction or nationality, within the filter. Cells with
   * 1 ≤ count < `minCount` are suppressed (count null) so small groups cannot single out travellers.
   */
  stats(by: 'day' | 'checkpoint' | 'direction' | 'nationality', f: CrossingFilter, minCount: number): StatsCell[] {
    const col = { day: 'day', checkpoint: 'checkpoint_id', direction: 'direction', nationality: "coalesce(nationality, '?')" }[by];
    const { sql, args } = this.where(f);
    const rows = this.db.prepare(`SELECT ${col} AS k, count(*) AS n FROM crossings ${sql} GROUP BY k ORDER BY k`).all(...args) as { k: string; n: number }[];
    return rows.map((r) => (r.n < minCount ? { key: r.k, count: null, suppressed: true } : { key: r.k, count: r.n, suppressed: false }));
  }
}
