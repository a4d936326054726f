/**
 * The one error type ASPK throws for faults (never for expected outcomes such as an invalid MRZ or a
 * watchlist hit, which are return values). Modelled on zwave-js's `ZWaveError`: a stable string code,
 * grouped by subsystem, so no caller ever matches on message text. Servers map codes to HTTP statuses
 * in one table each (`central-server/src/api/http-status.ts`, `checkpoint-agent/src/console/http-status.ts`).
 */
export const ASPK_ERROR_CODES = [
  // configuration and input at an edge
  'CONFIG_INVALID',
  'INPUT_INVALID',
  'INPUT_TOO_LARGE',
  // auth
  'AUTH_REQUIRED',
  'AUTH_FAILED',
  'AUTH_LOCKED',
  'FORBIDDEN',
  'ORIGIN_REJECTED',
  // resources
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  // storage
  'STORE_IO',
  'STORE_FULL',
  'STORE_CORRUPT',
  'STORE_BUSY',
  // watchlist
  'WATCHLIST_IMPORT_INVALID',
  'WATCHLIST_SNAPSHOT_INVALID',
  'WATCHLIST_SIGNATURE_INVALID',
  'WATCHLIST_CHAIN_BROKEN',
  'WATCHLIST_VERSION_GAP',
  'WATCHLIST_REPLAY',
  // serial / hardware
  'SERIAL_OPEN_FAILED',
  'SERIAL_DISCONNECTED',
  'SERIAL_FRAME_INVALID',
  'PTY_FAILED',
  // sync
  'SYNC_REJECTED',
  'SYNC_UNAVAILABLE',
  // audit
  'AUDIT_CHAIN_BROKEN',
  // anything that should never happen
  'INTERNAL',
] as const;

export type AspkErrorCode = (typeof ASPK_ERROR_CODES)[number];

export class AspkError extends Error {
  override readonly name = 'AspkError';
  readonly code: AspkErrorCode;
  readonly details: unknown;

  constructor(code: AspkErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

/** Type guard; with `code`, also checks the code. Never match on `message`. */
export function isAspkError(e: unknown, code?: AspkErrorCode): e is AspkError {
  return e instanceof AspkError && (code === undefined || e.code === code);
}
