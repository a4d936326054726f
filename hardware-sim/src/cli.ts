/**
 * `aspk-sim` — simulated MRZ document readers on real PTY devices.
 *
 *   aspk-sim reader --profile desko --link ./run/lane1 [--rate 6/min] [--seed N] [--faults F[:p],…]
 *                   [--pacing baud|none] [--baud N] [--chunking usb64] [--watchlist-out FILE] [--scenario FILE]
 *   aspk-sim scenario FILE [--link-dir ./run] [--watchlist-out FILE]
 *   aspk-sim travellers [--count N] [--seed N] [--watchlist-out FILE]
 *
 * While a reader runs, stdin takes one command per line: `scan [random|watchlisted|stolen|invalid|expired|minor]`,
 * `scan-mrz L1|L2[|L3]`, `inject FAULT`, `unplug`, `replug`, `noise N`, `profile NAME`, `status`, `quit`.
 * Events are JSON lines on stdout.
 */
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { isAspkError } from '@aspk/shared';
import { SCAN_FAULTS, type ScanFault } from './faults/fault-injector.js';
import { CHUNKINGS, parseRate, type Chunking } from './pacing.js';
import { SIM_PROFILES, type SimProfileName } from './profiles/reader-profile.js';
import { loadScenario, runScenario, TRAVELLER_KINDS, TravellerSource, type TravellerKind } from './scenario.js';
import { SimulatedReader, type ScanReport } from './simulated-reader.js';
import { startTraffic } from './traffic.js';
import { TravellerGenerator } from './travellers/traveller-generator.js';
import { PtyDevice } from './transport/pty-device.js';

const USAGE = `usage:
  aspk-sim reader --profile <${SIM_PROFILES.join('|')}> --link PATH [--rate 6/min] [--seed N]
                  [--faults fault[:probability],...] [--pacing baud|none] [--baud N] [--chunking ${CHUNKINGS.join('|')}]
                  [--watchlist-out FILE] [--scenario FILE]
  aspk-sim scenario FILE [--link-dir DIR] [--watchlist-out FILE]
  aspk-sim travellers [--count N] [--seed N] [--watchlist-out FILE]
faults: ${SCAN_FAULTS.join(', ')}
`;

class UsageError extends Error {}

function out(obj: object): void {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got ${value}`);
  return value as T;
}

function intFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a non-negative integer; got ${value}`);
  return n;
}

/** `noise-before:0.1,double-read` → random faults (probability 1 when omitted). */
export function parseFaults(spec: string | undefined): { fault: ScanFault; probability: number }[] {
  if (spec === undefined || spec === '') return [];
  return spec.split(',').map((part) => {
    const [name = '', p] = part.split(':');
    const fault = oneOf(name.trim(), SCAN_FAULTS, '--faults');
    const probability = p === undefined ? 1 : Number(p);
    if (fault === undefined || !(probability >= 0 && probability <= 1)) throw new UsageError(`bad --faults entry ${part}`);
    return { fault, probability };
  });
}

function reportLine(r: ScanReport): object {
  // Synthetic people only, but keep stdout free of MRZ text anyway: tools grep it, operators copy it.
  return { event: 'scan', reader: r.reader, seq: r.seq, profile: r.profile, faults: r.faults, expect: r.expect, bytes: r.bytes, delivered: r.delivered };
}

async function readerCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      profile: { type: 'string' }, link: { type: 'string' }, rate: { type: 'string' }, seed: { type: 'string' },
      faults: { type: 'string' }, pacing: { type: 'string' }, baud: { type: 'string' }, chunking: { type: 'string' },
      'watchlist-out': { type: 'string' }, scenario: { type: 'string' },
    },
  });
  if (values.scenario !== undefined) return scenarioCommand([values.scenario, ...(values['watchlist-out'] ? ['--watchlist-out', values['watchlist-out']] : [])]);
  const profile = oneOf<SimProfileName>(values.profile, SIM_PROFILES, '--profile');
  if (profile === undefined || values.link === undefined) throw new UsageError('reader needs --profile and --link');
  const seed = intFlag(values.seed, '--seed') ?? Date.now() % 1_000_000;
  const pacing = oneOf(values.pacing, ['baud', 'none'] as const, '--pacing');
  const chunking = oneOf<Chunking>(values.chunking, CHUNKINGS, '--chunking');
  const baud = intFlag(values.baud, '--baud');
  const device = new PtyDevice(values.link);
  const reader = new SimulatedReader({
    name: 'reader', profile, device, seed, randomFaults: parseFaults(values.faults),
    ...(pacing ? { pacing } : {}), ...(chunking ? { chunking } : {}), ...(baud ? { baudRate: baud } : {}),
  });
  const travellers = new TravellerSource(seed);
  const onScan = (r: ScanReport): void => {
    out(reportLine(r));
    flushWatchlist(travellers, values['watchlist-out']);
  };
  out({ event: 'ready', profile, path: device.path, pts: device.ptsName, seed });
  const stopTraffic = values.rate !== undefined ? startTraffic(reader, travellers, { perMinute: parseRate(values.rate), seed, onScan }) : () => undefined;
  return new Promise<number>((resolve) => {
    const rl = createInterface({ input: process.stdin });
    const finish = (): void => {
      stopTraffic();
      reader.close();
      rl.close();
      process.stdin.destroy(); // let the process exit; stdin would keep it alive
      resolve(0);
    };
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
    rl.on('line', (line) => {
      try {
        if (control(reader, travellers, line.trim(), onScan) === 'quit') finish();
      } catch (e) {
        out({ event: 'error', message: (e as Error).message });
      }
    });
  });
}

