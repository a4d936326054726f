import type { Logger } from 'pino';
import { ScannerSupervisor, type ScannerHealth } from '../scanner/index.js';
import type { LaneConfig } from '../config.js';
import type { CheckpointRuntime, ReaderHealth } from '../runtime/checkpoint-runtime.js';

function toReaderHealth(h: ScannerHealth): ReaderHealth {
  return { state: h.state, frames: h.frames, badFrames: h.badFrames, reconnects: h.reconnects, lastError: h.lastErrorKind };
}

/**
 * Wires one scanner supervisor per lane to the runtime: every frame goes through the hot path and is
 * recorded; health changes reach the status bar. The supervisor never throws; a fault in the pipeline is
 * logged here and never takes the reader down.
 */
export class LaneReaders {
  readonly #supervisors: ScannerSupervisor[] = [];

  constructor(lanes: readonly LaneConfig[], runtime: CheckpointRuntime, log: Logger) {
    const lg = log.child({ mod: 'lanes' });
    for (const lane of lanes) {
      const sup = new ScannerSupervisor({ path: lane.devicePath, profile: lane.profile, baudRate: lane.baudRate, log: lg.child({ lane: lane.id }) });
      sup.on('frame', (frame) => {
        try {
          runtime.scan(lane.id, frame.text, 'reader', null);
        } catch (e) {
          lg.error({ err: e, lane: lane.id }, 'frame not processed');
        }
      });
      sup.on('badFrame', (b) => lg.warn({ lane: lane.id, reason: b.reason, bytes: b.bytes.length }, 'bad frame from reader'));
      sup.on('health', (h) => runtime.setReaderHealth(lane.id, toReaderHealth(h)));
      runtime.setReaderHealth(lane.id, toReaderHealth(sup.health()));
      this.#supervisors.push(sup);
    }
  }

  start(): void {
    for (const s of this.#supervisors) s.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.#supervisors.map((s) => s.stop()));
  }
}
