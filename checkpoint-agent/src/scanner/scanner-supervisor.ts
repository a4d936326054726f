/**
 * Owns one reader path: opens it with serialport (never `SerialPort.list()`, which needs udevadm), feeds
 * every byte to a fresh `FrameAssembler` per connection, drops double reads, re-arms Elyctis readers,
 * and reconnects with exponential backoff after an unplug or while the device is missing
 * (document-readers.md §8.4). Faults are reported as health and events, never thrown.
 *
 * @example
 * const scanner = new ScannerSupervisor({ path: '/dev/serial/by-id/usb-ACCESS_IS_OCR-if00', profile: 'access-is' });
 * scanner.on('frame', (f) => inspect(f.text));
 * scanner.on('health', (h) => console.log(h.state));
 * scanner.start();
 * // … on shutdown:
 * await scanner.stop();
 */
import { EventEmitter } from 'node:events';
import { stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { SerialPortStream, type OpenOptions } from '@serialport/stream';
import { FrameAssembler, type AssemblerEvent } from './frame-assembler.js';
import { FrameDeduper } from './frame-deduper.js';
import type { MrzShape } from './mrz-shape.js';
import { classifySerialError, type ScannerErrorKind, type ScannerHealth, type ScannerState } from './scanner-health.js';
import type { Framing, FramingOptions, ScannerProfile } from './scanner-profile.js';

/** A serialport binding: `SerialPort.binding` in production, `SerialPortMock.binding` (or a wrapper) in tests. */
export type SerialBinding = OpenOptions['binding'];

/** One document read, ready for the inspection pipeline. */
export interface ScannerFrame {
  /** MRZ lines joined by `\n`, envelope and padding stripped. Not yet validated. */
  text: string;
  lines: string[];
  /** The configured profile, or under `auto` the framing recognised. */
  profile: string;
  framing: Framing;
  /** Exact MRZ shape, or `null` when the lines only look like an MRZ (a bad read for the validator). */
  shape: MrzShape | null;
  /** Clock time of the frame's last byte, ms. */
  receivedAtMs: number;
  /** The frame exactly as received, envelope included. */
  bytes: Buffer;
  completedBy: 'end-marker' | 'shape' | 'idle';
}

/** A frame that could not become a document: reported and counted, never thrown. */
export interface ScannerBadFrame {
  reason: 'resync' | 'idle' | 'overflow' | 'closed' | 'checksum' | 'not-mrz' | 'empty' | 'json';
  framing: Framing;
  receivedAtMs: number;
  bytes: Buffer;
}

export interface ScannerEvents {
  frame: [ScannerFrame];
  badFrame: [ScannerBadFrame];
  duplicate: [ScannerFrame];
  health: [ScannerHealth];
  /** Every chunk received, by size (for metrics and for tests that must know bytes arrived). */
  bytes: [number];
}

export interface ScannerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ScannerLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface ScannerSupervisorOptions extends FramingOptions {
  /** Device path; on real hosts a stable `/dev/serial/by-id/…` symlink. */
  path: string;
  /** Default `auto`. */
  profile?: ScannerProfile;
  /** Serial settings; default 9600 8N1. PTYs ignore them. */
  baudRate?: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
  /** Silence that ends a frame, ms. Default 150. */
  idleTimeoutMs?: number;
  /** Window in which a repeated MRZ is a double read, ms. Default 3000. */
  dedupeWindowMs?: number;
  /** Reconnect backoff: first delay (default 250 ms), doubling to `maxMs` (30 000 ms), ± `jitter` share (0.2). */
  backoff?: { initialMs?: number; maxMs?: number; jitter?: number };
  /**
   * While open, `stat` the path every this many ms as a second unplug detector; 0 = off. Default 2000
   * with the native binding, 0 with an injected one (mock ports have no file).
   */
  statPollMs?: number;
  binding?: SerialBinding;
  /** Clock, ms. Default `Date.now`. */
  clock?: () => number;
  timers?: ScannerTimers;
  /** For backoff jitter; default `Math.random`. */
  random?: () => number;
  /** A pino-compatible child logger; default silent. Never receives MRZ text. */
  log?: ScannerLog;
}

/** Elyctis ID BOX "continuous reading on" (43 00 01 01): sent on open and after every read (the reader turns it off). */
export const ELYCTIS_ARM = Buffer.from([0x43, 0x00, 0x01, 0x01]);

const silent: ScannerLog = { info: () => undefined, warn: () => undefined };

export class ScannerSupervisor extends EventEmitter<ScannerEvents> {
  private readonly opts: ScannerSupervisorOptions;
  private readonly profile: ScannerProfile;
  private readonly clock: () => number;
  private readonly timers: ScannerTimers;
  private readonly log: ScannerLog;
  private readonly deduper: FrameDeduper;
  private readonly statPollMs: number;
  private port: SerialPortStream | null = null;
  private assembler: FrameAssembler | null = null;
  private idleTimer: unknown = null;
  private retryTimer: unknown = null;
  private statTimer: unknown = null;
  private running = false;
  private attempt = 0;
  private everOpened = false;
  private h: ScannerHealth;
  private stopped: Promise<void> | null = null;

  constructor(options: ScannerSupervisorOptions) {
    super();
    this.opts = options;
    this.profile = options.profile ?? 'auto';
    this.clock = options.clock ?? Date.now;
    this.timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
    this.log = options.log ?? silent;
    this.deduper = new FrameDeduper(options.dedupeWindowMs ?? 3000);
    this.statPollMs = options.statPollMs ?? (options.binding === undefined ? 2000 : 0);
    this.h = {
      state: 'closed', path: options.path, profile: this.profile, frames: 0, badFrames: 0, duplicates: 0, noiseBytes: 0,
      reconnects: 0, lastError: null, lastErrorKind: null, connectedSince: null, lastFrameAt: null,
    };
  }

  /** A snapshot of the current health. */
  health(): ScannerHealth {
    return { ...this.h };
  }

  /** Starts opening the path; returns at once. Missing devices are retried with backoff. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = null;
    this.openNow();
  }

  /** Closes the port and cancels every timer; resolves when the port is closed. */
  stop(): Promise<void> {
    if (this.stopped !== null) return this.stopped;
    this.running = false;
    this.clearTimers();
    const port = this.port;
    this.stopped = new Promise<void>((resolve) => {
      if (port === null || !port.isOpen) {
        this.port = null;
        this.setState('closed');
        resolve();
        return;
      }
      port.once('close', () => resolve());
      port.close(() => undefined);
    });
    return this.stopped;
  }

  private openNow(): void {
    this.retryTimer = null;
    if (!this.running) return;
    this.setState('opening');
    const port = new SerialPortStream({
      binding: this.opts.binding ?? SerialPort.binding,
      path: this.opts.path,
      baudRate: this.opts.baudRate ?? 9600,
      dataBits: this.opts.dataBits ?? 8,
      parity: this.opts.parity ?? 'none',
      stopBits: this.opts.stopBits ?? 1,
      autoOpen: false,
    });
    this.port = port;
    // A data listener is always attached: a paused stream never notices an unplug (§6.3).
    port.on('data', (chunk: Buffer) => this.onData(port, chunk));
    port.on('error', (err: Error) => this.fail(err, classifySerialError(err)));
    port.on('close', (err: unknown) => this.onClose(port, err));
    port.open((err) => {
      if (port !== this.port || !this.running) {
        // Stopped while opening: never leave an orphan port holding the device lock.
        if (!err) port.close(() => undefined);
        return;
      }
      if (err) {
        this.fail(err, classifySerialError(err));
        this.port = null;
        this.scheduleRetry();
        return;
      }
      this.onOpen(port);
    });
  }

  private onOpen(port: SerialPortStream): void {
    if (this.everOpened) this.h.reconnects++;
    this.everOpened = true;
    this.attempt = 0;
    this.assembler = new FrameAssembler({
      profile: this.profile,
      ...(this.opts.idleTimeoutMs !== undefined ? { idleTimeoutMs: this.opts.idleTimeoutMs } : {}),
      ...(this.opts.deskoStart !== undefined ? { deskoStart: this.opts.deskoStart } : {}),
      ...(this.opts.deskoEnd !== undefined ? { deskoEnd: this.opts.deskoEnd } : {}),
      ...(this.opts.rteChecksum !== undefined ? { rteChecksum: this.opts.rteChecksum } : {}),
    });
    this.h.connectedSince = this.clock();
    this.log.info({ path: this.opts.path, profile: this.profile }, 'reader open');
    this.setState('open');
    if (this.profile === 'elyctis') this.write(port, ELYCTIS_ARM);
    this.scheduleStatPoll(port);
  }

  private onData(port: SerialPortStream, chunk: Buffer): void {
    if (port !== this.port || this.assembler === null) return;
    this.handle(this.assembler.push(chunk, this.clock()));
    this.emit('bytes', chunk.length);
  }

  private onClose(port: SerialPortStream, err: unknown): void {
    if (port !== this.port) return;
    this.port = null;
    this.clearTimers();
    // A frame half-received when the link dropped is reported and discarded, never glued to the next (§6.3).
    if (this.assembler !== null) this.handle(this.assembler.reset());
    this.assembler = null;
    this.h.connectedSince = null;
    if (!this.running) {
      this.setState('closed');
      return;
    }
    this.fail(err ?? new Error('port closed'), 'disconnected');
    this.scheduleRetry();
  }

  private handle(events: AssemblerEvent[]): void {
    let changed = false;
    let rearm = false;
    for (const ev of events) {
      rearm ||= this.endsElyctisRead(ev);
      if (ev.kind === 'frame') changed = this.onFrame(ev) || changed;
      else if (ev.kind === 'partial' || ev.kind === 'bad') {
        this.h.badFrames++;
        changed = true;
        this.emit('badFrame', { reason: ev.reason, framing: ev.framing, receivedAtMs: this.clock(), bytes: ev.raw });
      } else if (ev.kind === 'noise') this.h.noiseBytes += ev.bytes;
    }
    // The reader turned continuous mode off after this read (good or bad); re-arm it for the next document.
    if (rearm && this.port !== null && this.port.isOpen) this.write(this.port, ELYCTIS_ARM);
    this.scheduleIdle();
    if (changed) this.emit('health', this.health());
  }

  private endsElyctisRead(ev: AssemblerEvent): boolean {
    if (ev.kind === 'noise') return false;
    if (ev.kind === 'ignored') return ev.framing === 'elyctis' && ev.what === 'no-document';
    return ev.framing === 'elyctis' || (this.profile === 'elyctis' && ev.kind !== 'frame');
  }

  private onFrame(ev: Extract<AssemblerEvent, { kind: 'frame' }>): boolean {
    const text = ev.lines.join('\n');
    const frame: ScannerFrame = {
      text, lines: ev.lines, profile: this.profile === 'auto' ? ev.framing : this.profile, framing: ev.framing,
      shape: ev.shape, receivedAtMs: ev.lastByteAt, bytes: ev.raw, completedBy: ev.completedBy,
    };
    if (!this.deduper.accept(text, ev.lastByteAt)) {
      this.h.duplicates++;
      this.emit('duplicate', frame);
      return false;
    }
    this.h.frames++;
    this.h.lastFrameAt = ev.lastByteAt;
    this.emit('frame', frame);
    return true;
  }

  private write(port: SerialPortStream, bytes: Buffer): void {
    port.write(bytes, (err) => {
      if (err) this.log.warn({ path: this.opts.path, err: err.message }, 'reader write failed');
    });
  }

  private fail(err: unknown, kind: ScannerErrorKind): void {
    const message = err instanceof Error ? err.message : String(err);
    const quiet = kind === 'absent' && this.h.lastErrorKind === 'absent';
    this.h.lastError = message;
    this.h.lastErrorKind = kind;
    if (!quiet) this.log.warn({ path: this.opts.path, kind, err: message }, 'reader unavailable');
    this.emit('health', this.health());
  }

  private scheduleRetry(): void {
    if (!this.running || this.retryTimer !== null) return;
    const b = this.opts.backoff ?? {};
    const base = Math.min(b.maxMs ?? 30_000, (b.initialMs ?? 250) * 2 ** this.attempt);
    const jitter = b.jitter ?? 0.2;
    const delay = Math.max(0, base * (1 + jitter * ((this.opts.random ?? Math.random)() * 2 - 1)));
    this.attempt = Math.min(this.attempt + 1, 30);
    this.setState('backoff');
    this.retryTimer = this.timers.setTimeout(() => this.openNow(), delay);
  }

  private scheduleIdle(): void {
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const deadline = this.assembler?.nextDeadlineMs() ?? null;
    if (deadline === null) return;
    this.idleTimer = this.timers.setTimeout(() => {
      this.idleTimer = null;
      if (this.assembler !== null) this.handle(this.assembler.tick(this.clock()));
    }, Math.max(0, deadline - this.clock()));
  }

  private scheduleStatPoll(port: SerialPortStream): void {
    if (this.statPollMs <= 0) return;
    this.statTimer = this.timers.setTimeout(() => {
      this.statTimer = null;
      stat(this.opts.path).then(
        () => {
          if (port === this.port) this.scheduleStatPoll(port);
        },
        (err: unknown) => {
          // The device node vanished although no read failed (e.g. Windows-like silent unplug): reconnect.
          if (port !== this.port) return;
          this.log.warn({ path: this.opts.path, err: String(err) }, 'reader path vanished');
          port.close(() => undefined);
        },
      );
    }, this.statPollMs);
  }

  private clearTimers(): void {
    for (const t of [this.idleTimer, this.retryTimer, this.statTimer]) if (t !== null) this.timers.clearTimeout(t);
    this.idleTimer = this.retryTimer = this.statTimer = null;
  }

  private setState(state: ScannerState): void {
    if (this.h.state === state) return;
    this.h.state = state;
    this.emit('health', this.health());
  }
}
