import { canonicalJson } from './canonical-json.js';
import { sha256Hex } from './sha256.js';

/**
 * One link of a hash chain: `SHA-256(prevHash ‖ canonicalJson(record))` in hex. Used by central's audit log
 * (reliability-security.md §4.6); any edit, deletion, insertion or reordering changes every later hash.
 */
export function chainHash(prevHash: string, record: unknown): string {
  return sha256Hex(prevHash + canonicalJson(record));
}

/** A record of a chain as stored: its own fields plus the stored links. */
export interface ChainedRecord<T> {
  id: number | string;
  record: T;
  prevHash: string;
  hash: string;
}

/** Verification result: `firstBadId` is the first record whose links do not hold. */
export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBadId?: number | string;
}

/**
 * Checks a chain in order from `startHash`. Stops at the first record whose `prevHash` is not the previous
 * record's hash or whose `hash` is not recomputed from its content.
 */
export function verifyChain<T>(records: Iterable<ChainedRecord<T>>, startHash: string): ChainVerification {
  let prev = startHash;
  let checked = 0;
  for (const r of records) {
    checked++;
    if (r.prevHash !== prev || chainHash(r.prevHash, r.record) !== r.hash) return { ok: false, checked, firstBadId: r.id };
    prev = r.hash;
  }
  return { ok: true, checked };
}
