import { createHash } from 'node:crypto';

/** SHA-256 of a UTF-8 string or bytes, lower-case hex (64 characters). */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The hash a chain starts from (version 0 of the watchlist, the first audit record's predecessor). */
export const GENESIS_HASH = '0'.repeat(64);
