/** Health of one reader connection (document-readers.md §8.5). */
export type ScannerState = 'closed' | 'opening' | 'open' | 'backoff';

/** Why the last open or connection failed: `absent` = no device at the path (keeps retrying quietly). */
export type ScannerErrorKind = 'absent' | 'permission' | 'busy' | 'disconnected' | 'io';

export interface ScannerHealth {
  state: ScannerState;
  path: string;
  profile: string;
  /** Documents emitted (after de-duplication). */
  frames: number;
  /** Partial frames, checksum failures, non-MRZ frames. */
  badFrames: number;
  /** Double reads dropped by the de-duplication window. */
  duplicates: number;
  /** Bytes outside any frame. */
  noiseBytes: number;
  /** Successful re-opens after a lost or failed connection. */
  reconnects: number;
  lastError: string | null;
  lastErrorKind: ScannerErrorKind | null;
  /** Clock time of the current connection's open, or `null` when not open. */
  connectedSince: number | null;
  lastFrameAt: number | null;
}

/** Classifies serialport open/close errors by errno or message (serialport gives no codes on open errors). */
export function classifySerialError(err: unknown): ScannerErrorKind {
  const e = err as { code?: unknown; message?: unknown; disconnected?: unknown } | null;
  const text = `${String(e?.code ?? '')} ${String(e?.message ?? err)}`;
  if (e?.disconnected === true) return 'disconnected';
  if (/ENOENT|No such file/i.test(text)) return 'absent';
  if (/EACCES|EPERM|Permission denied/i.test(text)) return 'permission';
  if (/lock|EBUSY|busy/i.test(text)) return 'busy';
  return 'io';
}
