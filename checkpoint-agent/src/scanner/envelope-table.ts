/**
 * The envelopes the frame assembler recognises (document-readers.md §2), as data. A start pattern may
 * hold `ANY` for bytes that take any value (3M's LEN and FLAG); the assembler matches the fixed header
 * before it looks for the end marker, so such bytes can never end a frame early.
 */
import type { Framing, FramingOptions, ScannerProfile } from './scanner-profile.js';

/** Wildcard in a start pattern. */
export const ANY = -1;

export interface EnvelopeSpec {
  /** Framing reported for frames in this envelope; `msr`/`barcode` frames are recognised and skipped. */
  framing: Framing | 'msr' | 'barcode';
  start: readonly number[];
  end: readonly number[];
  /** Bytes after the end marker that belong to the frame (3M BCC). */
  trailer: number;
  /** How the body is read. */
  body: 'lines' | 'lines-or-json' | 'rte' | 'skip';
}

const STX = 0x02;
const ETX = 0x03;

/** The envelopes a profile recognises, most specific first. `auto` gets all of them. */
export function envelopesFor(profile: ScannerProfile, opts: FramingOptions): EnvelopeSpec[] {
  const accessIs: EnvelopeSpec = { framing: 'access-is', start: [0x1c, STX], end: [ETX, 0x1d], trailer: 0, body: 'lines' };
  // Access-IS readers also emit MSR (0E 02 … 03 0F) and barcode (1E 02 … 03 1F) frames: recognised, ignored.
  const msr: EnvelopeSpec = { framing: 'msr', start: [0x0e, STX], end: [ETX, 0x0f], trailer: 0, body: 'skip' };
  const barcode: EnvelopeSpec = { framing: 'barcode', start: [0x1e, STX], end: [ETX, 0x1f], trailer: 0, body: 'skip' };
  const desko: EnvelopeSpec = {
    framing: 'desko',
    start: [opts.deskoStart ?? 0x12, STX],
    end: [ETX, opts.deskoEnd ?? 0x14],
    trailer: 0,
    body: 'lines',
  };
  const rte: EnvelopeSpec = { framing: '3m-rte', start: [0x01, ANY, 0x4f, 0x55, STX, ANY], end: [ETX], trailer: 1, body: 'rte' };
  const stx: EnvelopeSpec = { framing: 'stx-etx', start: [STX], end: [ETX], trailer: 0, body: 'lines-or-json' };
  switch (profile) {
    case 'auto':
      return [rte, accessIs, msr, barcode, desko, stx];
    case 'access-is':
      return [accessIs, msr, barcode];
    case 'desko':
      return [desko];
    case '3m-rte':
      return [rte];
    case 'stx-etx':
    case 'json-stx':
      return [stx];
    default:
      return [];
  }
}

/** Whether `spec.start` matches at `at`: fully, as a prefix cut by the end of `buf`, or not at all. */
export function matchStart(spec: EnvelopeSpec, buf: Uint8Array, at: number): 'yes' | 'maybe' | 'no' {
  for (let k = 0; k < spec.start.length; k++) {
    if (at + k >= buf.length) return 'maybe';
    const want = spec.start[k];
    if (want !== ANY && buf[at + k] !== want) return 'no';
  }
  return 'yes';
}

/** Whether `spec.end` matches at `at` (`maybe` when cut by the end of `buf`). */
export function matchEnd(spec: EnvelopeSpec, buf: Uint8Array, at: number): 'yes' | 'maybe' | 'no' {
  for (let k = 0; k < spec.end.length; k++) {
    if (at + k >= buf.length) return 'maybe';
    if (buf[at + k] !== spec.end[k]) return 'no';
  }
  return 'yes';
}
