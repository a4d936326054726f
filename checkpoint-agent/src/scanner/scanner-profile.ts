/**
 * The reader profiles the scanner driver understands (document-readers.md §2, §5). A profile names a
 * wire framing; `auto` recognises every framing from its first bytes, frame by frame.
 */
import { z } from 'zod';
import { READER_FRAMINGS } from '@aspk/shared';

export const SCANNER_PROFILES = ['auto', ...READER_FRAMINGS] as const;

/** A configured profile name; parse configuration with this schema at the config edge. */
export const ScannerProfile = z.enum(SCANNER_PROFILES);
export type ScannerProfile = z.infer<typeof ScannerProfile>;

/**
 * The framing a frame actually arrived in. The four plain/line-by-line profiles share one framing
 * (`line`): they differ only in separators and pauses, which the line decoder handles alike.
 * `stx-etx` and `json-stx` share an envelope; the body (`{…}` or lines) tells them apart.
 */
export type Framing = 'line' | 'stx-etx' | 'json-stx' | 'access-is' | 'desko' | '3m-rte' | 'elyctis';

/** Per-device framing parameters; defaults match the simulator's defaults. */
export interface FramingOptions {
  /** Desko CUTE start-of-data byte (per-device configuration). Default `0x12`. */
  deskoStart?: number;
  /** Desko CUTE end-of-data byte. Default `0x14`. */
  deskoEnd?: number;
  /** 3M/Thales block check: XOR of bytes from LEN to ETX (`xor`) or not checked (`none`). Default `xor`. */
  rteChecksum?: 'xor' | 'none';
}
