/**
 * `npm start`: the whole border on one machine (see the README's "Demo" section). Starts central in demo
 * mode, two checkpoint agents and their simulated readers, prints the addresses and logins, shows a short
 * status line every minute, and on Ctrl-C (SIGINT) or SIGTERM stops every child and exits 0.
 */
import { relative } from 'node:path';
import { DEMO_USERS } from '@aspk/central-server';
import { isAspkError } from '@aspk/shared';
import { REPO_ROOT } from '../reliability/harness/child-process.js';
import { DemoCluster, type DemoLogins } from './demo-cluster.js';
import { loadDemoSettings } from './demo-settings.js';

const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const time = (): string => new Date().toTimeString().slice(0, 8);

function banner(l: DemoLogins, dataDir: string, ratePerMin: number): void {
  const pad = (s: string, n: number): string => s.padEnd(n);
  out();
  out('ASPK demo is running.');
  out();
  out(`  Headquarters (central)          ${l.central.url}`);
  for (const u of l.central.users) out(`      ${pad(u.role === 'admin' ? 'administrator' : u.role, 14)} ${u.username} / ${u.password}`);
  for (const a of l.agents) {
    out(`  ${pad(`Checkpoint ${a.name} (${a.lanes} lane${a.lanes === 1 ? '' : 's'})`, 32)}${a.url}`);
    out(`      ${pad('officer', 14)} ${a.username} / ${a.password}`);
  }
  out();
  out(`  Traffic: ${ratePerMin} travellers per minute at each lane (clear travellers, listed persons under other`);
  out('  spellings, stolen documents, invalid and expired documents, minors).');
  out(`  Data and logs: ${dataDir} (reset: stop, then rm -rf ${dataDir})`);
  out('  Press Ctrl-C to stop.');
  out();
}

async function main(): Promise<number> {
  const settings = loadDemoSettings(process.env);
  const shown = relative(REPO_ROOT, settings.dataDir).startsWith('..') ? settings.dataDir : relative(REPO_ROOT, settings.dataDir);
  const abort = new AbortController();
  let signalled: (s: string) => void = () => undefined;
  const signal = new Promise<string>((resolve) => (signalled = (s) => (abort.abort(), resolve(s))));
  // Installed first: a Ctrl-C during start-up also stops whatever has started. `on`, not `once`: under
  // `npm start` the signal arrives twice (from the terminal and forwarded by npm), and a second one must
  // not kill the launcher half-way through stopping its children.
  process.on('SIGINT', () => signalled('SIGINT'));
  process.on('SIGTERM', () => signalled('SIGTERM'));
  out(`[${time()}] starting the ASPK demo…`);
  const starting = DemoCluster.start({ settings, signal: abort.signal, progress: (l) => out(`[${time()}] ${l}`) });
  const first = await Promise.race([starting.then((c) => ({ cluster: c })), signal.then((s) => ({ signal: s }))]);
  if ('signal' in first) {
    out(`[${time()}] ${first.signal}: stopping…`);
    const c = await starting.catch(() => null);
    await c?.stop();
    out(`[${time()}] stopped.`);
    return 0;
  }
  const cluster = first.cluster;
  banner(cluster.logins(DEMO_USERS), shown, settings.ratePerMin);
  const status = setInterval(() => {
    const t = cluster.readers.tally;
    out(`[${time()}] ${t.scanned} scanned: ${t.listed} listed persons, ${t.stolen} stolen/lost documents, ${t.invalid} invalid, ${t.expired} expired, ${t.minors} minors`);
  }, 60_000);
  const ended = await Promise.race([signal.then((s) => ({ signal: s, failure: null })), cluster.unexpectedExit().then((f) => ({ signal: null, failure: f }))]);
  clearInterval(status);
  out(`[${time()}] ${ended.failure ?? ended.signal}: stopping…`);
  await cluster.stop();
  if (ended.failure !== null) {
    out(`[${time()}] stopped after a failure; see the logs in ${shown}/logs`);
    return 1;
  }
  out(`[${time()}] stopped. Run npm start again to continue with the same data.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`aspk demo: ${isAspkError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
