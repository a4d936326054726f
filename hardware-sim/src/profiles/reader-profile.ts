/**
 * A simulated reader profile (document-readers.md §9.1): a pure encoder from MRZ lines to the bytes the
 * reader family puts on the wire, with the serial settings used for pacing. Command-driven readers
 * (Elyctis) also provide a responder that answers host commands.
 */
import { READER_FRAMINGS, type ReaderFraming } from '@aspk/shared';

export const SIM_PROFILES = READER_FRAMINGS;
export type SimProfileName = ReaderFraming;

export interface SerialSettings {
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'odd' | 'even';
  stopBits: 1 | 2;
}

/** One burst of bytes, sent `gapBeforeMs` after the previous one finished. */
export interface FrameSegment {
  bytes: Buffer;
  gapBeforeMs: number;
}

export interface EncodedFrame {
  segments: FrameSegment[];
}

export interface EncodeOptions {
  /** Line separator of plain profiles; the `wrong-line-ending` fault overrides it. */
  lineEnding?: 'cr' | 'lf' | 'crlf';
  /** Whether the last line gets a terminator (plain profiles). Default true. */
  finalTerminator?: boolean;
  /** Pause between lines of `line-by-line`, ms. Default 60. */
  lineGapMs?: number;
}

/** A command-driven reader's state machine (one per device). */
export interface ReaderResponder {
  /** A document is presented; returns what the reader sends now (may be nothing until the host asks). */
  present(lines: string[], frame: EncodedFrame): EncodedFrame[];
  /** Bytes from the host; returns the reader's answers. */
  onHostBytes(bytes: Buffer): EncodedFrame[];
  /** Power cycle (unplug/replug): back to the power-on state. */
  reset(): void;
}

export interface ReaderProfile {
  name: SimProfileName;
  serial: SerialSettings;
  encode(lines: readonly string[], opts?: EncodeOptions): EncodedFrame;
  /** The reader's "bad read" block: an envelope with no data. */
  emptyBlock(): EncodedFrame;
  /** The separator bytes this profile puts between lines (the `wrong-line-ending` fault swaps them). */
  lineEnding: 'cr' | 'lf' | 'crlf';
  createResponder?(): ReaderResponder;
}

/** Bits on the wire per byte: start + data + parity + stop. */
export function bitsPerByte(s: SerialSettings): number {
  return 1 + s.dataBits + (s.parity === 'none' ? 0 : 1) + s.stopBits;
}

/** ms per byte at the profile's baud rate (document-readers.md §3). */
export function msPerByte(s: SerialSettings): number {
  return (bitsPerByte(s) * 1000) / s.baudRate;
}

export const SERIAL_9600_8N1: SerialSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

export function endingBytes(e: 'cr' | 'lf' | 'crlf'): string {
  return e === 'cr' ? '\r' : e === 'lf' ? '\n' : '\r\n';
}

export function single(bytes: Buffer): EncodedFrame {
  return { segments: [{ bytes, gapBeforeMs: 0 }] };
}
