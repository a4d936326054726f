/**
 * Scenario files (document-readers.md §9.4): a seed, the readers, and a timeline of scans, faults,
 * unplugs and replugs. Parsed once by zod; a bad file gets a readable error naming the field.
 *
 * ```json
 * { "seed": 42,
 *   "readers": { "lane1": { "profile": "access-is" }, "lane2": { "profile": "3m-rte" } },
 *   "steps": [
 *     { "at": 0,    "reader": "lane1", "scan": "random" },
 *     { "at": 500,  "reader": "lane1", "scan": "watchlisted", "faults": ["double-read"] },
 *     { "at": 900,  "reader": "lane1", "inject": "noise-before" },
 *     { "at": 1500, "reader": "lane2", "unplug": true },
 *     { "at": 4000, "reader": "lane2", "replug": true },
 *     { "at": 4100, "reader": "lane2", "noise": 32 } ] }
 * ```
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AspkError } from '@aspk/shared';
import { SCAN_FAULTS } from './faults/fault-injector.js';
import { CHUNKINGS } from './pacing.js';
import { SIM_PROFILES } from './profiles/reader-profile.js';
import { SimulatedReader, type ScanReport } from './simulated-reader.js';
import { TravellerGenerator, type GeneratedWatchlistEntry, type TravellerMix } from './travellers/traveller-generator.js';
import type { ReaderDevice } from './transport/reader-device.js';

export const TRAVELLER_KINDS = ['random', 'watchlisted', 'stolen', 'invalid', 'expired', 'minor'] as const;
export type TravellerKind = (typeof TRAVELLER_KINDS)[number];

const ScenarioReader = z.strictObject({
  profile: z.enum(SIM_PROFILES),
  /** Device link path; default `<linkDir>/ttyMRZ-<name>`. */
  link: z.string().min(1).optional(),
  pacing: z.enum(['baud', 'none']).optional(),
  baudRate: z.number().int().positive().optional(),
  chunking: z.enum(CHUNKINGS).optional(),
  lineGapMs: z.number().nonnegative().optional(),
  /** Double-read delay range, ms; default [50, 2000]. */
  doubleReadDelayMs: z.tuple([z.number().nonnegative(), z.number().nonnegative()]).optional(),
});

const At = { at: z.number().nonnegative(), reader: z.string().min(1) };
const ScenarioStep = z.union([
  z.strictObject({ ...At, scan: z.union([z.enum(TRAVELLER_KINDS), z.strictObject({ mrz: z.string().min(1) })]), faults: z.array(z.enum(SCAN_FAULTS)).optional() }),
  z.strictObject({ ...At, inject: z.enum(SCAN_FAULTS) }),
  z.strictObject({ ...At, unplug: z.literal(true) }),
  z.strictObject({ ...At, replug: z.literal(true) }),
  z.strictObject({ ...At, noise: z.number().int().positive().max(1_000_000) }),
]);

export const Scenario = z
  .strictObject({
    seed: z.number().int().nonnegative(),
    readers: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, 'reader names are letters, digits, _ and -'), ScenarioReader),
    steps: z.array(ScenarioStep),
  })
  .superRefine((s, ctx) => {
    s.steps.forEach((step, i) => {
      if (!(step.reader in s.readers)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'reader'], message: `unknown reader ${step.reader}` });
    });
  });
export type Scenario = z.infer<typeof Scenario>;

/** Reads and validates a scenario file; throws `AspkError('INPUT_INVALID')` with zod's readable message. */
export function loadScenario(file: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AspkError('INPUT_INVALID', `scenario ${file} is not readable JSON: ${(e as Error).message}`);
  }
  const r = Scenario.safeParse(json);
  if (!r.success) throw new AspkError('INPUT_INVALID', `scenario ${file} is invalid:\n${z.prettifyError(r.error)}`, r.error.issues);
  return r.data;
}

