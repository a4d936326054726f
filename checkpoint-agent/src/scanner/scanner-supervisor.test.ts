import { EventEmitter } from 'node:events';
import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { ELYCTIS_ARM, ScannerSupervisor, type ScannerFrame } from './scanner-supervisor.js';
import type { ScannerHealth } from './scanner-health.js';
import { FrameDeduper } from './frame-deduper.js';

const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const FRAME = Buffer.from(`\x1c\x02${TD3.join('\r')}\r\x03\x1d`, 'latin1');

const MockBinding = SerialPortMock.binding;
type MockPort = Awaited<ReturnType<typeof MockBinding.open>>;

/** The unplug wrapper of document-readers.md §6.5 (the simulator has its own; the agent may not import it). */
function faultBinding(path: string) {
  let absent = false;
  let live: MockPort | null = null;
  let failRead: () => void = () => undefined;
  const writes: Buffer[] = [];
  const events = new EventEmitter();
  MockBinding.createPort(path, { echo: false, record: false });
  return {
    writes,
    events,
    binding: {
      list: () => MockBinding.list(),
      async open(options: Parameters<typeof MockBinding.open>[0]) {
        if (absent) throw Object.assign(new Error(`No such file or directory, cannot open ${options.path}`), { code: 'ENOENT' });
        const port = await MockBinding.open(options);
        const write = port.write.bind(port);
        port.write = async (b: Buffer) => {
          writes.push(Buffer.from(b));
          events.emit('write');
          await write(b);
        };
        // A read pending at unplug, or the next one, fails with EIO: the stream closes with err.disconnected.
        const read = port.read.bind(port);
        port.read = (buf, off, len) =>
          new Promise((resolve, reject) => {
            if (absent) return reject(Object.assign(new Error('EIO: device unplugged'), { code: 'EIO' }));
            failRead = () => reject(Object.assign(new Error('EIO: device unplugged'), { code: 'EIO' }));
            read(buf, off, len).then(resolve, reject);
          });
        live = port;
        return port;
      },
    },
    emit: (data: Buffer) => live?.emitData(data),
    unplug() {
      absent = true;
      failRead();
      live = null;
    },
    setAbsent(v: boolean) {
      absent = v;
    },
  };
}

