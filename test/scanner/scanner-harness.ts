/**
 * Helpers for the scanner tests: the simulator drives a device, the agent's real ScannerSupervisor reads
 * it, and events are awaited with timeouts (never sleeps).
 */
import { EventEmitter, once } from 'node:events';
import { parse } from 'mrz';
import { TravellerGenerator, type DocumentKind, type Traveller } from '@aspk/hardware-sim';
import { ScannerSupervisor, type ScannerFrame, type ScannerHealth } from '@aspk/checkpoint-agent';

/** Resolves with the first `event` whose payload satisfies `pred`, or rejects after `timeoutMs`. */
export function waitFor<T>(emitter: EventEmitter, event: string, pred: (x: T) => boolean, timeoutMs: number, what = event): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onEvent = (x: T): void => {
      if (!pred(x)) return;
      cleanup();
      resolve(x);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      emitter.off(event, onEvent);
    };
    emitter.on(event, onEvent);
  });
}

export function waitForState(s: ScannerSupervisor, state: ScannerHealth['state'], timeoutMs = 5000): Promise<ScannerHealth> {
  if (s.health().state === state) return Promise.resolve(s.health());
  return waitFor<ScannerHealth>(s, 'health', (h) => h.state === state, timeoutMs, `state ${state}`);
}

export function waitForFrame(s: ScannerSupervisor, text: string, timeoutMs = 5000, what = 'frame'): Promise<ScannerFrame> {
  return waitFor<ScannerFrame>(s, 'frame', (f) => f.text === text, timeoutMs, what);
}

/** Whether MRZ text is a valid document by the npm `mrz` package (the oracle; check digits and codes). */
export function isValidMrz(text: string): boolean {
  try {
    return parse(text.split('\n')).valid;
  } catch {
    return false;
  }
}

/** Clean, unexpired, valid travellers of the given kinds, from a seed. */
export function cleanTravellers(seed: number, kinds: readonly DocumentKind[] = ['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB']): TravellerGenerator {
  return new TravellerGenerator({ seed, now: new Date('2026-06-01T00:00:00Z'), mix: { watchlisted: 0, stolen: 0, invalid: 0, expired: 0, minor: 0 }, kinds });
}

export type { Traveller };
export { once };
