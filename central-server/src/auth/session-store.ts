import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/open-database.js';
import type { Caller } from './roles.js';
import type { Role } from './roles.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface NewSession {
  /** Cookie value (256-bit random, base64url). */
  cookieSecret: string;
  /** Bearer token for API clients (256-bit random, base64url). */
  token: string;
  idHash: string;
  expiresAtMs: number;
}

/**
 * Server-side sessions (reliability-security.md §4.2). Secrets are stored only as SHA-256 (high entropy needs
 * no slow hash). Each request re-reads user, role and disabled flag, so a role change applies at once.
 * Idle and absolute timeouts are enforced on every lookup.
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly idleMs: number,
    private readonly absoluteMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  create(userId: number): NewSession {
    const cookieSecret = randomBytes(32).toString('base64url');
    const token = randomBytes(32).toString('base64url');
    const idHash = sha256(cookieSecret);
    const t = this.now();
    this.db
      .prepare('INSERT INTO sessions (id_hash, token_hash, user_id, created_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?)')
      .run(idHash, sha256(token), userId, t, t);
    return { cookieSecret, token, idHash, expiresAtMs: t + this.absoluteMs };
  }

  /** The caller for a cookie secret, or null when unknown, expired or the user is disabled. */
  byCookie(secret: string): Caller | null {
    return this.resolve('s.id_hash = ?', sha256(secret));
  }

  byToken(token: string): Caller | null {
    return this.resolve('s.token_hash = ?', sha256(token));
  }

  /** Re-validates a session known by its id hash (used for live sockets). */
  byIdHash(idHash: string): Caller | null {
    return this.resolve('s.id_hash = ?', idHash);
  }

  /** True while the session exists, is within its timeouts and its user is enabled; does not refresh it. */
  isValid(idHash: string): boolean {
    const r = this.db
      .prepare('SELECT s.created_ms, s.last_seen_ms, u.disabled FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?')
      .get(idHash) as { created_ms: number; last_seen_ms: number; disabled: number } | undefined;
    const t = this.now();
    return r !== undefined && r.disabled === 0 && t - r.last_seen_ms <= this.idleMs && t - r.created_ms <= this.absoluteMs;
  }

  destroy(idHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  destroyForUser(userId: number): void {
    this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  private resolve(where: string, key: string): Caller | null {
    const r = this.db
      .prepare(
        `SELECT s.id_hash, s.created_ms, s.last_seen_ms, u.id, u.username, u.role, u.disabled
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE ${where}`,
      )
      .get(key) as
      | { id_hash: string; created_ms: number; last_seen_ms: number; id: number; username: string; role: Role; disabled: number }
      | undefined;
    if (r === undefined) return null;
    const t = this.now();
    if (r.disabled !== 0 || t - r.last_seen_ms > this.idleMs || t - r.created_ms > this.absoluteMs) {
      this.destroy(r.id_hash);
      return null;
    }
    this.db.prepare('UPDATE sessions SET last_seen_ms = ? WHERE id_hash = ?').run(t, r.id_hash);
    return { kind: 'user', userId: r.id, username: r.username, role: r.role, sessionIdHash: r.id_hash };
  }
}
