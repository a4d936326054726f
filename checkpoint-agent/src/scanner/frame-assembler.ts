/**
 * Bytes → MRZ frames, as a pure function of the bytes and an injected clock (document-readers.md §8.2).
 * No timers and no I/O: the caller passes the time with every call and calls `tick` when
 * `nextDeadlineMs()` passes, so every profile × fault case is a table-driven test with fake timestamps.
 *
 * A hand-written state machine rather than serialport's stock parsers: none of them copes with mixed
 * separators, envelopes that contain any byte value, empty lines, or latin1 noise (§6.4).
 *
 * The buffer is re-scanned from its head on every push. That is quadratic in the frame size, which is
 * capped at `maxFrameBytes` (1 KiB), so at most ~1 M byte visits per frame, and far simpler than
 * carrying a resumable scanner state across chunk boundaries.
 */
import { ANY, envelopesFor, matchEnd, matchStart, type EnvelopeSpec } from './envelope-table.js';
import { parseJsonStxMessage } from './json-stx-message.js';
import { isMrzByte, looksLikeMrz, mrzShapeOf, plausibleLineOrder, shapeForLineLength, splitByShape, splitMrzLines, type MrzShape } from './mrz-shape.js';
import type { Framing, FramingOptions, ScannerProfile } from './scanner-profile.js';

export type AssemblerEvent =
  | {
      kind: 'frame';
      framing: Framing;
      /** MRZ lines, envelope and padding stripped. */
      lines: string[];
      /** Exact MRZ shape, or `null` for a frame that only looks like an MRZ (validator classifies it). */
      shape: MrzShape | null;
      raw: Buffer;
      completedBy: 'end-marker' | 'shape' | 'idle';
      firstByteAt: number;
      lastByteAt: number;
    }
  | { kind: 'partial'; framing: Framing; raw: Buffer; reason: 'resync' | 'idle' | 'overflow' | 'closed' }
  | { kind: 'bad'; framing: Framing; raw: Buffer; reason: 'checksum' | 'not-mrz' | 'empty' | 'json' }
  | { kind: 'ignored'; framing: Framing | 'msr' | 'barcode'; raw: Buffer; what: string }
  | { kind: 'noise'; bytes: number };

export interface FrameAssemblerOptions extends FramingOptions {
  profile: ScannerProfile;
  /** Silence that ends a frame, ms. Must exceed the longest gap inside a frame. Default 150. */
  idleTimeoutMs?: number;
  /** Largest frame kept, bytes; beyond it the frame is discarded as `overflow`. Default 1024. */
  maxFrameBytes?: number;
}

const CR = 0x0d;
const LF = 0x0a;
// Elyctis ID BOX answers: Inquire (I), Inquire one line (L), continuous-mode ack (C), card state (S).
const ELYCTIS_CMDS = new Set([0x49, 0x4c, 0x43, 0x53]);
const WAIT = null;
type Step = AssemblerEvent[] | null;

function isPad(b: number): boolean {
  return b === 0x5f || b === 0x20;
}

function trimPad(s: string): string {
  return s.replace(/^[_ ]+|[_ ]+$/g, '');
}

export class FrameAssembler {
  private readonly envelopes: EnvelopeSpec[];
  private readonly lineMode: boolean;
  private readonly elyctis: 'off' | 'strict' | 'sniff';
  private readonly idleMs: number;
  private readonly maxBytes: number;
  private readonly rteChecksum: 'xor' | 'none';
  private buf: Buffer = Buffer.alloc(0);
  /** Absolute offset of `buf[0]`, and the arrival time of every pushed piece, to timestamp frames. */
  private base = 0;
  private marks: { end: number; at: number }[] = [];
  private lastByteAt: number | null = null;

  constructor(options: FrameAssemblerOptions) {
    const p = options.profile;
    this.envelopes = envelopesFor(p, options);
    this.lineMode = p === 'auto' || p === 'plain-cr' || p === 'plain-lf' || p === 'plain-crlf' || p === 'line-by-line';
    // In `auto`, an Elyctis header must have a 00 high length byte, which never occurs in MRZ text.
    this.elyctis = p === 'elyctis' ? 'strict' : p === 'auto' ? 'sniff' : 'off';
    this.idleMs = options.idleTimeoutMs ?? 150;
    this.maxBytes = options.maxFrameBytes ?? 1024;
    this.rteChecksum = options.rteChecksum ?? 'xor';
  }

