import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { AspkError } from '@aspk/shared';

/**
 * scrypt password hashes (reliability-security.md §4.2): r = 8, p = 1, 16-byte salt, 64-byte key, N from
 * config (2^17 in production). Stored as `scrypt$logN$r$p$salt$hash` (base64) so the cost can be raised
 * later: `needsRehash` tells the login path to re-hash with the current cost. At most `maxConcurrent`
 * hashes run at once — each needs 128·N·r bytes (128 MiB at N = 2^17), so unbounded concurrent logins would
 * be a memory and CPU denial of service.
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private dummy: string | null = null;

  constructor(
    private readonly logN: number,
    private readonly maxConcurrent = 2,
  ) {}

  /** Hashes a password with the configured cost. */
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.derive(password, salt, this.logN, 8, 1);
    return `scrypt$${this.logN}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  /** Constant-time check of `password` against a stored hash; false for a malformed hash. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [logN, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0 && n <= 32)) return false;
    const salt = Buffer.from(parts[4] ?? '', 'base64');
    const expected = Buffer.from(parts[5] ?? '', 'base64');
    if (expected.length !== 64) return false;
    const key = await this.derive(password, salt, logN, r, p);
    return timingSafeEqual(key, expected);
  }

  /** True when `stored` used another cost than the configured one. */
  needsRehash(stored: string): boolean {
    const parts = stored.split('$');
    return parts[1] !== String(this.logN) || parts[2] !== '8' || parts[3] !== '1';
  }

  /**
   * Spends the same time as a real check for a user name that does not exist, so timing does not tell
   * known and unknown names apart (reliability-security.md §4.2).
   */
  async verifyDummy(password: string): Promise<false> {
    this.dummy ??= await this.hash('dummy password that never matches');
    await this.verify(password, this.dummy);
    return false;
  }

  private async derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
    await this.acquire();
    try {
      const N = 2 ** logN;
      // scrypt needs 128·N·r bytes; the default maxmem (32 MiB) is too small for N = 2^17.
      const maxmem = 128 * N * r + 32 * 1024 * 1024;
      return await new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, 64, { N, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
      });
    } catch (e) {
      throw new AspkError('INTERNAL', 'password hashing failed', undefined, { cause: e });
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.running--;
  }
}
