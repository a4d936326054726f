/**
 * The far side of a reader's serial link, as the simulator sees it: bytes written here reach the agent's
 * port; bytes the agent writes arrive as `host` events. Unplug makes the device vanish (the agent's port
 * closes with `disconnected`), replug brings it back at the same path.
 */
import type { EventEmitter } from 'node:events';

export interface ReaderDeviceEvents {
  host: [Buffer];
  unplug: [];
  replug: [];
}

export interface ReaderDevice extends EventEmitter<ReaderDeviceEvents> {
  /** The path the agent opens. */
  readonly path: string;
  readonly present: boolean;
  /** Sends bytes "from the reader"; `false` (bytes lost) when the device is unplugged. */
  write(bytes: Buffer): boolean;
  unplug(): void;
  replug(): void;
  /** Unplugs for good and releases every resource. */
  close(): void;
}
