import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AspkError, CheckpointId } from '@aspk/shared';
import type { Db } from '../db/open-database.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** A checkpoint with the health its agent last reported. */
export interface Checkpoint {
  id: string;
  name: string;
  status: 'active' | 'revoked';
  createdMs: number;
  connected: boolean;
  lastSeenMs: number | null;
  lastBatchMs: number | null;
  lastSyncAt: string | null;
  queued: number | null;
  watchlistVersion: number | null;
  watchlistStale: boolean | null;
  lanes: Record<string, string>;
  clockOffsetMs: number | null;
}

/** Health fields an agent may update. */
export interface CheckpointHealth {
  connected?: boolean;
  lastSeenMs?: number;
  lastBatchMs?: number;
  lastSyncAt?: string | null;
  queued?: number;
  watchlistVersion?: number;
  watchlistStale?: boolean;
  lanes?: Record<string, string>;
  clockOffsetMs?: number;
}

const COLUMNS: Record<keyof CheckpointHealth, string> = {
  connected: 'connected',
  lastSeenMs: 'last_seen_ms',
  lastBatchMs: 'last_batch_ms',
  lastSyncAt: 'last_sync_at',
  queued: 'queued',
  watchlistVersion: 'watchlist_version',
  watchlistStale: 'watchlist_stale',
  lanes: 'lanes',
  clockOffsetMs: 'clock_offset_ms',
};

/**
 * Checkpoints (one agent identity each) and their credentials (reliability-security.md §4.1, token option):
 * a credential is `<checkpointId>.<256-bit random secret>`, shown once, stored as SHA-256 and compared with
 * `timingSafeEqual`. Rotation keeps the old credential valid for an overlap window; revocation deletes all.
 */
export class CheckpointStore {
  constructor(
    private readonly db: Db,
    private readonly overlapMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Enrols a checkpoint; returns its first credential (shown once). */
  add(id: string, name: string): { checkpoint: Checkpoint; credential: string } {
    const parsed = CheckpointId.safeParse(id);
    if (!parsed.success) throw new AspkError('INPUT_INVALID', 'checkpoint id: lower-case letters, digits, . _ - (max 64)');
    return this.db
      .transaction(() => {
        if (this.get(id) !== null) throw new AspkError('CONFLICT', `checkpoint ${id} exists`);
        this.db.prepare("INSERT INTO checkpoints (id, name, status, created_ms) VALUES (?, ?, 'active', ?)").run(id, name, this.now());
        return { checkpoint: this.get(id) as Checkpoint, credential: this.issue(id) };
      })
      .immediate();
  }

  /** New credential; existing ones expire after the overlap window. */
  rotate(id: string): string {
    return this.db
      .transaction(() => {
        const cp = this.require(id);
        if (cp.status !== 'active') throw new AspkError('CONFLICT', `checkpoint ${id} is revoked`);
        this.db
          .prepare('UPDATE checkpoint_credentials SET expires_ms = ? WHERE checkpoint_id = ? AND (expires_ms IS NULL OR expires_ms > ?)')
          .run(this.now() + this.overlapMs, id, this.now() + this.overlapMs);
        return this.issue(id);
      })
      .immediate();
  }

  /** Revokes a checkpoint: every credential deleted; its live sockets are dropped by the caller. */
  revoke(id: string): void {
    this.db
      .transaction(() => {
        this.require(id);
        this.db.prepare("UPDATE checkpoints SET status = 'revoked', connected = 0 WHERE id = ?").run(id);
        this.db.prepare('DELETE FROM checkpoint_credentials WHERE checkpoint_id = ?').run(id);
      })
      .immediate();
  }

  /** The checkpoint id a credential belongs to, or null (unknown, expired, revoked, malformed). */
  authenticate(credential: string): string | null {
    const dot = credential.lastIndexOf('.');
    if (dot <= 0 || credential.length > 200) return null;
    const id = credential.slice(0, dot);
    const secretHash = sha256(credential.slice(dot + 1));
    const rows = this.db
      .prepare(
        `SELECT c.secret_hash FROM checkpoint_credentials c JOIN checkpoints p ON p.id = c.checkpoint_id
         WHERE c.checkpoint_id = ? AND p.status = 'active' AND (c.expires_ms IS NULL OR c.expires_ms > ?)`,
      )
      .all(id, this.now()) as { secret_hash: string }[];
    let ok = false;
    for (const r of rows) if (timingSafeEqual(Buffer.from(r.secret_hash, 'hex'), secretHash)) ok = true;
    return ok ? id : null;
  }

  /** Marks every checkpoint disconnected (at start: sockets of a previous process are gone). */
  resetConnections(): void {
    this.db.prepare('UPDATE checkpoints SET connected = 0 WHERE connected = 1').run();
  }

  /** True while the checkpoint exists and is active (checked for live sockets). */
  isActive(id: string): boolean {
    return this.get(id)?.status === 'active';
  }

  get(id: string): Checkpoint | null {
    const r = this.db.prepare('SELECT * FROM checkpoints WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return r === undefined ? null : toCheckpoint(r);
  }

  list(): Checkpoint[] {
    return (this.db.prepare('SELECT * FROM checkpoints ORDER BY id').all() as Record<string, unknown>[]).map(toCheckpoint);
  }

  updateHealth(id: string, h: CheckpointHealth): void {
    const sets: string[] = [];
    const args: unknown[] = [];
    for (const [k, v] of Object.entries(h) as [keyof CheckpointHealth, unknown][]) {
      if (v === undefined) continue;
      sets.push(`${COLUMNS[k]} = ?`);
      args.push(typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'object' && v !== null ? JSON.stringify(v) : v);
    }
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE checkpoints SET ${sets.join(', ')} WHERE id = ?`).run(...args, id);
  }

  private require(id: string): Checkpoint {
    const cp = this.get(id);
    if (cp === null) throw new AspkError('NOT_FOUND', `no checkpoint ${id}`);
    return cp;
  }

  private issue(id: string): string {
    const secret = randomBytes(32).toString('base64url');
    this.db
      .prepare('INSERT INTO checkpoint_credentials (secret_hash, checkpoint_id, created_ms) VALUES (?, ?, ?)')
      .run(sha256(secret).toString('hex'), id, this.now());
    return `${id}.${secret}`;
  }
}

function toCheckpoint(r: Record<string, unknown>): Checkpoint {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(r.id),
    name: String(r.name),
    status: r.status === 'revoked' ? 'revoked' : 'active',
    createdMs: Number(r.created_ms),
    connected: r.connected === 1,
    lastSeenMs: n(r.last_seen_ms),
    lastBatchMs: n(r.last_batch_ms),
    lastSyncAt: r.last_sync_at === null ? null : String(r.last_sync_at),
    queued: n(r.queued),
    watchlistVersion: n(r.watchlist_version),
    watchlistStale: r.watchlist_stale === null ? null : r.watchlist_stale === 1,
    lanes: typeof r.lanes === 'string' ? (JSON.parse(r.lanes) as Record<string, string>) : {},
    clockOffsetMs: n(r.clock_offset_ms),
  };
}
