/**
 * One simulated document reader: a profile, a device (PTY or mock), pacing, chunking and seeded faults,
 * with the control verbs tests and the CLI use: present a document now, unplug, replug, inject a fault,
 * switch profile, status. Every byte it puts on the wire is logged with its time and whether it reached
 * a present device, so tests assert against what was really sent (document-readers.md §9.4).
 */
import { EventEmitter } from 'node:events';
import { applyFaults, noiseBytes, type ScanExpectation, type ScanFault } from './faults/fault-injector.js';
import { scheduleFrame, type Chunking, type TimedWrite } from './pacing.js';
import { Prng } from './prng.js';
import { msPerByte, type EncodedFrame, type ReaderProfile, type ReaderResponder, type SimProfileName } from './profiles/reader-profile.js';
import { getReaderProfile } from './profiles/reader-profiles.js';
import type { ReaderDevice } from './transport/reader-device.js';

export interface SimulatedReaderOptions {
  /** Name used in logs and scenarios. Default `reader`. */
  name?: string;
  profile: SimProfileName;
  device: ReaderDevice;
  /** Seed of every random choice (faults, delays). Default 1. */
  seed?: number;
  /** `baud` paces bytes at the profile's (or `baudRate`) speed; `none` sends as fast as possible. Default `baud`. */
  pacing?: 'baud' | 'none';
  baudRate?: number;
  /** Default `usb64`. */
  chunking?: Chunking;
  /** Pause between lines of `line-by-line`, ms. Default 60. */
  lineGapMs?: number;
  /** The agent's idle timeout, to size `long-pause` faults, ms. Default 150. */
  idleTimeoutMs?: number;
  /** Double-read delay range, ms. Default [50, 2000]. */
  doubleReadDelayMs?: readonly [number, number];
  /** Faults drawn at random for every scan, each with its probability. */
  randomFaults?: readonly { fault: ScanFault; probability: number }[];
}

/** One byte burst as it went on the wire. */
export interface WireRecord {
  reader: string;
  atMs: number;
  bytes: Buffer;
  /** False when the device was unplugged (bytes lost). */
  delivered: boolean;
}

export interface ScanReport {
  seq: number;
  reader: string;
  profile: SimProfileName;
  /** The document's lines as printed. */
  original: string[];
  faults: ScanFault[];
  /** What a correct driver outputs for this scan (lines joined by `\n`), or null. */
  sentText: string | null;
  expect: ScanExpectation;
  bytes: number;
  /** Every byte of the frame (and its repeat) reached a present device. */
  delivered: boolean;
  /** False when a command-driven reader never sent the document (replaced, power-cycled or closed first). */
  sent: boolean;
}

export interface ReaderStatus {
  name: string;
  profile: SimProfileName;
  path: string;
  present: boolean;
  scans: number;
  bytesSent: number;
  bytesLost: number;
}

export interface SimulatedReaderEvents {
  wire: [WireRecord];
  scan: [ScanReport];
}

export type DocumentInput = string | readonly string[] | { lines: readonly string[] };

function toLines(doc: DocumentInput): string[] {
  if (typeof doc === 'string') return doc.split(/\r\n|\r|\n/).filter((l) => l.length > 0);
  if ('lines' in doc) return [...doc.lines];
  return [...(doc as readonly string[])];
}

export class SimulatedReader extends EventEmitter<SimulatedReaderEvents> {
  readonly name: string;
  readonly device: ReaderDevice;
  /** Everything sent, in order. */
  readonly wireLog: WireRecord[] = [];
  private profile: ReaderProfile;
  private responder: ReaderResponder | null;
  private readonly prng: Prng;
  private readonly opts: SimulatedReaderOptions;
  private readonly injected: ScanFault[] = [];
  private tx: Promise<void> = Promise.resolve();
  private seq = 0;
  private bytesSent = 0;
  private bytesLost = 0;
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly t0 = Date.now();
  private closed = false;
  /** The document a command-driven reader holds until the host asks for it. */
  private held: { frame: EncodedFrame; chunking: Chunking | null; resolve: (delivered: boolean | null) => void } | null = null;

  constructor(options: SimulatedReaderOptions) {
    super();
    this.opts = options;
    this.name = options.name ?? 'reader';
    this.device = options.device;
    this.prng = new Prng(options.seed ?? 1);
    this.profile = getReaderProfile(options.profile);
    this.responder = this.profile.createResponder?.() ?? null;
    this.device.on('host', (b) => this.onHost(b));
    this.device.on('replug', () => {
      this.responder?.reset();
      this.held?.resolve(null); // the power cycle forgot the document
      this.held = null;
    });
  }

  get profileName(): SimProfileName {
    return this.profile.name;
  }

  /** Switches the reader family (a different reader on the same port). */
  setProfile(name: SimProfileName): void {
    this.profile = getReaderProfile(name);
    this.responder = this.profile.createResponder?.() ?? null;
  }

  /** Queues faults for the next scan. */
  inject(...faults: ScanFault[]): void {
    this.injected.push(...faults);
  }

  /** Sends `n` bytes of line noise now (e.g. garbage right after a replug). */
  sendNoise(n: number): Promise<boolean> {
    return this.sendBytes(noiseBytes(this.prng, n));
  }

  /** Sends raw bytes now, paced and chunked like a frame; resolves true if all reached a present device. */
  sendBytes(bytes: Buffer): Promise<boolean> {
    return this.send({ segments: [{ bytes, gapBeforeMs: 0 }] }, null);
  }

