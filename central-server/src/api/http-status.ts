import type { ErrorRequestHandler, Response } from 'express';
import { AspkError, isAspkError, type AspkErrorCode } from '@aspk/shared';
import type { Logger } from 'pino';

/** The one table mapping error codes to HTTP statuses at central. */
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
  STORE_CORRUPT: 500,
  STORE_BUSY: 503,
  WATCHLIST_IMPORT_INVALID: 422,
  WATCHLIST_SNAPSHOT_INVALID: 422,
  WATCHLIST_SIGNATURE_INVALID: 422,
  WATCHLIST_CHAIN_BROKEN: 409,
  WATCHLIST_VERSION_GAP: 409,
  WATCHLIST_REPLAY: 409,
  SERIAL_OPEN_FAILED: 500,
  SERIAL_DISCONNECTED: 500,
  SERIAL_FRAME_INVALID: 400,
  PTY_FAILED: 500,
  SYNC_REJECTED: 400,
  SYNC_UNAVAILABLE: 503,
  AUDIT_CHAIN_BROKEN: 500,
  INTERNAL: 500,
};

/** The body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function sendError(res: Response, e: AspkError): void {
  const body: ErrorBody = { error: { code: e.code, message: e.message } };
  if (e.details !== undefined) body.error.details = e.details;
  const retry = (e.details as { retryAfterS?: unknown } | undefined)?.retryAfterS;
  if (typeof retry === 'number') res.setHeader('Retry-After', String(retry));
  res.status(HTTP_STATUS[e.code]).json(body);
}

/** SQLite error codes that mean "storage", mapped to stable codes rather than a generic 500. */
function fromSqlite(e: unknown): AspkError | null {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_FULL') return new AspkError('STORE_FULL', 'database full');
  if (code === 'SQLITE_BUSY') return new AspkError('STORE_BUSY', 'database busy');
  if (code.startsWith('SQLITE_IOERR')) return new AspkError('STORE_IO', 'database I/O error');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new AspkError('STORE_CORRUPT', 'database damaged');
  return null;
}

/** Express error middleware: every error becomes `{error:{code,message,details?}}`; unexpected ones are logged once. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      log.error({ err, path: req.path }, 'error after response started');
      res.destroy();
      return;
    }
    // body-parser errors carry `type` and `status`.
    const bp = err as { type?: string; status?: number };
    if (bp.type === 'entity.too.large') return sendError(res, new AspkError('INPUT_TOO_LARGE', 'request body too large'));
    if (bp.type === 'entity.parse.failed') return sendError(res, new AspkError('INPUT_INVALID', 'malformed JSON body'));
    if (typeof bp.status === 'number' && bp.status >= 400 && bp.status < 500 && bp.type !== undefined) {
      return sendError(res, new AspkError('INPUT_INVALID', `bad request (${bp.type})`));
    }
    if (isAspkError(err)) return sendError(res, err);
    const mapped = fromSqlite(err);
    if (mapped !== null) {
      log.error({ err, path: req.path }, 'storage error');
      return sendError(res, mapped);
    }
    log.error({ err, path: req.path }, 'unexpected error');
    sendError(res, new AspkError('INTERNAL', 'internal error'));
  };
}