function next<T>(em: EventEmitter, event: string, pred: (x: T) => boolean = () => true, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timeout waiting for ${event}`)), ms);
    const on = (x: T): void => {
      if (!pred(x)) return;
      clearTimeout(t);
      em.off(event, on);
      resolve(x);
    };
    em.on(event, on);
  });
}
const state = (s: ScannerSupervisor, st: ScannerHealth['state']) =>
  s.health().state === st ? Promise.resolve(s.health()) : next<ScannerHealth>(s, 'health', (h) => h.state === st);

let n = 0;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((f) => f()));
});

function make(profile: 'access-is' | 'elyctis' | 'auto', extra: Partial<ConstructorParameters<typeof ScannerSupervisor>[0]> = {}) {
  const path = `/dev/ttyMOCK-sup-${n++}`;
  const dev = faultBinding(path);
  const s = new ScannerSupervisor({ path, profile, binding: dev.binding, idleTimeoutMs: 30, backoff: { initialMs: 5, maxMs: 40, jitter: 0 }, ...extra });
  stops.push(() => s.stop());
  return { s, dev, path };
}

describe('ScannerSupervisor', () => {
  it('opens the configured path and emits frames with text, profile, time and bytes', async () => {
    const { s, dev } = make('access-is', { clock: () => 1234 });
    s.start();
    await state(s, 'open');
    const got = next<ScannerFrame>(s, 'frame');
    dev.emit(FRAME);
    const f = await got;
    expect(f).toMatchObject({ text: TD3.join('\n'), profile: 'access-is', receivedAtMs: 1234, completedBy: 'end-marker' });
    expect(f.bytes.equals(FRAME)).toBe(true);
    expect(s.health()).toMatchObject({ state: 'open', frames: 1, badFrames: 0, reconnects: 0, lastError: null });
  });

  it('keeps retrying a missing device quietly and opens it when it appears', async () => {
    const { s, dev } = make('access-is');
    dev.setAbsent(true);
    s.start();
    const h = await state(s, 'backoff');
    expect(h.lastErrorKind).toBe('absent');
    dev.setAbsent(false);
    await state(s, 'open');
    expect(s.health().reconnects).toBe(0); // it was never open before
  });

  it('backs off exponentially (250 ms doubling to 30 s by default; here 5 → 40 ms) while the device is absent', async () => {
    const delays: number[] = [];
    const path = `/dev/ttyMOCK-sup-${n++}`;
    const dev = faultBinding(path);
    const s = new ScannerSupervisor({
      path, profile: 'auto', binding: dev.binding, backoff: { initialMs: 5, maxMs: 40, jitter: 0 },
      timers: { setTimeout: (fn, ms) => (delays.push(ms), setTimeout(fn, ms)), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    });
    stops.push(() => s.stop());
    dev.setAbsent(true);
    s.start();
    await next<ScannerHealth>(s, 'health', () => delays.length >= 6);
    expect(delays.slice(0, 6)).toEqual([5, 10, 20, 40, 40, 40]);
  });

  it('reconnects after an unplug, reports the half-received frame, and reads again', async () => {
    const { s, dev } = make('access-is', { idleTimeoutMs: 60_000 });
    const bad: string[] = [];
    s.on('badFrame', (b) => bad.push(b.reason));
    s.start();
    await state(s, 'open');
    const arrived = next(s, 'bytes');
    dev.emit(FRAME.subarray(0, 30));
    await arrived;
    const backoff = state(s, 'backoff');
    dev.unplug();
    expect((await backoff).lastErrorKind).toBe('disconnected');
    expect(bad).toContain('closed');
    dev.setAbsent(false);
    await state(s, 'open');
    expect(s.health().reconnects).toBe(1);
    const got = next<ScannerFrame>(s, 'frame');
    dev.emit(FRAME);
    expect((await got).text).toBe(TD3.join('\n')); // nothing of the old half-frame glued on
  });

  it('arms an Elyctis reader on open and re-arms it after every read', async () => {
    const { s, dev } = make('elyctis');
    s.start();
    await state(s, 'open');
    if (dev.writes.length < 1) await next(dev.events, 'write');
    expect(dev.writes[0]?.equals(ELYCTIS_ARM)).toBe(true);
    const payload = Buffer.from(TD3.join('\r'), 'latin1');
    const got = next<ScannerFrame>(s, 'frame');
    dev.emit(Buffer.concat([Buffer.from([0x49, 0, payload.length]), payload]));
    await got;
    if (dev.writes.length < 2) await next(dev.events, 'write');
    expect(dev.writes.length).toBe(2);
    expect(dev.writes[1]?.equals(ELYCTIS_ARM)).toBe(true);
  });

  it('drops a double read inside the window and counts it', async () => {
    let now = 0;
    const { s, dev } = make('access-is', { clock: () => now, dedupeWindowMs: 3000 });
    const frames: ScannerFrame[] = [];
    s.on('frame', (f) => frames.push(f));
    s.start();
    await state(s, 'open');
    const dup = next(s, 'duplicate');
    dev.emit(FRAME);
    now = 500;
    dev.emit(FRAME);
    await dup;
    now = 4000;
    const again = next(s, 'frame', () => frames.length === 2);
    dev.emit(FRAME);
    await again;
    expect(s.health()).toMatchObject({ frames: 2, duplicates: 1 });
  });

  it('stopped while opening, it releases the port (no orphan holding the lock)', async () => {
    const { s, path, dev } = make('auto');
    s.start();
    await s.stop();
    expect(s.health().state).toBe('closed');
    // The port is free again: a second supervisor can open it.
    const other = new ScannerSupervisor({ path, profile: 'auto', binding: dev.binding });
    stops.push(() => other.stop());
    other.start();
    await state(other, 'open');
  });

  it('closes on stop and stays closed', async () => {
    const { s } = make('auto');
    s.start();
    await state(s, 'open');
    await s.stop();
    expect(s.health().state).toBe('closed');
  });
});

describe('FrameDeduper', () => {
  it('accepts a repeat only after the window', () => {
    const d = new FrameDeduper(1000);
    expect(d.accept('A', 0)).toBe(true);
    expect(d.accept('A', 999)).toBe(false);
    expect(d.accept('B', 999)).toBe(true);
    expect(d.accept('A', 1000)).toBe(true);
  });
});
