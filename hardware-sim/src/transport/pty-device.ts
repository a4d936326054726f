/**
 * A real serial device for the agent: a pseudo-terminal made in process through koffi (libc's
 * `posix_openpt`, `grantpt`, `unlockpt`, `ptsname`), published at a stable symlink
 * (document-readers.md §7). Needs nothing beyond `npm install` (no socat, no compiler).
 *
 * - The slave side is opened and held here for the device's whole life: without it the master sees EIO
 *   and the PTY vanishes whenever the agent closes its port.
 * - The slave is made raw (`cfmakeraw` on a `struct termios`) so no byte is translated or echoed.
 * - Unplug destroys the master and closes the held slave: the agent's port closes with
 *   `err.disconnected === true`, and the symlink disappears. Replug makes a new PTY and atomically
 *   points the same symlink at it.
 */
import { EventEmitter } from 'node:events';
import { closeSync, constants, mkdirSync, openSync, renameSync, rmSync, symlinkSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import tty from 'node:tty';
import koffi from 'koffi';
import { AspkError } from '@aspk/shared';
import type { ReaderDevice, ReaderDeviceEvents } from './reader-device.js';

interface Libc {
  posix_openpt(flags: number): number;
  grantpt(fd: number): number;
  unlockpt(fd: number): number;
  ptsname(fd: number): string | null;
  tcgetattr(fd: number, termios: Buffer): number;
  cfmakeraw(termios: Buffer): void;
  tcsetattr(fd: number, action: number, termios: Buffer): number;
  fcntl(fd: number, cmd: number, ...args: unknown[]): number;
}

let libc: Libc | null = null;

function loadLibc(): Libc {
  if (libc !== null) return libc;
  if (process.platform !== 'linux') throw new AspkError('PTY_FAILED', `in-process PTYs need Linux, not ${process.platform}`);
  const lib = koffi.load('libc.so.6');
  libc = {
    posix_openpt: lib.func('int posix_openpt(int flags)') as Libc['posix_openpt'],
    grantpt: lib.func('int grantpt(int fd)') as Libc['grantpt'],
    unlockpt: lib.func('int unlockpt(int fd)') as Libc['unlockpt'],
    ptsname: lib.func('const char *ptsname(int fd)') as Libc['ptsname'],
    // struct termios is 60 bytes on x86-64/aarch64 glibc; we only pass it between these calls.
    tcgetattr: lib.func('int tcgetattr(int fd, _Out_ uint8_t *termios)') as Libc['tcgetattr'],
    cfmakeraw: lib.func('void cfmakeraw(_Inout_ uint8_t *termios)') as Libc['cfmakeraw'],
    tcsetattr: lib.func('int tcsetattr(int fd, int action, const uint8_t *termios)') as Libc['tcsetattr'],
    fcntl: lib.func('int fcntl(int fd, int cmd, ...)') as Libc['fcntl'],
  };
  return libc;
}

interface Pty {
  master: tty.ReadStream;
  masterFd: number;
  slaveFd: number;
  name: string;
  /** Bytes accepted but not yet taken by the kernel (the slave's input queue was full). */
  queue: Buffer[];
  flushing: boolean;
}

function openPty(): Pty {
  const c = loadLibc();
  const O_RDWR = 2;
  const O_NOCTTY = 0o400;
  const m = c.posix_openpt(O_RDWR | O_NOCTTY);
  if (m < 0) throw new AspkError('PTY_FAILED', 'posix_openpt failed');
  const name = c.grantpt(m) === 0 && c.unlockpt(m) === 0 ? c.ptsname(m) : null;
  if (name === null) {
    closeSync(m);
    throw new AspkError('PTY_FAILED', 'grantpt/unlockpt/ptsname failed');
  }
  const slaveFd = openSync(name, constants.O_RDWR | constants.O_NOCTTY);
  const termios = Buffer.alloc(60);
  if (c.tcgetattr(slaveFd, termios) !== 0) throw new AspkError('PTY_FAILED', 'tcgetattr failed');
  c.cfmakeraw(termios);
  if (c.tcsetattr(slaveFd, 0 /* TCSANOW */, termios) !== 0) throw new AspkError('PTY_FAILED', 'tcsetattr failed');
  const master = new tty.ReadStream(m);
  // Writes go around the tty stream: it writes to a PTY master synchronously, and with the agent reading
  // in the same process (tests) a full slave queue would block the event loop for good. A non-blocking
  // fd and our own queue keep both sides turning.
  const F_GETFL = 3;
  const F_SETFL = 4;
  const O_NONBLOCK = 0o4000;
  c.fcntl(m, F_SETFL, 'int', c.fcntl(m, F_GETFL) | O_NONBLOCK);
  return { master, masterFd: m, slaveFd, name, queue: [], flushing: false };
}

export class PtyDevice extends EventEmitter<ReaderDeviceEvents> implements ReaderDevice {
  readonly path: string;
  private pty: Pty | null = null;
  private closed = false;

  /** Makes the PTY and publishes it at `linkPath` (parent folders created). Throws `AspkError('PTY_FAILED')`. */
  constructor(linkPath: string) {
    super();
    this.path = resolve(linkPath);
    mkdirSync(dirname(this.path), { recursive: true });
    this.plugIn();
  }

  get present(): boolean {
    return this.pty !== null;
  }

  /** The `/dev/pts/N` behind the link, or null when unplugged. */
  get ptsName(): string | null {
    return this.pty?.name ?? null;
  }

  /** Queues bytes for the agent; `false` when unplugged. Bytes still queued at unplug are lost, as on a wire. */
  write(bytes: Buffer): boolean {
    const pty = this.pty;
    if (pty === null) return false;
    pty.queue.push(Buffer.from(bytes));
    if (!pty.flushing) this.flush(pty);
    return true;
  }

  private flush(pty: Pty): void {
    pty.flushing = true;
    while (pty.queue.length > 0 && this.pty === pty) {
      const head = pty.queue[0] ?? Buffer.alloc(0);
      let n: number;
      try {
        n = writeSync(pty.masterFd, head);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          // The slave's input queue is full until the agent reads: try again shortly.
          setTimeout(() => this.flush(pty), 1);
          return;
        }
        pty.queue.length = 0;
        break;
      }
      if (n >= head.length) pty.queue.shift();
      else pty.queue[0] = head.subarray(n);
    }
    pty.flushing = false;
  }

  unplug(): void {
    const pty = this.pty;
    if (pty === null) return;
    this.pty = null;
    pty.queue.length = 0;
    rmSync(this.path, { force: true });
    pty.master.destroy();
    closeSync(pty.slaveFd);
    this.emit('unplug');
  }

  replug(): void {
    if (this.pty !== null || this.closed) return;
    this.plugIn();
    this.emit('replug');
  }

  close(): void {
    this.unplug();
    this.closed = true;
    this.removeAllListeners();
  }

  private plugIn(): void {
    const pty = openPty();
    pty.master.on('data', (b: Buffer) => this.emit('host', b));
    // EIO when the PTY is torn down mid-read is the unplug itself, not a fault.
    pty.master.on('error', () => undefined);
    const tmp = `${this.path}.${process.pid}.tmp`;
    rmSync(tmp, { force: true });
    symlinkSync(pty.name, tmp);
    renameSync(tmp, this.path); // atomic: the agent never sees a missing or half-made link on replug
    this.pty = pty;
  }
}
