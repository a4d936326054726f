/**
 * A small in-test HTTP server with central's agent endpoints and their semantics (reliability-security.md
 * §1.2, §1.4): batches deduplicated by item id, acknowledged up to the contiguous seq after "commit"; a
 * signed watchlist change log with head records and snapshots. Used by the sync unit tests, which may not
 * import the central server (workspace boundaries); the real central is exercised in `test/reliability`.
 * Failure modes: `hang` (no reply), `commit-then-hang` (stores, never replies: a lost acknowledgement),
 * `fail` (503 without storing).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  canonicalJson,
  GENESIS_HASH,
  generateSigningKey,
  sha256Hex,
  signWatchlistChange,
  signWatchlistHead,
  signWatchlistSnapshot,
  type CrossingBatch,
  type SignedWatchlistHead,
  type SigningKey,
  type WatchlistChange,
  type WatchlistChangesReply,
  type WatchlistEntry,
  type WatchlistOp,
} from '@aspk/shared';

export type TestCentralMode = 'ok' | 'hang' | 'commit-then-hang' | 'fail';

export class TestCentral {
  readonly key: SigningKey = generateSigningKey();
  mode: TestCentralMode = 'ok';
  /** Stored items by id: content hash and seq. */
  readonly items = new Map<string, { hash: string; seq: number }>();
  readonly held = new Set<number>();
  ackedThrough = 0;
  posts = 0;
  duplicates = 0;
  conflicts = 0;
  inFlight = 0;
  maxInFlight = 0;
  readonly batchItemCounts: number[] = [];
  readonly batchBytes: number[] = [];
  readonly changes: WatchlistChange[] = [];
  readonly entries = new Map<string, WatchlistEntry>();
  head: SignedWatchlistHead;
  /** Versions at or below this are compacted away: `since` below it gets `snapshotRequired`. */
  compactedThrough = 0;
  /** Lets a test tamper with what agents are served. */
  transformChanges: (r: WatchlistChangesReply) => WatchlistChangesReply = (r) => r;
  snapshotsServed = 0;
  readonly #server: Server;
  readonly #hanging = new Set<ServerResponse>();
  #headExpiresInMs = 24 * 3_600_000;

  constructor(readonly token = 'test-token-0123456789') {
    this.head = this.#signHead(0, GENESIS_HASH);
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  async listen(): Promise<string> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const r of this.#hanging) r.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((r) => this.#server.close(() => r()));
  }

  /** Forgets everything above `seq` (central restored from an older backup). */
  restoreTo(seq: number): void {
    for (const [id, v] of this.items) if (v.seq > seq) this.items.delete(id);
    for (const s of [...this.held]) if (s > seq) this.held.delete(s);
    this.ackedThrough = Math.min(this.ackedThrough, seq);
  }

  /** Publishes one signed version with `ops`. */
  publish(ops: WatchlistOp[], issuedAtMs = Date.now()): WatchlistChange {
    const prev = this.changes.at(-1);
    const change = signWatchlistChange(
      { listId: 'main', prevVersion: prev?.header.version ?? 0, prevHash: prev?.hash ?? GENESIS_HASH, ops, issuedAt: new Date(issuedAtMs).toISOString() },
      this.key,
    );
    this.changes.push(change);
    for (const op of ops) {
      if (op.op === 'put') this.entries.set(op.entry.id, op.entry);
      else this.entries.delete(op.entryId);
    }
    this.head = this.#signHead(change.header.version, change.hash, issuedAtMs);
    return change;
  }

  /** Re-signs the head (e.g. with an expiry in the past). */
  resignHead(expiresInMs: number, issuedAtMs = Date.now()): void {
    this.#headExpiresInMs = expiresInMs;
    const last = this.changes.at(-1);
    this.head = this.#signHead(last?.header.version ?? 0, last?.hash ?? GENESIS_HASH, issuedAtMs);
  }

  #signHead(version: number, hash: string, issuedAtMs = Date.now()): SignedWatchlistHead {
    return signWatchlistHead(
      { listId: 'main', headVersion: version, headHash: hash, issuedAt: new Date(issuedAtMs).toISOString(), expiresAt: new Date(issuedAtMs + this.#headExpiresInMs).toISOString() },
      this.key,
    );
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (req.headers.authorization !== `Bearer ${this.token}`) return this.#json(res, 401, { error: { code: 'AUTH_REQUIRED', message: 'no' } });
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/api/v1/agent/crossings') return this.#batch(body, res);
    if (req.method === 'GET' && url.pathname === '/api/v1/agent/watchlist/changes') {
      const since = Number(url.searchParams.get('since'));
      const limit = Number(url.searchParams.get('limit') ?? 200);
      const after = this.changes.filter((c) => c.header.version > since);
      const reply: WatchlistChangesReply =
        since < this.compactedThrough
          ? { head: this.head, changes: [], more: false, snapshotRequired: true }
          : { head: this.head, changes: after.slice(0, limit), more: after.length > limit, snapshotRequired: false };
      return this.#json(res, 200, this.transformChanges(structuredClone(reply)));
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/agent/watchlist/snapshot') {
      this.snapshotsServed++;
      const last = this.changes.at(-1);
      const snap = signWatchlistSnapshot(
        { listId: 'main', version: last?.header.version ?? 0, headHash: last?.hash ?? GENESIS_HASH, entries: [...this.entries.values()], issuedAt: new Date().toISOString(), head: this.head },
        this.key,
      );
      return this.#json(res, 200, snap);
    }
    this.#json(res, 404, { error: { code: 'NOT_FOUND', message: 'no route' } });
  }

  #batch(body: Buffer, res: ServerResponse): void {
    this.posts++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => this.inFlight--);
    if (this.mode === 'hang') {
      this.#hanging.add(res);
      return;
    }
    if (this.mode === 'fail') return this.#json(res, 503, { error: { code: 'SYNC_UNAVAILABLE', message: 'busy' } });
    const batch = JSON.parse(body.toString('utf8')) as CrossingBatch;
    this.batchItemCounts.push(batch.crossings.length + batch.decisions.length);
    this.batchBytes.push(body.length);
    let accepted = 0;
    let duplicates = 0;
    for (const rec of [...batch.crossings, ...batch.decisions]) {
      const hash = sha256Hex(canonicalJson(rec));
      const had = this.items.get(rec.id);
      if (had === undefined) {
        this.items.set(rec.id, { hash, seq: rec.seq });
        this.held.add(rec.seq);
        accepted++;
      } else if (had.hash === hash) duplicates++;
      else this.conflicts++;
    }
    this.duplicates += duplicates;
    while (this.held.has(this.ackedThrough + 1)) this.ackedThrough++;
    if (this.mode === 'commit-then-hang') {
      this.#hanging.add(res);
      return;
    }
    this.#json(res, 200, { epoch: batch.epoch, ackedThroughSeq: this.ackedThrough, accepted, duplicates, conflicts: 0 });
  }

  #json(res: ServerResponse, status: number, v: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(v));
  }
}

/** A document entry for tests. */
export function documentEntry(id: string, documentNumber: string): WatchlistEntry {
  return { id, type: 'document', category: 'lost', action: 'refer', issuingState: 'UTO', documentNumber } as WatchlistEntry;
}
