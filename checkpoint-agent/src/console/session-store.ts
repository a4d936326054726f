import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { OfficerRole } from '../store/officer-store.js';

export interface Session {
  id: string;
  username: string;
  role: OfficerRole;
  createdMs: number;
  lastSeenMs: number;
}

/**
 * Server-side officer sessions. Kept in memory on purpose: a booth's console must keep working when
 * the disk is full (the case where an officer most needs to see *not recorded*), and a restart of the
 * agent simply asks officers to log in again. Ids are 256-bit random; idle and absolute expiry per
 * reliability-security.md §4.2.
 */
export class SessionStore extends EventEmitter<{ ended: [sessionId: string] }> {
  readonly #sessions = new Map<string, Session>();
  readonly #idleMs: number;
  readonly #absoluteMs: number;
  readonly #now: () => number;

  constructor(opts: { idleMs: number; absoluteMs: number; now?: () => number }) {
    super();
    this.#idleMs = opts.idleMs;
    this.#absoluteMs = opts.absoluteMs;
    this.#now = opts.now ?? Date.now;
  }

  /** A new session with a fresh id (the id is rotated at every login). */
  create(username: string, role: OfficerRole): Session {
    const now = this.#now();
    const s: Session = { id: randomBytes(32).toString('base64url'), username, role, createdMs: now, lastSeenMs: now };
    this.#sessions.set(s.id, s);
    return s;
  }

  /** The live session for an id, touching its idle timer; undefined when unknown or expired. */
  touch(id: string | undefined): Session | undefined {
    const s = id === undefined ? undefined : this.touchWithoutActivity(id);
    if (s !== undefined) s.lastSeenMs = this.#now();
    return s;
  }

  /** Ends a session; listeners of `ended` (the socket layer) disconnect its live sockets. */
  destroy(id: string): void {
    if (this.#sessions.delete(id)) this.emit('ended', id);
  }

  /** Ends every expired session (run periodically, so an idle console is logged out on its own). */
  sweep(): void {
    for (const id of [...this.#sessions.keys()]) this.touchWithoutActivity(id);
  }

  /** Like `touch` but does not count as activity. */
  touchWithoutActivity(id: string): Session | undefined {
    const s = this.#sessions.get(id);
    if (s === undefined) return undefined;
    const now = this.#now();
    if (now - s.lastSeenMs > this.#idleMs || now - s.createdMs > this.#absoluteMs) {
      this.destroy(id);
      return undefined;
    }
    return s;
  }

  /** Drops every session of a user (account disabled). */
  destroyUser(username: string): void {
    for (const [id, s] of [...this.#sessions]) if (s.username === username) this.destroy(id);
  }
}
