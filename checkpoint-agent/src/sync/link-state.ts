/** What the console and central's checkpoint page show about the link (reliability-security.md §1.3). */
export type LinkStateName = 'online' | 'degraded' | 'offline';

export interface LinkSnapshot {
  state: LinkStateName;
  /** socket.io connection to central up and `agent:hello` answered. */
  socketConnected: boolean;
  /** Agent wall time of the last acknowledged batch, UTC ms, or null. */
  lastSyncMs: number | null;
  /** Outbox items central has not acknowledged. */
  queued: number;
  /** Failed batch sends since the last acknowledged one. */
  pushFailures: number;
  lastError: string | null;
  /** Last refused watchlist pull (reason code), cleared by the next accepted one. */
  watchlistRejected: string | null;
  /** Clock offset against central, ms (null before the first hello), and whether it is beyond the limit. */
  clockOffsetMs: number | null;
  clockFlagged: boolean;
  /** Counters since this process started (for the health page and the reliability figures). */
  counters: { sendAttempts: number; batchesAcked: number; ackTimeouts: number; duplicatesAbsorbed: number; conflicts: number; reconnects: number; watchlistSnapshots: number };
}

/** The inputs of the link state, as the sync parts see them. */
export interface LinkInputs {
  socketConnected: boolean;
  /** True after at least one acknowledged batch in this run. */
  everAcked: boolean;
  pushFailures: number;
  watchlistRejected: boolean;
}

/**
 * `online`: the socket is up, batches are acknowledged and the watchlist is accepted. `offline`: no socket
 * and batches not getting through. Anything in between — socket up but batches failing, batches acknowledged
 * over HTTP while the socket is down, or refused watchlist data — is `degraded`.
 */
export function linkStateOf(i: LinkInputs): LinkStateName {
  const pushOk = i.pushFailures === 0;
  if (i.socketConnected && pushOk && !i.watchlistRejected) return 'online';
  if (!i.socketConnected && (!pushOk || !i.everAcked)) return 'offline';
  return 'degraded';
}