  /**
   * Presents a document now. Resolves once its last byte was written (a command-driven reader first waits
   * for the host to ask), with what was sent and what a correct driver should make of it.
   */
  async scan(doc: DocumentInput, faults: readonly ScanFault[] = [], opts: { delayMs?: number } = {}): Promise<ScanReport> {
    const original = toLines(doc);
    const all = [...faults, ...this.injected.splice(0), ...this.randomFaults()];
    const f = applyFaults(original, all, {
      prng: this.prng,
      profile: this.profile,
      idleTimeoutMs: this.opts.idleTimeoutMs ?? 150,
      doubleReadDelayMs: this.opts.doubleReadDelayMs ?? [50, 2000],
      lineGapMs: this.opts.lineGapMs ?? 60,
    });
    // The traveller arrives `delayMs` after whatever the reader is still sending (a gap between documents).
    const first = f.frame.segments[0];
    if (opts.delayMs !== undefined && first !== undefined) f.frame.segments[0] = { ...first, gapBeforeMs: first.gapBeforeMs + opts.delayMs };
    let delivered = true;
    let sent = true;
    if (this.responder !== null) {
      // A newly inserted document replaces one that was never read.
      this.held?.resolve(null);
      this.held = null;
      const now = this.responder.present(f.lines, f.frame);
      // Command-driven reader: the document waits until the host asks (Elyctis re-arm or inquiry). Held
      // before anything is awaited, so a host command arriving meanwhile finds it.
      const held = now.includes(f.frame) ? null : new Promise<boolean | null>((resolve) => (this.held = { frame: f.frame, chunking: f.chunking, resolve }));
      for (const frame of now) delivered = (await this.send(frame, frame === f.frame ? f.chunking : null)) && delivered;
      if (held !== null) {
        const r = await held;
        if (r === null) sent = false;
        else delivered = r && delivered;
      }
    } else {
      delivered = await this.send(f.frame, f.chunking);
    }
    if (f.repeat !== null && sent) {
      await this.delay(f.repeat.afterMs);
      delivered = (await this.send(f.frame, f.chunking)) && delivered;
    }
    const report: ScanReport = {
      seq: ++this.seq, reader: this.name, profile: this.profile.name, original, faults: all, sentText: f.sentText,
      expect: f.expect, bytes: f.frame.segments.reduce((s, x) => s + x.bytes.length, 0), delivered, sent,
    };
    this.emit('scan', report);
    return report;
  }

  unplug(): void {
    this.device.unplug();
  }

  replug(): void {
    this.device.replug();
  }

  status(): ReaderStatus {
    return { name: this.name, profile: this.profile.name, path: this.device.path, present: this.device.present, scans: this.seq, bytesSent: this.bytesSent, bytesLost: this.bytesLost };
  }

  /** Stops every timer and closes the device. */
  close(): void {
    this.closed = true;
    this.held?.resolve(null);
    this.held = null;
    // Pending sends end now (their bytes count as not delivered) instead of hanging their callers.
    for (const [t, resolve] of this.timers) {
      clearTimeout(t);
      resolve();
    }
    this.timers.clear();
    this.device.close();
  }

  private randomFaults(): ScanFault[] {
    return (this.opts.randomFaults ?? []).filter((r) => this.prng.chance(r.probability)).map((r) => r.fault);
  }

  private onHost(bytes: Buffer): void {
    if (this.responder === null) return;
    for (const frame of this.responder.onHostBytes(bytes)) {
      const h = this.held;
      if (h !== null && frame === h.frame) {
        this.held = null;
        void this.send(frame, h.chunking).then((ok) => h.resolve(ok));
      } else void this.send(frame, null);
    }
  }

  private msPerByte(): number {
    if (this.opts.pacing === 'none') return 0;
    return msPerByte({ ...this.profile.serial, ...(this.opts.baudRate !== undefined ? { baudRate: this.opts.baudRate } : {}) });
  }

  /** Queues a frame behind anything still being sent; resolves true if every byte reached a present device. */
  private send(frame: EncodedFrame, chunking: Chunking | null): Promise<boolean> {
    // A trickle is paced at least 1 ms per byte even when pacing is off, so it really arrives in dribs.
    const mpb = chunking === 'trickle' ? Math.max(1, this.msPerByte()) : this.msPerByte();
    const writes = scheduleFrame(frame, chunking ?? this.opts.chunking ?? 'usb64', mpb);
    const run = this.tx.then(() => this.play(writes));
    this.tx = run.then(() => undefined, () => undefined);
    return run;
  }

  private async play(writes: TimedWrite[]): Promise<boolean> {
    let ok = true;
    let elapsed = 0;
    for (const w of writes) {
      if (this.closed) return false;
      if (w.atMs > elapsed) await this.delay(w.atMs - elapsed);
      elapsed = Math.max(elapsed, w.atMs);
      const delivered = this.device.write(w.bytes);
      ok &&= delivered;
      if (delivered) this.bytesSent += w.bytes.length;
      else this.bytesLost += w.bytes.length;
      const rec: WireRecord = { reader: this.name, atMs: Date.now() - this.t0, bytes: w.bytes, delivered };
      this.wireLog.push(rec);
      this.emit('wire', rec);
    }
    return ok;
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.set(t, resolve);
    });
  }
}
