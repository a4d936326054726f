/**
 * An in-process reader device for unit tests: `SerialPortMock.binding` wrapped so that it can be
 * unplugged and replugged (document-readers.md §6.5). Pass `device.binding` to the code under test
 * (e.g. the agent's scanner supervisor) as its serialport binding.
 */
import { EventEmitter } from 'node:events';
import { SerialPortMock } from 'serialport';
import type { ReaderDevice, ReaderDeviceEvents } from './reader-device.js';

const MockBinding = SerialPortMock.binding; // the instance SerialPortMock itself uses
type Mock = typeof MockBinding;
type MockPort = Awaited<ReturnType<Mock['open']>>;
type PortOpenOptions = Parameters<Mock['open']>[0];

/** A serialport binding whose ports can vanish and come back. */
export interface FaultBinding {
  list: Mock['list'];
  open(options: PortOpenOptions): Promise<MockPort>;
}

function unpluggedError(): Error {
  return Object.assign(new Error('EIO: device unplugged'), { code: 'EIO' });
}

export class MockReaderDevice extends EventEmitter<ReaderDeviceEvents> implements ReaderDevice {
  readonly binding: FaultBinding;
  private absent = false;
  private live: MockPort | null = null;
  private failRead: () => void = () => undefined;

  /** Creates the mock port at `path` (any string; nothing appears on disk). */
  constructor(readonly path: string) {
    super();
    MockBinding.createPort(path, { echo: false, record: false });
    this.binding = {
      list: () => MockBinding.list(),
      open: async (options) => {
        if (this.absent) {
          throw Object.assign(new Error(`No such file or directory, cannot open ${options.path}`), { code: 'ENOENT' });
        }
        const port = await MockBinding.open(options);
        const write = port.write.bind(port);
        // Bytes the host writes become `host` events, as a PTY master would deliver them.
        port.write = async (buffer: Buffer) => {
          await write(buffer);
          this.emit('host', Buffer.from(buffer));
        };
        // A read pending at unplug, or the next one, fails with EIO, so the host's stream closes with
        // err.disconnected even when no read happened to be pending at that instant.
        const read = port.read.bind(port);
        port.read = (buffer, offset, length) =>
          new Promise((resolve, reject) => {
            if (this.absent) return reject(unpluggedError());
            this.failRead = () => reject(unpluggedError());
            read(buffer, offset, length).then(resolve, reject);
          });
        this.live = port;
        return port;
      },
    };
  }

  get present(): boolean {
    return !this.absent;
  }

  /** Whether the host currently has the port open. */
  get hostOpen(): boolean {
    return this.live?.isOpen === true;
  }

  write(bytes: Buffer): boolean {
    if (this.absent || this.live === null || !this.live.isOpen) return false;
    this.live.emitData(bytes);
    return true;
  }

  unplug(): void {
    if (this.absent) return;
    this.absent = true;
    this.live = null;
    this.failRead();
    this.failRead = () => undefined;
    this.emit('unplug');
  }

  replug(): void {
    if (!this.absent) return;
    this.absent = false;
    this.emit('replug');
  }

  close(): void {
    this.unplug();
    this.removeAllListeners();
  }
}