  /** Feeds bytes that arrived at `nowMs`; returns what they completed. */
  push(bytes: Uint8Array, nowMs: number): AssemblerEvent[] {
    const out = this.tick(nowMs);
    // Slices bound the damage of an overflow to what one frame could hold.
    for (let off = 0; off < bytes.length; off += 256) {
      const piece = bytes.subarray(off, Math.min(bytes.length, off + 256));
      this.buf = this.buf.length === 0 ? Buffer.from(piece) : Buffer.concat([this.buf, piece]);
      this.marks.push({ end: this.base + this.buf.length, at: nowMs });
      this.lastByteAt = nowMs;
      out.push(...this.drain(false));
      if (this.buf.length > this.maxBytes) {
        out.push({ kind: 'partial', framing: 'line', raw: Buffer.from(this.buf), reason: 'overflow' });
        this.consume(this.buf.length);
      }
    }
    return out;
  }

  /** Completes whatever has been silent for `idleTimeoutMs` by `nowMs`. */
  tick(nowMs: number): AssemblerEvent[] {
    if (this.buf.length === 0 || this.lastByteAt === null || nowMs - this.lastByteAt < this.idleMs) return [];
    return this.drain(true);
  }

  /** When `tick` must next be called (ms, same clock as `push`), or `null` when nothing is pending. */
  nextDeadlineMs(): number | null {
    return this.buf.length === 0 || this.lastByteAt === null ? null : this.lastByteAt + this.idleMs;
  }

  /** Discards all state (on port close); returns the unfinished frame, if any, as `partial` (`closed`). */
  reset(): AssemblerEvent[] {
    const out: AssemblerEvent[] = [];
    if (this.buf.length > 0) out.push({ kind: 'partial', framing: 'line', raw: Buffer.from(this.buf), reason: 'closed' });
    this.consume(this.buf.length);
    this.lastByteAt = null;
    return out;
  }

  private drain(idle: boolean): AssemblerEvent[] {
    const out: AssemblerEvent[] = [];
    while (this.buf.length > 0) {
      const step = this.step(idle);
      if (step === WAIT) break;
      out.push(...step);
    }
    return out;
  }

  private consume(n: number): void {
    this.buf = this.buf.subarray(n);
    this.base += n;
    while (this.marks.length > 0 && (this.marks[0]?.end ?? 0) <= this.base) this.marks.shift();
    if (this.buf.length === 0) this.buf = Buffer.alloc(0);
  }

  private timeOf(abs: number): number {
    for (const m of this.marks) if (m.end > abs) return m.at;
    return this.lastByteAt ?? 0;
  }

  /** Takes `n` bytes off the head, returning a copy and their first/last arrival times. */
  private take(n: number): { raw: Buffer; first: number; last: number } {
    const first = this.timeOf(this.base);
    const last = this.timeOf(this.base + n - 1);
    const raw = Buffer.from(this.buf.subarray(0, n));
    this.consume(n);
    return { raw, first, last };
  }

  /** One decision at the head of the buffer; must consume at least one byte unless it returns WAIT. */
  private step(idle: boolean): Step {
    const buf = this.buf;
    let maybe = false;
    for (const spec of this.envelopes) {
      const m = matchStart(spec, buf, 0);
      if (m === 'yes') return this.envelope(spec, idle);
      if (m === 'maybe') maybe = true;
    }
    const e = this.matchElyctis(buf, 0);
    if (e === 'yes') return this.elyctisMessage(idle);
    if (e === 'maybe') maybe = true;
    if (maybe && !idle) return WAIT;
    if (this.lineMode) return this.lines(idle);
    return this.skipOutside(idle);
  }

  /** Bytes outside any frame in an envelope profile: separators are silent, the rest is noise. */
  private skipOutside(idle: boolean): Step {
    const buf = this.buf;
    let i = 1;
    // Stop at anything that is or may become a start marker; the next step decides on it.
    while (i < buf.length && this.startAt(buf, i) === 'no') i++;
    let noise = 0;
    for (let k = 0; k < i; k++) {
      const b = buf[k] ?? 0;
      if (b !== CR && b !== LF && !isPad(b)) noise++;
    }
    this.consume(i);
    return noise > 0 ? [{ kind: 'noise', bytes: noise }] : [];
  }

