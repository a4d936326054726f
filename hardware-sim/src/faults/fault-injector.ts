/**
 * Seeded fault injectors (document-readers.md §9.2). Line faults change what the reader "read"; byte
 * faults change what reaches the wire. Each scan reports what the agent should make of it, so tests can
 * compare the driver's output with what was actually on the wire.
 */
import type { Prng } from '../prng.js';
import type { EncodedFrame, FrameSegment, ReaderProfile } from '../profiles/reader-profile.js';
import { DESKO_SUBSTITUTE } from '../profiles/envelope-profiles.js';
import { coveredByCheckDigit, DETECTED_CONFUSIONS, detectablePositions, UNDETECTED_CONFUSIONS, undetectablePositions } from './ocr-confusions.js';

/** Faults applied to one scan. Transport faults (unplug, replug) are verbs of the reader instead. */
export const SCAN_FAULTS = [
  'noise-before',
  'noise-inside',
  'noise-after',
  'partial',
  'dropped-line',
  'misread-detected',
  'misread-undetected',
  'substitute',
  'double-read',
  'long-pause',
  'slow-trickle',
  'split-envelope',
  'wrong-line-ending',
  'empty-block',
] as const;
export type ScanFault = (typeof SCAN_FAULTS)[number];

/**
 * What a correct driver makes of the scan:
 * - `exact`: exactly one frame whose text is `sentText` (a misread is still exactly what was sent);
 * - `at-most-exact`: that frame or nothing (the fault may or may not destroy the frame), never another document;
 * - `no-document`: no frame that passes the MRZ check digits.
 */
export type ScanExpectation = 'exact' | 'at-most-exact' | 'no-document';

export interface FaultedScan {
  /** The lines the reader "read" after line faults. */
  lines: string[];
  /** What a driver should output (lines joined by `\n`), or null when no complete MRZ was sent. */
  sentText: string | null;
  expect: ScanExpectation;
  frame: EncodedFrame;
  /** A repeat of the frame `afterMs` after it (double read). */
  repeat: { afterMs: number } | null;
  /** Overrides the reader's chunking for this scan (`slow-trickle`). */
  chunking: 'trickle' | null;
}

export interface FaultContext {
  prng: Prng;
  profile: ReaderProfile;
  /** The agent's idle timeout the pauses are sized against, ms. Default 150. */
  idleTimeoutMs: number;
  /** Double-read delay range, ms. Default [50, 2000]. */
  doubleReadDelayMs: readonly [number, number];
  lineGapMs: number;
}

/** Line noise: control and high bytes (00, FF included), never printable, so it cannot forge MRZ text. */
export function noiseBytes(prng: Prng, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    const v = prng.int(0, 0x20 + 0x80) ;
    b[i] = v < 0x20 ? v : v === 0x20 ? 0x7f : 0x80 + (v - 0x21);
  }
  return b;
}

function replaceAt(lines: string[], line: number, pos: number, ch: string): string[] {
  return lines.map((l, i) => (i === line ? l.slice(0, pos) + ch + l.slice(pos + 1) : l));
}

function lineFaults(lines: string[], faults: readonly ScanFault[], prng: Prng): { lines: string[]; complete: boolean } {
  let out = [...lines];
  let complete = true;
  for (const f of faults) {
    if (f === 'dropped-line') {
      out.splice(prng.int(0, out.length - 1), 1);
      complete = false;
    } else if (f === 'misread-undetected') {
      const spots = undetectablePositions(out);
      const s = spots.length > 0 ? prng.pick(spots) : null;
      if (s) out = replaceAt(out, s.line, s.pos, UNDETECTED_CONFUSIONS[out[s.line]?.[s.pos] ?? ''] ?? '<');
    } else if (f === 'misread-detected') {
      const spots = detectablePositions(out, (l, p) => coveredByCheckDigit(out, l, p));
      const s = spots.length > 0 ? prng.pick(spots) : null;
      if (s) out = replaceAt(out, s.line, s.pos, DETECTED_CONFUSIONS[out[s.line]?.[s.pos] ?? ''] ?? 'O');
    } else if (f === 'substitute') {
      const line = prng.int(0, out.length - 1);
      out = replaceAt(out, line, prng.int(0, (out[line]?.length ?? 1) - 1), DESKO_SUBSTITUTE);
    }
  }
  return { lines: out, complete };
}

