import { AspkError, type WatchlistChange, type WatchlistOp } from '@aspk/shared';
import type { AuditLog } from '../db/audit-log.js';
import type { Db } from '../db/open-database.js';
import type { Actor, WatchlistService } from './watchlist-service.js';

/** A proposed watchlist change as listed to admins and auditors. */
export interface Proposal {
  id: number;
  action: string;
  target: string;
  opsCount: number;
  details: Record<string, unknown>;
  proposer: string;
  createdAt: string;
  status: 'pending' | 'published' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  version: number | null;
  ops?: WatchlistOp[];
}

/**
 * Four-eyes publication (reliability-security.md §1.4, S12), on when `ASPK_CENTRAL_FOUR_EYES=true`: an
 * admin's change is stored as a proposal; it is signed and published only when a second admin approves it.
 * The proposer can neither approve nor reject their own proposal.
 */
export class WatchlistProposals {
  constructor(
    private readonly db: Db,
    private readonly watchlist: WatchlistService,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {}

  propose(ops: WatchlistOp[], actor: Actor, action: string, target: string, details: Record<string, unknown> = {}): Proposal {
    return this.db
      .transaction(() => {
        const info = this.db
          .prepare("INSERT INTO watchlist_proposals (action, target, ops, details, proposer, created_ms, status) VALUES (?,?,?,?,?,?,'pending')")
          .run(action, target, JSON.stringify(ops), JSON.stringify(details), actor.name, this.now());
        const id = Number(info.lastInsertRowid);
        this.audit.appendInTx({ actor: actor.name, role: actor.role, action: `${action}.proposed`, target, details: { proposal: id, ops: ops.length, ...details } });
        return this.get(id, false) as Proposal;
      })
      .immediate();
  }

  list(status?: Proposal['status']): Proposal[] {
    const rows = (status === undefined
      ? this.db.prepare('SELECT * FROM watchlist_proposals ORDER BY id DESC LIMIT 200').all()
      : this.db.prepare('SELECT * FROM watchlist_proposals WHERE status = ? ORDER BY id DESC LIMIT 200').all(status)) as Record<string, unknown>[];
    return rows.map((r) => toProposal(r, false));
  }

  get(id: number, withOps = true): Proposal | null {
    const r = this.db.prepare('SELECT * FROM watchlist_proposals WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return r === undefined ? null : toProposal(r, withOps);
  }

  /** A second admin approves: the ops are signed and published as the next version. */
  approve(id: number, actor: Actor): WatchlistChange {
    const p = this.pending(id, actor);
    // The status update rides in the publishing transaction (a nested savepoint), so a crash cannot leave a
    // published version with a proposal still pending.
    return this.db
      .transaction(() => {
        const change = this.watchlist.publish(p.ops ?? [], actor, p.action, p.target, { ...p.details, proposal: id, proposer: p.proposer });
        this.db
          .prepare("UPDATE watchlist_proposals SET status = 'published', decided_by = ?, decided_ms = ?, version = ? WHERE id = ? AND status = 'pending'")
          .run(actor.name, this.now(), change.header.version, id);
        return change;
      })
      .immediate();
  }

  reject(id: number, actor: Actor): Proposal {
    this.pending(id, actor);
    this.db.transaction(() => {
      this.db.prepare("UPDATE watchlist_proposals SET status = 'rejected', decided_by = ?, decided_ms = ? WHERE id = ?").run(actor.name, this.now(), id);
      this.audit.appendInTx({ actor: actor.name, role: actor.role, action: 'watchlist.proposal.rejected', target: String(id) });
    }).immediate();
    return this.get(id, false) as Proposal;
  }

  private pending(id: number, actor: Actor): Proposal {
    const p = this.get(id);
    if (p === null) throw new AspkError('NOT_FOUND', `no proposal ${id}`);
    if (p.status !== 'pending') throw new AspkError('CONFLICT', `proposal ${id} is already ${p.status}`);
    if (p.proposer === actor.name) {
      this.audit.append({ actor: actor.name, role: actor.role, action: 'security.self-approval-refused', target: String(id) });
      throw new AspkError('FORBIDDEN', 'a second administrator must decide on this proposal');
    }
    return p;
  }
}

function toProposal(r: Record<string, unknown>, withOps: boolean): Proposal {
  const ops = JSON.parse(String(r.ops)) as WatchlistOp[];
  const p: Proposal = {
    id: Number(r.id),
    action: String(r.action),
    target: String(r.target),
    opsCount: ops.length,
    details: JSON.parse(String(r.details)) as Record<string, unknown>,
    proposer: String(r.proposer),
    createdAt: new Date(Number(r.created_ms)).toISOString(),
    status: r.status as Proposal['status'],
    decidedBy: r.decided_by === null ? null : String(r.decided_by),
    decidedAt: r.decided_ms === null ? null : new Date(Number(r.decided_ms)).toISOString(),
    version: r.version === null ? null : Number(r.version),
  };
  if (withOps) p.ops = ops;
  return p;
}
