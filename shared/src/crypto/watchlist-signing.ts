import type {
  SignedWatchlistHead,
  WatchlistChange,
  WatchlistChangeHeader,
  WatchlistChangesReply,
  WatchlistHeadRecord,
  WatchlistOp,
  WatchlistSnapshot,
  WatchlistSnapshotHeader,
} from '../protocol/watchlist-change.js';
import type { WatchlistEntry } from '../watchlist/watchlist-entry.js';
import { canonicalJson } from './canonical-json.js';
import { keyIdOf, signEd25519, verifyEd25519, type SigningKey } from './ed25519.js';
import { sha256Hex } from './sha256.js';

/**
 * Signing and verification of the watchlist change log, head records and snapshots
 * (reliability-security.md §1.4). Central signs; agents verify with the public key pinned in their config.
 */

/** SHA-256 hex of `canonicalJson(ops)`. */
export function watchlistOpsHash(ops: readonly WatchlistOp[]): string {
  return sha256Hex(canonicalJson(ops));
}

/** SHA-256 hex of `canonicalJson(entries sorted by id)` — the snapshot's content hash. */
export function watchlistContentHash(entries: readonly WatchlistEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sha256Hex(canonicalJson(sorted));
}

/** Builds and signs version `prevVersion + 1` holding `ops`. */
export function signWatchlistChange(
  p: { listId: string; prevVersion: number; prevHash: string; ops: WatchlistOp[]; issuedAt: string },
  key: SigningKey,
): WatchlistChange {
  const header: WatchlistChangeHeader = {
    listId: p.listId,
    version: p.prevVersion + 1,
    prevVersion: p.prevVersion,
    prevHash: p.prevHash,
    opsHash: watchlistOpsHash(p.ops),
    opsCount: p.ops.length,
    issuedAt: p.issuedAt,
    keyId: key.keyId,
  };
  const bytes = canonicalJson(header);
  return { header, ops: p.ops, hash: sha256Hex(bytes), signature: signEd25519(key.privateKeyPem, bytes) };
}

/** Signs a head record (adds `keyId`). */
export function signWatchlistHead(head: Omit<WatchlistHeadRecord, 'keyId'>, key: SigningKey): SignedWatchlistHead {
  const full: WatchlistHeadRecord = { ...head, keyId: key.keyId };
  return { head: full, signature: signEd25519(key.privateKeyPem, canonicalJson(full)) };
}

/** Signs a snapshot of `entries` at `version` whose change-log hash is `headHash`. */
export function signWatchlistSnapshot(
  p: { listId: string; version: number; headHash: string; entries: WatchlistEntry[]; issuedAt: string; head: SignedWatchlistHead },
  key: SigningKey,
): WatchlistSnapshot {
  const header: WatchlistSnapshotHeader = {
    listId: p.listId,
    version: p.version,
    headHash: p.headHash,
    contentHash: watchlistContentHash(p.entries),
    entryCount: p.entries.length,
    issuedAt: p.issuedAt,
    keyId: key.keyId,
  };
  return { header, signature: signEd25519(key.privateKeyPem, canonicalJson(header)), entries: p.entries, head: p.head };
}

/** Reason codes of the agent's checks, in the order they run (reliability-security.md §1.4). */
export type WatchlistRejectReason =
  | 'unknown-key'
  | 'bad-signature'
  | 'rollback'
  | 'gap'
  | 'chain-mismatch'
  | 'ops-hash-mismatch'
  | 'head-mismatch'
  | 'expired'
  | 'content-mismatch';

export type WatchlistCheckResult = { ok: true } | { ok: false; reason: WatchlistRejectReason; version?: number };

/** Signature check of one change: key id, `hash = SHA-256(header)`, Ed25519 over the header bytes. */
export function verifyWatchlistChangeSignature(change: WatchlistChange, publicKey: string): WatchlistCheckResult {
  if (change.header.keyId !== keyIdOf(publicKey)) return { ok: false, reason: 'unknown-key', version: change.header.version };
  const bytes = canonicalJson(change.header);
  if (sha256Hex(bytes) !== change.hash || !verifyEd25519(publicKey, bytes, change.signature)) {
    return { ok: false, reason: 'bad-signature', version: change.header.version };
  }
  return { ok: true };
}