function flatten(frame: EncodedFrame): Buffer {
  return Buffer.concat(frame.segments.map((s) => s.bytes));
}

/** Splits the frame's bytes at `at`, the second part `gapMs` later (same segments otherwise). */
function splitAt(frame: EncodedFrame, at: number, gapMs: number): EncodedFrame {
  const segs: FrameSegment[] = [];
  let offset = 0;
  for (const s of frame.segments) {
    if (at > offset && at < offset + s.bytes.length) {
      segs.push({ bytes: s.bytes.subarray(0, at - offset), gapBeforeMs: s.gapBeforeMs });
      segs.push({ bytes: s.bytes.subarray(at - offset), gapBeforeMs: gapMs });
    } else segs.push(s);
    offset += s.bytes.length;
  }
  return { segments: segs };
}

/** Applies `faults` to one scan of `lines` in `ctx.profile`. */
export function applyFaults(original: readonly string[], faults: readonly ScanFault[], ctx: FaultContext): FaultedScan {
  const { prng, profile } = ctx;
  const lf = lineFaults([...original], faults, prng);
  const ending = faults.includes('wrong-line-ending') ? (profile.lineEnding === 'crlf' ? 'lf' : profile.lineEnding === 'lf' ? 'cr' : 'crlf') : profile.lineEnding;
  let frame = faults.includes('empty-block') ? profile.emptyBlock() : profile.encode(lf.lines, { lineEnding: ending, lineGapMs: ctx.lineGapMs });
  let expect: ScanExpectation = 'exact';
  let complete = lf.complete && !faults.includes('empty-block');
  if (faults.includes('substitute')) expect = 'at-most-exact';
  if (faults.includes('partial')) {
    // Cut inside the MRZ text, never in the trailer: the frame must really be incomplete.
    const bytes = flatten(frame);
    const cut = Math.floor(bytes.length * (0.3 + prng.next() * 0.5));
    frame = { segments: [{ bytes: bytes.subarray(0, cut), gapBeforeMs: 0 }] };
    complete = false;
  }
  if (faults.includes('long-pause')) {
    const bytes = flatten(frame);
    frame = splitAt(frame, Math.floor(bytes.length * (0.3 + prng.next() * 0.4)), ctx.idleTimeoutMs * 2 + 50);
    complete = false;
  }
  if (faults.includes('noise-inside')) {
    const bytes = flatten(frame);
    const at = prng.int(1, bytes.length - 1);
    frame = { segments: [{ bytes: Buffer.concat([bytes.subarray(0, at), noiseBytes(prng, prng.int(1, 4)), bytes.subarray(at)]), gapBeforeMs: 0 }] };
    if (expect === 'exact') expect = 'at-most-exact';
  }
  if (faults.includes('noise-before')) frame = { segments: [{ bytes: noiseBytes(prng, prng.int(1, 16)), gapBeforeMs: 0 }, ...frame.segments] };
  if (faults.includes('noise-after')) frame = { segments: [...frame.segments, { bytes: noiseBytes(prng, prng.int(1, 16)), gapBeforeMs: 0 }] };
  if (faults.includes('split-envelope')) {
    const first = frame.segments[0];
    if (first && first.bytes.length > 1) frame = splitAt(frame, 1, 0);
  }
  if (!complete) expect = 'no-document';
  const [lo, hi] = ctx.doubleReadDelayMs;
  return {
    lines: lf.lines,
    sentText: complete ? lf.lines.join('\n') : null,
    expect,
    frame,
    repeat: faults.includes('double-read') ? { afterMs: prng.int(lo, hi) } : null,
    chunking: faults.includes('slow-trickle') ? 'trickle' : null,
  };
}