/** Travellers of a given kind, each kind from its own seeded stream. */
export class TravellerSource {
  private readonly gens = new Map<TravellerKind, TravellerGenerator>();
  /** Watchlist entries of every traveller handed out. */
  readonly entries: GeneratedWatchlistEntry[] = [];

  constructor(private readonly seed: number, private readonly now: Date = new Date()) {}

  next(kind: TravellerKind = 'random'): { lines: string[] } {
    let g = this.gens.get(kind);
    if (g === undefined) {
      const none: TravellerMix = { watchlisted: 0, stolen: 0, invalid: 0, expired: 0, minor: 0 };
      const mix: TravellerMix = kind === 'random' ? {} : { ...none, [kind]: 1 };
      // Visas are never on the lost/stolen document list, so a "stolen" traveller carries a travel document.
      const kinds = kind === 'stolen' ? (['TD1', 'TD2', 'TD3', 'PU'] as const) : undefined;
      g = new TravellerGenerator({ seed: this.seed + TRAVELLER_KINDS.indexOf(kind) * 7919, now: this.now, mix, ...(kinds ? { kinds } : {}) });
      this.gens.set(kind, g);
    }
    const t = g.next();
    this.entries.push(...t.watchlistEntries);
    return t;
  }
}

export interface ScenarioRun {
  readers: Map<string, SimulatedReader>;
  travellers: TravellerSource;
  /** Resolves with every scan report once the last step has run and its bytes are sent. */
  done: Promise<ScanReport[]>;
  /** Cancels pending steps and closes every reader. */
  stop(): void;
}

/** Starts a scenario. `createDevice` makes each reader's device (a `PtyDevice` for the CLI, a mock in tests). */
export function runScenario(s: Scenario, createDevice: (name: string, link: string) => ReaderDevice, linkDir = './run'): ScenarioRun {
  const readers = new Map<string, SimulatedReader>();
  Object.entries(s.readers).forEach(([name, cfg], i) => {
    const device = createDevice(name, cfg.link ?? join(linkDir, `ttyMRZ-${name}`));
    readers.set(name, new SimulatedReader({
      name, device, profile: cfg.profile, seed: s.seed + i + 1,
      ...(cfg.pacing !== undefined ? { pacing: cfg.pacing } : {}),
      ...(cfg.baudRate !== undefined ? { baudRate: cfg.baudRate } : {}),
      ...(cfg.chunking !== undefined ? { chunking: cfg.chunking } : {}),
      ...(cfg.lineGapMs !== undefined ? { lineGapMs: cfg.lineGapMs } : {}),
      ...(cfg.doubleReadDelayMs !== undefined ? { doubleReadDelayMs: cfg.doubleReadDelayMs } : {}),
    }));
  });
  const travellers = new TravellerSource(s.seed);
  const timers: NodeJS.Timeout[] = [];
  const pending: Promise<ScanReport | null>[] = [];
  let release: () => void = () => undefined;
  const allScheduled = new Promise<void>((r) => (release = r));
  let remaining = s.steps.length;
  if (remaining === 0) release();
  for (const step of s.steps) {
    timers.push(setTimeout(() => {
      const r = readers.get(step.reader);
      if (r !== undefined) pending.push(runStep(r, step, travellers));
      if (--remaining === 0) release();
    }, step.at));
  }
  const done = allScheduled.then(() => Promise.all(pending)).then((xs) => xs.filter((x): x is ScanReport => x !== null));
  return {
    readers, travellers, done,
    stop() {
      timers.forEach(clearTimeout);
      release();
      for (const r of readers.values()) r.close();
    },
  };
}

async function runStep(r: SimulatedReader, step: Scenario['steps'][number], travellers: TravellerSource): Promise<ScanReport | null> {
  if ('scan' in step) {
    const doc = typeof step.scan === 'string' ? travellers.next(step.scan) : step.scan.mrz;
    return r.scan(doc, step.faults ?? []);
  }
  if ('inject' in step) r.inject(step.inject);
  else if ('unplug' in step) r.unplug();
  else if ('replug' in step) r.replug();
  else await r.sendNoise(step.noise);
  return null;
}