  /** Whether any recognised frame starts at `at` (Elyctis only on a full header). */
  private startAt(buf: Buffer, at: number): 'yes' | 'maybe' | 'no' {
    let r: 'yes' | 'maybe' | 'no' = 'no';
    for (const spec of this.envelopes) {
      const m = matchStart(spec, buf, at);
      if (m === 'yes') return 'yes';
      if (m === 'maybe' && spec.start[0] !== ANY) r = 'maybe';
    }
    return this.matchElyctis(buf, at) === 'yes' ? 'yes' : r;
  }

  private matchElyctis(buf: Buffer, at: number): 'yes' | 'maybe' | 'no' {
    if (this.elyctis === 'off' || !ELYCTIS_CMDS.has(buf[at] ?? -1)) return 'no';
    const hi = buf[at + 1];
    if (hi === undefined) return at === 0 ? 'maybe' : 'no';
    if (this.elyctis === 'sniff' ? hi !== 0 : hi > 0x04) return 'no';
    if (buf[at + 2] === undefined) return at === 0 ? 'maybe' : 'no';
    return 'yes';
  }

  /** Line mode (plain, line-by-line): completes on MRZ shape, resyncs on an envelope, else idle. */
  private lines(idle: boolean): Step {
    const buf = this.buf;
    const lines: string[] = [];
    let cur = '';
    let padded = false;
    let noise = 0;
    for (let i = 0; i < buf.length; i++) {
      if (i > 0) {
        const s = this.startAt(buf, i);
        if (s === 'maybe' && !idle) return WAIT;
        if (s === 'yes') return this.endLines(lines, cur, noise, i, 'resync');
      }
      const b = buf[i] ?? 0;
      if (b === CR || b === LF) {
        const line = padded ? trimPad(cur) : cur;
        cur = '';
        padded = false;
        if (line.length === 0) continue;
        lines.push(line);
        const f = this.tailShape(lines, null);
        if (f !== null) return this.lineFrame(lines, f, i + 1);
      } else if (isMrzByte(b) || isPad(b)) {
        cur += String.fromCharCode(b);
        padded ||= isPad(b);
        // Hot loop: only a line of an MRZ length can complete a shape, and only padded lines need trimming.
        const t = padded ? trimPad(cur) : cur;
        if (t.length === 30 || t.length === 36 || t.length === 44) {
          const f = this.tailShape(lines, t);
          if (f !== null) return this.lineFrame([...lines, t], f, i + 1);
        }
      } else {
        noise++; // control bytes, 00/FF line noise: dropped, never part of a line
      }
    }
    if (!idle) return WAIT;
    return this.endLines(lines, cur, noise, buf.length, 'idle');
  }

  /** How many trailing lines form a complete shape, counting `cur` (an unterminated line) if given. */
  private tailShape(lines: string[], cur: string | null): number | null {
    const all = cur === null ? lines : [...lines, cur];
    const last = all[all.length - 1];
    if (last === undefined) return null;
    const s = shapeForLineLength(last.length);
    if (s === null || all.length < s.lines) return null;
    for (let k = all.length - s.lines; k < all.length; k++) if (all[k]?.length !== last.length) return null;
    return plausibleLineOrder(all.slice(all.length - s.lines)) ? s.lines : null;
  }

  private lineFrame(all: string[], count: number, consumed: number): AssemblerEvent[] {
    const { raw, first, last } = this.take(consumed);
    const out: AssemblerEvent[] = [];
    const leading = all.slice(0, all.length - count);
    if (leading.length > 0) out.push({ kind: 'partial', framing: 'line', raw: Buffer.from(leading.join('\r'), 'latin1'), reason: 'resync' });
    const lines = all.slice(all.length - count);
    out.push({ kind: 'frame', framing: 'line', lines, shape: mrzShapeOf(lines), raw, completedBy: 'shape', firstByteAt: first, lastByteAt: last });
    return out;
  }

  private endLines(lines: string[], cur: string, noise: number, consumed: number, reason: 'resync' | 'idle'): AssemblerEvent[] {
    const content = lines.length > 0 || trimPad(cur).length > 0;
    const { raw } = this.take(consumed);
    if (content) return [{ kind: 'partial', framing: 'line', raw, reason }];
    return noise > 0 ? [{ kind: 'noise', bytes: noise }] : [];
  }

