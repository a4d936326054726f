import { AspkError } from '@aspk/shared';
import type { SqliteDatabase } from './open-database.js';
import { hashCostLog2, hashPassword, verifyPassword } from './password-hash.js';
import { toStoreError } from './sqlite-error.js';

export type OfficerRole = 'officer' | 'supervisor';

export interface Officer {
  username: string;
  displayName: string;
  role: OfficerRole;
  source: 'local' | 'central';
  disabled: boolean;
}

interface OfficerDbRow {
  username: string; display_name: string; role: OfficerRole; password_hash: string; source: 'local' | 'central'; disabled: number;
}

const toOfficer = (r: OfficerDbRow): Officer => ({ username: r.username, displayName: r.display_name, role: r.role, source: r.source, disabled: r.disabled === 1 });

/**
 * Officer accounts held by the agent so that login works offline (reliability-security.md §4.1):
 * accounts synced from central, or made locally with `aspk-agent officer add` at a post never online.
 */
export class OfficerStore {
  readonly #db: SqliteDatabase;
  readonly #costLog2: number;
  readonly #now: () => number;
  #dummyHash: Promise<string> | undefined;

  constructor(db: SqliteDatabase, opts: { costLog2?: number; now?: () => number } = {}) {
    this.#db = db;
    this.#costLog2 = opts.costLog2 ?? 17;
    this.#now = opts.now ?? Date.now;
  }

  #row(username: string): OfficerDbRow | undefined {
    return this.#db.prepare<[string], OfficerDbRow>('SELECT * FROM officer WHERE username = ?').get(username);
  }

  /** The account, read fresh on every request so that a disable or role change applies at once. */
  get(username: string): Officer | undefined {
    const r = this.#row(username);
    return r === undefined ? undefined : toOfficer(r);
  }

  list(): Officer[] {
    return this.#db.prepare<[], OfficerDbRow>('SELECT * FROM officer ORDER BY username').all().map(toOfficer);
  }

  /** Creates a local account; `CONFLICT` when the user name is taken. */
  async add(input: { username: string; password: string; role?: OfficerRole; displayName?: string; source?: 'local' | 'central' }): Promise<Officer> {
    const hash = await hashPassword(input.password, this.#costLog2);
    const now = this.#now();
    try {
      this.#db.prepare(`INSERT INTO officer (username, display_name, role, password_hash, source, disabled, created_ms, updated_ms)
        VALUES (?, ?, ?, ?, ?, 0, ?, ?)`).run(input.username, input.displayName ?? input.username, input.role ?? 'officer', hash, input.source ?? 'local', now, now);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new AspkError('CONFLICT', `officer '${input.username}' already exists`);
      throw toStoreError(e, 'officer not added');
    }
    return this.get(input.username)!;
  }

  /**
   * Applies an account as synced from central (its scrypt hash, role and status). Central is the source
   * of truth for central accounts: a revocation (`disabled`) takes effect at the next request. A local
   * account of the same name is replaced, since central now manages it.
   */
  upsertFromCentral(a: { username: string; displayName: string; role: OfficerRole; passwordHash: string; disabled: boolean }): void {
    const now = this.#now();
    try {
      this.#db.prepare(`INSERT INTO officer (username, display_name, role, password_hash, source, disabled, created_ms, updated_ms)
        VALUES (@username, @displayName, @role, @passwordHash, 'central', @disabled, @now, @now)
        ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, role = excluded.role, password_hash = excluded.password_hash,
          source = 'central', disabled = excluded.disabled, updated_ms = excluded.updated_ms`).run({ ...a, disabled: a.disabled ? 1 : 0, now });
    } catch (e) {
      throw toStoreError(e, 'officer account not synced');
    }
  }

  setDisabled(username: string, disabled: boolean): void {
    this.#db.prepare('UPDATE officer SET disabled = ?, updated_ms = ? WHERE username = ?').run(disabled ? 1 : 0, this.#now(), username);
  }

  /**
   * Checks a password. An unknown user name is checked against a dummy hash so that its timing matches a
   * wrong password. A successful login with an older cost is re-hashed at the current cost.
   */
  async authenticate(username: string, password: string): Promise<Officer | null> {
    const row = this.#row(username);
    if (row === undefined || row.disabled === 1) {
      this.#dummyHash ??= hashPassword('dummy-password-for-timing', this.#costLog2);
      await verifyPassword(password, await this.#dummyHash);
      return null;
    }
    if (!(await verifyPassword(password, row.password_hash))) return null;
    if (hashCostLog2(row.password_hash) !== this.#costLog2) {
      const upgraded = await hashPassword(password, this.#costLog2);
      try {
        this.#db.prepare('UPDATE officer SET password_hash = ?, updated_ms = ? WHERE username = ?').run(upgraded, this.#now(), username);
      } catch {
        // A full disk must not stop a login; the upgrade happens at a later login.
      }
    }
    return toOfficer(row);
  }
}
