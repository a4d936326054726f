import { AspkError } from '@aspk/shared';
import type { Db } from '../db/open-database.js';
import type { Role } from './roles.js';

export interface User {
  id: number;
  username: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  createdMs: number;
}

interface UserRow {
  id: number;
  username: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_ms: number;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  role: r.role,
  passwordHash: r.password_hash,
  disabled: r.disabled !== 0,
  createdMs: r.created_ms,
});

/** Users of central (admins, auditors) and officers whose hashes are synced to agents. */
export class UserStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates a user; `CONFLICT` when the name is taken (case-insensitive). */
  add(username: string, role: Role, passwordHash: string): User {
    try {
      const info = this.db
        .prepare('INSERT INTO users (username, role, password_hash, created_ms) VALUES (?, ?, ?, ?)')
        .run(username, role, passwordHash, this.now());
      return this.byId(Number(info.lastInsertRowid)) as User;
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new AspkError('CONFLICT', `user ${username} exists`);
      throw e;
    }
  }

  byId(id: number): User | null {
    const r = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return r === undefined ? null : toUser(r);
  }

  byUsername(username: string): User | null {
    const r = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return r === undefined ? null : toUser(r);
  }

  list(role?: Role): User[] {
    const rows = (role === undefined
      ? this.db.prepare('SELECT * FROM users ORDER BY username').all()
      : this.db.prepare('SELECT * FROM users WHERE role = ? ORDER BY username').all(role)) as UserRow[];
    return rows.map(toUser);
  }

  update(id: number, patch: { role?: Role; disabled?: boolean; passwordHash?: string }): User {
    const u = this.byId(id);
    if (u === null) throw new AspkError('NOT_FOUND', `no user ${id}`);
    this.db
      .prepare('UPDATE users SET role = ?, disabled = ?, password_hash = ? WHERE id = ?')
      .run(patch.role ?? u.role, (patch.disabled ?? u.disabled) ? 1 : 0, patch.passwordHash ?? u.passwordHash, id);
    return this.byId(id) as User;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }
}