let flushed = 0;
function flushWatchlist(t: TravellerSource, file: string | undefined): void {
  if (file === undefined) return;
  const fresh = t.entries.slice(flushed);
  flushed = t.entries.length;
  if (fresh.length > 0) appendFileSync(file, fresh.map((e) => JSON.stringify(e) + '\n').join(''));
}

/** One stdin control command. */
function control(reader: SimulatedReader, travellers: TravellerSource, line: string, onScan: (r: ScanReport) => void): 'quit' | void {
  const [verb = '', arg] = line.split(/\s+/, 2);
  switch (verb) {
    case '':
      return;
    case 'scan':
      void reader.scan(travellers.next(oneOf<TravellerKind>(arg ?? 'random', TRAVELLER_KINDS, 'scan') ?? 'random')).then(onScan);
      return;
    case 'scan-mrz':
      void reader.scan((arg ?? '').split('|')).then(onScan);
      return;
    case 'inject':
      reader.inject(oneOf(arg, SCAN_FAULTS, 'inject') ?? 'noise-before');
      return out({ event: 'injected', fault: arg });
    case 'unplug':
      reader.unplug();
      return out({ event: 'unplugged' });
    case 'replug':
      reader.replug();
      return out({ event: 'replugged' });
    case 'noise':
      void reader.sendNoise(Number(arg ?? 16) || 16);
      return;
    case 'profile':
      reader.setProfile(oneOf<SimProfileName>(arg, SIM_PROFILES, 'profile') ?? reader.profileName);
      return out({ event: 'profile', profile: reader.profileName });
    case 'status':
      return out({ event: 'status', ...reader.status() });
    case 'quit':
      return 'quit';
    default:
      throw new UsageError(`unknown command ${verb}`);
  }
}

async function scenarioCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { 'link-dir': { type: 'string' }, 'watchlist-out': { type: 'string' } } });
  const file = positionals[0];
  if (file === undefined) throw new UsageError('scenario needs a FILE');
  const s = loadScenario(file);
  const run = runScenario(s, (_name, link) => new PtyDevice(link), values['link-dir'] ?? './run');
  for (const [name, r] of run.readers) out({ event: 'ready', reader: name, profile: r.profileName, path: r.device.path });
  for (const r of run.readers.values()) r.on('scan', (rep) => out(reportLine(rep)));
  const stop = (): void => run.stop();
  process.once('SIGINT', stop);
  await run.done;
  flushWatchlist(run.travellers, values['watchlist-out']);
  run.stop();
  out({ event: 'done' });
  return 0;
}

function travellersCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { count: { type: 'string' }, seed: { type: 'string' }, 'watchlist-out': { type: 'string' } } });
  const g = new TravellerGenerator({ seed: intFlag(values.seed, '--seed') ?? 1 });
  const entries = [];
  for (const t of g.take(intFlag(values.count, '--count') ?? 10)) {
    out({ id: t.id, kind: t.kind, nationality: t.nationality, mrz: t.mrz, watchlisted: t.watchlistEntryId !== null, stolen: t.stolenEntryId !== null, invalid: t.invalid, expired: t.expired, minor: t.minor });
    entries.push(...t.watchlistEntries);
  }
  if (values['watchlist-out'] !== undefined) appendFileSync(values['watchlist-out'], entries.map((e) => JSON.stringify(e) + '\n').join(''));
  return 0;
}

/** Command-line entry point; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === 'reader') return await readerCommand(rest);
    if (cmd === 'scenario') return await scenarioCommand(rest);
    if (cmd === 'travellers') return travellersCommand(rest);
    process.stderr.write(USAGE);
    return cmd === undefined || cmd === '--help' || cmd === 'help' ? 0 : 2;
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (e as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      process.stderr.write(`aspk-sim: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    if (isAspkError(e)) {
      process.stderr.write(`aspk-sim: ${e.code}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