  /** An envelope frame: ends on its end marker (plus trailer), a new start marker (resync), or idle. */
  private envelope(spec: EnvelopeSpec, idle: boolean): Step {
    const buf = this.buf;
    for (let j = spec.start.length; j < buf.length; j++) {
      const e = matchEnd(spec, buf, j);
      if (e === 'yes') {
        const total = j + spec.end.length + spec.trailer;
        if (total <= buf.length) return this.finishEnvelope(spec, j, total, false);
        if (!idle) return WAIT;
        return this.finishEnvelope(spec, j, buf.length, true);
      }
      if (e === 'maybe') break;
      if (this.startAt(buf, j) === 'yes') {
        return [{ kind: 'partial', framing: this.framingOf(spec), raw: this.take(j).raw, reason: 'resync' }];
      }
    }
    if (!idle) return WAIT;
    return [{ kind: 'partial', framing: this.framingOf(spec), raw: this.take(buf.length).raw, reason: 'idle' }];
  }

  private framingOf(spec: EnvelopeSpec): Framing {
    return spec.framing === 'msr' || spec.framing === 'barcode' ? 'access-is' : spec.framing;
  }

  private finishEnvelope(spec: EnvelopeSpec, bodyEnd: number, total: number, trailerMissing: boolean): AssemblerEvent[] {
    const bodyStart = spec.start.length;
    const body = this.buf.toString('latin1', bodyStart, bodyEnd);
    const bccOk = spec.body !== 'rte' || this.rteChecksum === 'none' || (!trailerMissing && this.rteBccOk(bodyEnd));
    const { raw, first, last } = this.take(total);
    const completedBy = trailerMissing ? 'idle' : 'end-marker';
    if (spec.framing === 'msr' || spec.framing === 'barcode') return [{ kind: 'ignored', framing: spec.framing, raw, what: spec.framing }];
    let framing: Framing = spec.framing;
    let lines: string[];
    if (!bccOk) return [{ kind: 'bad', framing, raw, reason: 'checksum' }];
    if (spec.body === 'lines-or-json' && body.trimStart().startsWith('{')) {
      framing = 'json-stx';
      const msg = parseJsonStxMessage(body.trim());
      if (msg === null) return [{ kind: 'bad', framing, raw, reason: 'json' }];
      if (msg.type === 'status') return [{ kind: 'ignored', framing, raw, what: `status:${msg.status}` }];
      lines = splitMrzLines(msg.mrz);
    } else {
      lines = splitMrzLines(body);
    }
    return [this.linesEvent(framing, lines, raw, completedBy, first, last)];
  }

  /** 3M/Thales BCC: XOR of the bytes from LEN (offset 1) through ETX must equal the byte after ETX. */
  private rteBccOk(etxAt: number): boolean {
    let x = 0;
    for (let k = 1; k <= etxAt; k++) x ^= this.buf[k] ?? 0;
    return this.buf[etxAt + 1] === x;
  }

  private linesEvent(framing: Framing, lines: string[], raw: Buffer, completedBy: 'end-marker' | 'idle', first: number, last: number): AssemblerEvent {
    if (lines.length === 0) return { kind: 'bad', framing, raw, reason: 'empty' };
    if (!looksLikeMrz(lines)) return { kind: 'bad', framing, raw, reason: 'not-mrz' };
    return { kind: 'frame', framing, lines, shape: mrzShapeOf(lines), raw, completedBy, firstByteAt: first, lastByteAt: last };
  }

  /** Elyctis: `cmd LH LL payload`, big-endian length; read by length, never scanned for markers. */
  private elyctisMessage(idle: boolean): Step {
    const buf = this.buf;
    const len = ((buf[1] ?? 0) << 8) | (buf[2] ?? 0);
    if (buf.length < 3 + len) {
      if (!idle) return WAIT;
      return [{ kind: 'partial', framing: 'elyctis', raw: this.take(buf.length).raw, reason: 'idle' }];
    }
    const cmd = buf[0];
    const payload = buf.toString('latin1', 3, 3 + len);
    const { raw, first, last } = this.take(3 + len);
    if (cmd === 0x43) return [{ kind: 'ignored', framing: 'elyctis', raw, what: 'continuous-mode' }];
    if (cmd === 0x53) return [{ kind: 'ignored', framing: 'elyctis', raw, what: 'card-state' }];
    if (len === 0) return [{ kind: 'ignored', framing: 'elyctis', raw, what: 'no-document' }];
    // "Inquire one line" (4C) answers the MRZ without separators: split it by its total length.
    const lines = cmd === 0x4c && !/[\r\n]/.test(payload) ? (splitByShape(payload) ?? [payload]) : splitMrzLines(payload);
    return [this.linesEvent('elyctis', lines, raw, 'end-marker', first, last)];
  }
}
