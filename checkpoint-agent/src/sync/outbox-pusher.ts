import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { isAspkError, type CrossingBatch, type CrossingBatchAck, type CrossingRecord, type DecisionRecord } from '@aspk/shared';
import type { OutboxItem } from '../store/crossing-store.js';
import { Backoff } from './backoff.js';
import type { CentralClient } from './central-client.js';
import type { SyncClock } from './clock-monitor.js';
import type { SyncSettings } from './sync-settings.js';

/** What the pusher needs from the agent store (`CrossingStore` provides it). */
export interface OutboxSource {
  readonly epoch: string;
  /** The seq the next item will get (so `nextSeq − 1` is the highest held). */
  readonly nextSeq: number;
  /** Highest seq central acknowledged, as persisted. */
  readonly ackedThrough: number;
  outboxAfter(afterSeq: number, limit: number): OutboxItem[];
  /** Persists an acknowledgement; never moves it backwards. */
  markAcked(throughSeq: number): void;
  queuedCount(): number;
}

/** Counters for the health page and the reliability figures. */
export interface PusherStats {
  sendAttempts: number;
  batchesAcked: number;
  ackTimeouts: number;
  failures: number;
  /** Consecutive failures since the last acknowledged batch. */
  consecutiveFailures: number;
  accepted: number;
  duplicatesAbsorbed: number;
  conflicts: number;
  /** Retry delays chosen, ms (the last 100). */
  retryDelaysMs: number[];
  lastError: string | null;
  /** Agent wall time of the last acknowledged batch, UTC ms. */
  lastSyncMs: number | null;
  /** Highest contiguous seq central holds, as last heard. */
  centralAckedThrough: number | null;
}

interface Prepared {
  batch: CrossingBatch;
  firstSeq: number;
  lastSeq: number;
  bytes: number;
}

/**
 * Pushes the transactional outbox to central (reliability-security.md §1.3): items in seq order, in
 * batches of at most `maxBatchItems` items and `maxBatchBytes` bytes, ONE batch in flight, each POST with
 * a timeout. A timeout or a broken connection means *outcome unknown*: the same items (same ids, same
 * seqs) are sent again after a full-jitter backoff; central absorbs the duplicates. The cursor is central's
 * `ackedThroughSeq` — persisted with `markAcked` — and `onHello` moves it to what central says it holds,
 * down as well as up: after central was restored from a backup, everything above its value is sent again.
 *
 * Events: `ack` (CrossingBatchAck), `failure` (Error), `stalled` (central's point stays below the items
 * held: the caller re-sends `agent:hello` so central can record the gap).
 */
export class OutboxPusher extends EventEmitter {
  readonly stats: PusherStats = {
    sendAttempts: 0, batchesAcked: 0, ackTimeouts: 0, failures: 0, consecutiveFailures: 0, accepted: 0,
    duplicatesAbsorbed: 0, conflicts: 0, retryDelaysMs: [], lastError: null, lastSyncMs: null, centralAckedThrough: null,
  };
  readonly #source: OutboxSource;
  readonly #client: CentralClient;
  readonly #agentId: string;
  readonly #s: SyncSettings;
  readonly #clock: SyncClock;
  readonly #log: Logger;
  readonly #backoff: Backoff;
  #cursor: number;
  /** Central's point in the previous ack, to tell a stalled stream from a moving one. */
  #lastAckPoint = -1;
  #running: Promise<void> | null = null;
  #stopped = true;
  #abort = new AbortController();
  /** Ends the current wait early; `items` = new items (ends only an idle wait), `kick` = hello or stop. */
  #waiter: { resolve: () => void; idle: boolean } | null = null;
  #itemsPending = false;
  #kickPending = false;

