import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt password hashing (reliability-security.md §4.2): N = 2^17, r = 8, p = 1, 16-byte salt, 64-byte
 * key, parameters stored with the hash (`scrypt$<log2N>$<r>$<p>$<salt>$<key>`, base64url) so they can be
 * raised later. 128·N·r = 128 MiB exceeds Node's default `maxmem` of 32 MiB, hence 256 MiB. At most two
 * hashes run at once: each costs ~400 ms and 128 MiB, so unbounded concurrent logins would be a DoS.
 */
const KEY_LEN = 64;
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return withSlot(() => new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LEN, { ...opts, maxmem: 256 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  }));
}

/** Hashes a password; `costLog2` is log2 of scrypt's N (default 17). */
export async function hashPassword(password: string, costLog2 = 17): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N: 2 ** costLog2, r: 8, p: 1 });
  return `scrypt$${costLog2}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Parameters of a stored hash, to decide whether it needs re-hashing at the next login. */
export function hashCostLog2(stored: string): number | null {
  const parts = stored.split('$');
  return parts[0] === 'scrypt' ? Number(parts[1]) : null;
}

/** Constant-time comparison of `password` against a stored hash; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, logN, r, p, saltB64, keyB64] = stored.split('$');
  if (alg !== 'scrypt' || saltB64 === undefined || keyB64 === undefined) return false;
  const expected = Buffer.from(keyB64, 'base64url');
  const key = await derive(password, Buffer.from(saltB64, 'base64url'), { N: 2 ** Number(logN), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
