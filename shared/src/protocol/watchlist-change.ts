import { z } from 'zod';
import { WatchlistEntry, WatchlistEntryId } from '../watchlist/watchlist-entry.js';
import { IsoInstant } from './crossing.js';

/**
 * The signed watchlist change log (reliability-security.md §1.4). Central is the only writer. Version n holds
 * ops `put(entry)` and `tombstone(entryId)`; its header is serialised canonically (`canonicalJson`),
 * `hash = SHA-256(header bytes)` (hex), and `signature` is Ed25519 over the same bytes (base64). Version 0 is
 * the empty list with hash `GENESIS_HASH` (64 zeros).
 */

/** Lower-case hex SHA-256. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256');
/** Base64 Ed25519 signature (64 bytes). */
export const SignatureB64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'a base64 Ed25519 signature');
/** Key id: first 16 hex characters of SHA-256 of the raw 32-byte public key. */
export const KeyId = z.string().regex(/^[0-9a-f]{16}$/);
/** Which list a record belongs to (one deployment may serve several). */
const ListId = z.string().min(1).max(64);

export const WatchlistOp = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('put'), entry: WatchlistEntry }),
  z.strictObject({ op: z.literal('tombstone'), entryId: WatchlistEntryId }),
]);
export type WatchlistOp = z.infer<typeof WatchlistOp>;

/** The signed part of one version. `opsHash` = SHA-256 of `canonicalJson(ops)`. */
export const WatchlistChangeHeader = z.strictObject({
  listId: ListId,
  version: z.int().positive(),
  prevVersion: z.int().nonnegative(),
  prevHash: Sha256Hex,
  opsHash: Sha256Hex,
  opsCount: z.int().nonnegative(),
  issuedAt: IsoInstant,
  keyId: KeyId,
});
export type WatchlistChangeHeader = z.infer<typeof WatchlistChangeHeader>;

/** One version of the change log as served to agents. */
export const WatchlistChange = z.strictObject({
  header: WatchlistChangeHeader,
  ops: z.array(WatchlistOp),
  hash: Sha256Hex,
  signature: SignatureB64,
});
export type WatchlistChange = z.infer<typeof WatchlistChange>;

/** Head record: what the newest version is, and until when an agent may trust it (freeze defence). */
export const WatchlistHeadRecord = z.strictObject({
  listId: ListId,
  headVersion: z.int().nonnegative(),
  headHash: Sha256Hex,
  issuedAt: IsoInstant,
  expiresAt: IsoInstant,
  keyId: KeyId,
});
export type WatchlistHeadRecord = z.infer<typeof WatchlistHeadRecord>;

export const SignedWatchlistHead = z.strictObject({ head: WatchlistHeadRecord, signature: SignatureB64 });
export type SignedWatchlistHead = z.infer<typeof SignedWatchlistHead>;

/**
 * Snapshot header: the full list at `version`; `contentHash` = SHA-256 of `canonicalJson(entries)` with entries
 * sorted by id; `headHash` = the change-log hash at `version`.
 */
export const WatchlistSnapshotHeader = z.strictObject({
  listId: ListId,
  version: z.int().nonnegative(),
  headHash: Sha256Hex,
  contentHash: Sha256Hex,
  entryCount: z.int().nonnegative(),
  issuedAt: IsoInstant,
  keyId: KeyId,
});
export type WatchlistSnapshotHeader = z.infer<typeof WatchlistSnapshotHeader>;

/** `GET /api/v1/agent/watchlist/snapshot` reply. */
export const WatchlistSnapshot = z.strictObject({
  header: WatchlistSnapshotHeader,
  signature: SignatureB64,
  entries: z.array(WatchlistEntry),
  head: SignedWatchlistHead,
});
export type WatchlistSnapshot = z.infer<typeof WatchlistSnapshot>;

/**
 * `GET /api/v1/agent/watchlist/changes?since=N` reply: the versions after N in order (at most `limit`,
 * `more` when truncated), always with the current signed head; `snapshotRequired` when N is behind the
 * compaction horizon (then `changes` is empty and the agent fetches the snapshot).
 */
export const WatchlistChangesReply = z.strictObject({
  head: SignedWatchlistHead,
  changes: z.array(WatchlistChange),
  more: z.boolean(),
  snapshotRequired: z.boolean(),
});
export type WatchlistChangesReply = z.infer<typeof WatchlistChangesReply>;

/** socket.io `watchlist:changed` payload (central → agents and dashboards). */
export const WatchlistChangedEvent = z.strictObject({ version: z.int().nonnegative(), headHash: Sha256Hex });
export type WatchlistChangedEvent = z.infer<typeof WatchlistChangedEvent>;