/** Signature check of a head record. */
export function verifyWatchlistHead(signed: SignedWatchlistHead, publicKey: string): WatchlistCheckResult {
  if (signed.head.keyId !== keyIdOf(publicKey)) return { ok: false, reason: 'unknown-key' };
  if (!verifyEd25519(publicKey, canonicalJson(signed.head), signed.signature)) return { ok: false, reason: 'bad-signature' };
  return { ok: true };
}

/** What an agent holds: its version, head hash and the issue time (ms) of the newest head record it accepted. */
export interface WatchlistLocalState {
  version: number;
  headHash: string;
  lastHeadIssuedAtMs: number | null;
}

/**
 * Runs every check of reliability-security.md §1.4 over a changes reply, in order, against the local state.
 * On `{ ok: true }` the agent applies `reply.changes` in order in one transaction with `reply.head`. Any
 * failure means: apply nothing, keep the current version, raise an alert with the reason.
 */
export function checkWatchlistChanges(
  local: WatchlistLocalState,
  reply: WatchlistChangesReply,
  publicKey: string,
  trustedNowMs: number,
): WatchlistCheckResult {
  const headCheck = verifyWatchlistHead(reply.head, publicKey);
  if (!headCheck.ok) return headCheck;
  for (const c of reply.changes) {
    const sig = verifyWatchlistChangeSignature(c, publicKey);
    if (!sig.ok) return sig;
  }
  const head = reply.head.head;
  if (local.lastHeadIssuedAtMs !== null && Date.parse(head.issuedAt) < local.lastHeadIssuedAtMs) return { ok: false, reason: 'rollback' };
  if (head.headVersion < local.version) return { ok: false, reason: 'rollback' };
  let version = local.version;
  let hash = local.headHash;
  for (const c of reply.changes) {
    const v = c.header.version;
    if (v <= version) return { ok: false, reason: 'rollback', version: v };
    if (v !== version + 1 || c.header.prevVersion !== version) return { ok: false, reason: 'gap', version: v };
    if (c.header.prevHash !== hash) return { ok: false, reason: 'chain-mismatch', version: v };
    if (watchlistOpsHash(c.ops) !== c.header.opsHash || c.ops.length !== c.header.opsCount) {
      return { ok: false, reason: 'ops-hash-mismatch', version: v };
    }
    version = v;
    hash = c.hash;
  }
  // With `more`, the tail follows in the next pull; only a complete reply must end exactly at the head.
  if (!reply.more && (version !== head.headVersion || hash !== head.headHash)) return { ok: false, reason: 'head-mismatch' };
  if (Date.parse(head.expiresAt) <= trustedNowMs) return { ok: false, reason: 'expired' };
  return { ok: true };
}

/**
 * Checks a snapshot: head record and snapshot signatures, content hash over the entries, that the snapshot
 * is not older than what the agent holds, and that the head record is unexpired.
 */
export function checkWatchlistSnapshot(
  local: WatchlistLocalState,
  snap: WatchlistSnapshot,
  publicKey: string,
  trustedNowMs: number,
): WatchlistCheckResult {
  const headCheck = verifyWatchlistHead(snap.head, publicKey);
  if (!headCheck.ok) return headCheck;
  if (snap.header.keyId !== keyIdOf(publicKey)) return { ok: false, reason: 'unknown-key' };
  if (!verifyEd25519(publicKey, canonicalJson(snap.header), snap.signature)) return { ok: false, reason: 'bad-signature' };
  if (snap.header.version < local.version) return { ok: false, reason: 'rollback', version: snap.header.version };
  if (local.lastHeadIssuedAtMs !== null && Date.parse(snap.head.head.issuedAt) < local.lastHeadIssuedAtMs) return { ok: false, reason: 'rollback' };
  if (snap.entries.length !== snap.header.entryCount || watchlistContentHash(snap.entries) !== snap.header.contentHash) {
    return { ok: false, reason: 'content-mismatch' };
  }
  if (snap.head.head.headVersion === snap.header.version && snap.head.head.headHash !== snap.header.headHash) {
    return { ok: false, reason: 'head-mismatch' };
  }
  if (Date.parse(snap.head.head.expiresAt) <= trustedNowMs) return { ok: false, reason: 'expired' };
  return { ok: true };
}
