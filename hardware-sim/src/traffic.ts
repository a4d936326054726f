/**
 * Steady traffic for a reader: one traveller every `60 000 / perMinute` ms (± 20 % seeded jitter), as a
 * queue of travellers would arrive at a booth.
 */
import { Prng } from './prng.js';
import type { ScanReport, SimulatedReader } from './simulated-reader.js';
import type { TravellerKind, TravellerSource } from './scenario.js';

export interface TrafficOptions {
  perMinute: number;
  seed: number;
  /** Kind of each traveller; default `random` (the generator's mix). */
  kind?: TravellerKind;
  onScan?: (report: ScanReport) => void;
}

/** Starts traffic; returns a function that stops it. */
export function startTraffic(reader: SimulatedReader, travellers: TravellerSource, o: TrafficOptions): () => void {
  const prng = new Prng(o.seed);
  const meanMs = 60_000 / o.perMinute;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    void reader.scan(travellers.next(o.kind ?? 'random')).then((r) => o.onScan?.(r));
    timer = setTimeout(tick, meanMs * (0.8 + prng.next() * 0.4));
  };
  timer = setTimeout(tick, 0);
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
  };
}