  constructor(o: { source: OutboxSource; client: CentralClient; agentId: string; settings: SyncSettings; clock: SyncClock; log: Logger; random?: () => number }) {
    super();
    this.#source = o.source;
    this.#client = o.client;
    this.#agentId = o.agentId;
    this.#s = o.settings;
    this.#clock = o.clock;
    this.#log = o.log.child({ mod: 'sync-push' });
    this.#backoff = new Backoff(o.settings.backoffBaseMs, o.settings.backoffCapMs, o.random);
    this.#cursor = o.source.ackedThrough;
  }

  /** The seq above which items are (re)sent. */
  get cursor(): number {
    return this.#cursor;
  }

  start(): void {
    if (this.#running !== null) return;
    this.#stopped = false;
    this.#abort = new AbortController();
    this.#running = this.#run().finally(() => {
      this.#running = null;
    });
  }

  /** Stops after aborting the request in flight (its outcome stays unknown; it is sent again next time). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    this.#kick();
    await this.#running;
  }

  /**
   * New items were recorded: look at the outbox now if idle. A pusher backing off after a failure keeps
   * its delay (a busy booth during an outage must not turn into a retry storm).
   */
  wake(): void {
    this.#itemsPending = true;
    if (this.#waiter?.idle === true) this.#waiter.resolve();
  }

  /** The link came back (a hello succeeded) or stop: end any wait, backoff included. */
  #kick(): void {
    this.#kickPending = true;
    this.#waiter?.resolve();
  }

  /**
   * Central's answer to `agent:hello`: its contiguous point for this epoch. Higher than ours = central
   * committed a batch whose ack we never stored; lower = central was restored, resend from there.
   */
  onHello(centralAckedThrough: number): void {
    // Never past what this database holds: a central ahead of us means our file was rolled back (power
    // loss, restored copy) and the seqs we issue next were used before; they must still be sent, so that
    // central keeps them as conflicts instead of the agent skipping them silently (INV-3).
    const point = Math.min(centralAckedThrough, this.#source.nextSeq - 1);
    if (point > this.#source.ackedThrough) this.#source.markAcked(point);
    if (point !== this.#cursor) this.#log.info({ from: this.#cursor, to: point, central: centralAckedThrough }, 'send cursor moved to central\'s acknowledged point');
    this.#cursor = point;
    this.stats.centralAckedThrough = centralAckedThrough;
    this.#kick();
  }

  /** Items not yet acknowledged (from the store's persisted point). */
  queued(): number {
    return this.#source.queuedCount();
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      let prepared: Prepared | null;
      try {
        prepared = this.#prepare();
      } catch (e) {
        // A store read error (disk trouble) is not a reason to stop: try again later.
        this.#fail(e);
        await this.#wait(this.#delay(), false);
        continue;
      }
      if (prepared === null) {
        await this.#wait(this.#s.idlePollMs, true);
        continue;
      }
      this.stats.sendAttempts++;
      try {
        const ack = await this.#client.pushBatch(prepared.batch, this.#abort.signal);
        if (this.#stopped) break;
        if (!this.#acked(prepared, ack)) await this.#wait(this.#delay(), false);
      } catch (e) {
        if (this.#stopped) break;
        this.#fail(e);
        await this.#wait(this.#delay(), false);
      }
    }
  }

  #prepare(): Prepared | null {
    const epoch = this.#source.epoch;
    const items = this.#source.outboxAfter(this.#cursor, this.#s.maxBatchItems).filter((i) => i.epoch === epoch);
    if (items.length === 0) return null;
    const crossings: CrossingRecord[] = [];
    const decisions: DecisionRecord[] = [];
    // Envelope plus one comma per item; bodies are measured as the UTF-8 bytes they will be sent as.
    let bytes = Buffer.byteLength(JSON.stringify({ agentId: this.#agentId, epoch, crossings: [], decisions: [] }));
    let lastSeq = items[0]!.seq;
    for (const item of items) {
      const size = Buffer.byteLength(JSON.stringify(item.body)) + 1;
      if (crossings.length + decisions.length > 0 && bytes + size > this.#s.maxBatchBytes) break;
      bytes += size;
      // The outbox body is exactly the protocol record the store wrote (canonical JSON parsed back).
      if (item.kind === 'crossing') crossings.push(item.body as unknown as CrossingRecord);
      else decisions.push(item.body as unknown as DecisionRecord);
      lastSeq = item.seq;
    }
    return { batch: { agentId: this.#agentId, epoch, crossings, decisions }, firstSeq: items[0]!.seq, lastSeq, bytes };
  }

  /** Applies an acknowledgement; false when it showed no progress (the caller pauses). */
  #acked(p: Prepared, ack: CrossingBatchAck): boolean {
    if (ack.epoch !== p.batch.epoch) {
      this.#fail(new Error(`central acknowledged epoch ${ack.epoch}, sent ${p.batch.epoch}`));
      return false;
    }
    this.stats.batchesAcked++;
    this.stats.accepted += ack.accepted;
    this.stats.duplicatesAbsorbed += ack.duplicates;
    this.stats.conflicts += ack.conflicts;
    this.stats.centralAckedThrough = ack.ackedThroughSeq;
    this.stats.lastSyncMs = this.#clock.wallMs();
    this.stats.consecutiveFailures = 0;
    this.stats.lastError = null;
    // Not past the end of this batch: seqs above it that central says it holds were sent by an earlier
    // incarnation of this file (a rollback) or are duplicates; either way sending them again is safe.
    const point = Math.min(ack.ackedThroughSeq, p.lastSeq);
    this.#cursor = point;
    try {
      this.#source.markAcked(point);
    } catch (e) {
      // Not fatal: central holds the items; on the next start the hello tells us again.
      this.#log.warn({ err: e }, 'could not persist the acknowledgement');
    }
    if (ack.conflicts > 0) this.#log.warn({ conflicts: ack.conflicts, firstSeq: p.firstSeq, lastSeq: p.lastSeq }, 'central kept items aside as conflicts');
    this.emit('ack', ack);
    // Central's point below this batch: it misses items under it (restored from an older backup while we
    // were connected). The cursor now points at its gap and the next batch refills it; a repeat of the
    // same point means no progress, so pause one backoff step instead of spinning.
    const progressed = point >= p.firstSeq || point !== this.#lastAckPoint;
    this.#lastAckPoint = point;
    if (progressed) this.#backoff.reset();
    // Still stuck below items we no longer hold: only a hello (with our lowest held seq) lets central
    // record the gap and move on (§1.2), so ask for one.
    else this.emit('stalled', { centralAckedThrough: point, lowestSent: p.firstSeq });
    return progressed;
  }

  #fail(e: unknown): void {
    this.stats.failures++;
    this.stats.consecutiveFailures++;
    const timeout = isAspkError(e) && (e.details as { timeout?: boolean } | undefined)?.timeout === true;
    if (timeout) this.stats.ackTimeouts++;
    this.stats.lastError = isAspkError(e) ? `${e.code}: ${e.message}` : String(e);
    if (isAspkError(e, 'SYNC_REJECTED')) this.#log.error({ err: e }, 'central rejected a batch; retrying with backoff');
    else this.#log.debug({ code: isAspkError(e) ? e.code : undefined, timeout }, 'batch not acknowledged; will resend');
    this.emit('failure', e);
  }

  #delay(): number {
    const d = this.#backoff.next();
    this.stats.retryDelaysMs.push(d);
    if (this.stats.retryDelaysMs.length > 100) this.stats.retryDelaysMs.shift();
    return d;
  }

  /**
   * Waits `ms`, or less when kicked (or, for an `idle` wait, when items arrive). A wake that came while
   * the pusher was busy is not lost.
   */
  async #wait(ms: number, idle: boolean): Promise<void> {
    const early = this.#kickPending || this.#stopped || (idle && this.#itemsPending);
    this.#kickPending = false;
    if (idle) this.#itemsPending = false;
    if (early) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        resolve();
      }
      this.#waiter = { resolve: done, idle };
    });
    this.#waiter = null;
    this.#kickPending = false;
    if (idle) this.#itemsPending = false;
  }
}
