import { isAspkError, type AspkErrorCode } from '@aspk/shared';

/** The one table mapping error codes to HTTP statuses in the agent's console server. */
export const HTTP_STATUS: Record<AspkErrorCode, number> = {
  CONFIG_INVALID: 500,
  INPUT_INVALID: 400,
  INPUT_TOO_LARGE: 413,
  AUTH_REQUIRED: 401,
  AUTH_FAILED: 401,
  AUTH_LOCKED: 429,
  FORBIDDEN: 403,
  ORIGIN_REJECTED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  STORE_IO: 503,
  STORE_FULL: 507,
  STORE_CORRUPT: 503,
  STORE_BUSY: 503,
  WATCHLIST_IMPORT_INVALID: 400,
  WATCHLIST_SNAPSHOT_INVALID: 502,
  WATCHLIST_SIGNATURE_INVALID: 502,
  WATCHLIST_CHAIN_BROKEN: 502,
  WATCHLIST_VERSION_GAP: 502,
  WATCHLIST_REPLAY: 502,
  SERIAL_OPEN_FAILED: 503,
  SERIAL_DISCONNECTED: 503,
  SERIAL_FRAME_INVALID: 400,
  PTY_FAILED: 500,
  SYNC_REJECTED: 502,
  SYNC_UNAVAILABLE: 503,
  AUDIT_CHAIN_BROKEN: 500,
  INTERNAL: 500,
};

/** The `{ error: { code, message, details? } }` body and status for any thrown value. */
export function errorResponse(e: unknown): { status: number; body: { error: { code: string; message: string; details?: unknown } } } {
  if (isAspkError(e)) {
    const body = { error: { code: e.code, message: e.message, ...(e.details !== undefined && e.code !== 'INTERNAL' ? { details: e.details } : {}) } };
    return { status: HTTP_STATUS[e.code], body };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } };
}
