/**
 * The booths' document readers: one simulated reader per lane on a real PTY (the agent opens the device
 * path exactly as it would a real reader), fed from the shared traveller pool at a steady, jittered rate.
 */
import { join } from 'node:path';
import { Prng, PtyDevice, SimulatedReader, type ScanReport, type SimProfileName, type Traveller } from '@aspk/hardware-sim';
import type { TravellerPool } from './traveller-pool.js';

/** One lane's reader as configured in the demo. */
export interface DemoLane {
  checkpointId: string;
  laneId: string;
  profile: SimProfileName;
}

/** What the travellers scanned so far were (the terminal's status line). */
export interface TrafficTally {
  scanned: number;
  listed: number;
  stolen: number;
  invalid: number;
  expired: number;
  minors: number;
}

export class DemoReaders {
  readonly readers = new Map<string, SimulatedReader>();
  readonly devices = new Map<string, PtyDevice>();
  readonly tally: TrafficTally = { scanned: 0, listed: 0, stolen: 0, invalid: 0, expired: 0, minors: 0 };
  readonly #timers = new Set<NodeJS.Timeout>();
  #stopped = false;

  /**
   * Creates the PTYs at `<devDir>/<checkpoint>-lane-<lane>`.
   * @param pacing `baud` sends at the reader's line speed (the demo); `none` as fast as possible (tests)
   */
  constructor(readonly lanes: readonly DemoLane[], devDir: string, readonly pool: TravellerPool, seed: number, pacing: 'baud' | 'none' = 'baud') {
    lanes.forEach((lane, i) => {
      const key = DemoReaders.key(lane.checkpointId, lane.laneId);
      const device = new PtyDevice(join(devDir, `${lane.checkpointId}-lane-${lane.laneId}`));
      this.devices.set(key, device);
      // A few faults real readers produce (a document left on the glass is read twice, line noise at power-up):
      // the agent's driver must absorb them, and the demo shows that it does.
      const randomFaults = pacing === 'baud' ? [{ fault: 'double-read' as const, probability: 0.03 }, { fault: 'noise-before' as const, probability: 0.02 }] : [];
      this.readers.set(key, new SimulatedReader({ name: key, profile: lane.profile, device, seed: seed + i, pacing, randomFaults }));
    });
  }

  static key(checkpointId: string, laneId: string): string {
    return `${checkpointId}/${laneId}`;
  }

  /** The device path the agent's lane opens. */
  devicePath(checkpointId: string, laneId: string): string {
    return this.devices.get(DemoReaders.key(checkpointId, laneId))!.path;
  }

  reader(checkpointId: string, laneId: string): SimulatedReader {
    const r = this.readers.get(DemoReaders.key(checkpointId, laneId));
    if (r === undefined) throw new Error(`no reader for ${checkpointId} lane ${laneId}`);
    return r;
  }

  /** Presents `doc` (a traveller or MRZ lines) at a lane's reader now; resolves when its bytes are sent. */
  scan(checkpointId: string, laneId: string, doc: Traveller | readonly string[]): Promise<ScanReport> {
    const t = 'lines' in doc ? doc : null;
    if (t !== null) this.#count(t);
    return this.reader(checkpointId, laneId).scan(t !== null ? t.lines : (doc as readonly string[]));
  }

  /** Starts steady traffic: every lane gets the pool's next traveller about every `60 000 / perMinute` ms (± 20 %). */
  startTraffic(perMinute: number, seed: number): void {
    if (perMinute <= 0) return;
    const meanMs = 60_000 / perMinute;
    const prng = new Prng(seed);
    this.lanes.forEach((lane, i) => {
      const tick = (): void => {
        if (this.#stopped) return;
        void this.scan(lane.checkpointId, lane.laneId, this.pool.next());
        this.#schedule(tick, meanMs * (0.8 + prng.next() * 0.4));
      };
      // Lanes start staggered so that the booths do not scan in lockstep.
      this.#schedule(tick, 1500 + (i * meanMs) / this.lanes.length);
    });
  }

  /** Stops the traffic; the readers stay plugged in. */
  stopTraffic(): void {
    this.#stopped = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }

  /** Stops the traffic and closes every PTY (an agent still running would see its readers unplugged). */
  close(): void {
    this.stopTraffic();
    for (const r of this.readers.values()) r.close();
  }

  #schedule(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
  }

  #count(t: Traveller): void {
    const s = this.tally;
    s.scanned++;
    if (t.watchlistEntryId !== null) s.listed++;
    if (t.stolenEntryId !== null) s.stolen++;
    if (t.invalid) s.invalid++;
    if (t.expired) s.expired++;
    if (t.minor) s.minors++;
  }
}
