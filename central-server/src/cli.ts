import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { isAspkError } from '@aspk/shared';
import { Password, Username } from './api/user-routes.js';
import { Role } from './auth/roles.js';
import { loadConfig, type CentralConfig } from './config.js';
import { createLogger } from './logger.js';
import { createCentral, openStores, type Stores } from './main.js';
import { validateWatchlistFile } from './watchlist/watchlist-import.js';

const USAGE = `usage: aspk-central <command>

  serve [--host H] [--port N] [--data-dir DIR] [--demo]   run the server
  user add --username U --role admin|auditor|officer --password-stdin
  checkpoint add ID [--name NAME]      enrol; prints the credential once
  checkpoint rotate ID                 new credential (old one valid for the overlap)
  checkpoint revoke ID
  checkpoint list
  watchlist import FILE [--format jsonl|csv] [--mode upsert|replace]
  audit verify                         recompute the audit hash chain
  backup FILE                          integrity check, then an online copy of the database to FILE
  key show                             public signing key for agents to pin

Configuration comes from ASPK_CENTRAL_* environment variables (see README); --data-dir etc. override them.`;

/** Demo accounts, created only with --demo / ASPK_CENTRAL_DEMO=true. */
export const DEMO_USERS = [
  { username: 'admin', role: 'admin', password: 'aspk-demo-admin' },
  { username: 'auditor', role: 'auditor', password: 'aspk-demo-auditor' },
  { username: 'officer', role: 'officer', password: 'aspk-demo-officer' },
] as const;

/** Streams the CLI uses; tests pass their own. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

let io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
const out = (s: string) => io.stdout.write(`${s}\n`);
const err = (s: string) => io.stderr.write(`${s}\n`);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of io.stdin) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Command-line entry point; returns the process exit code. `streams` default to the process's own. */
export async function main(argv: string[], streams?: CliIo): Promise<number> {
  io = streams ?? { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean' },
      username: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      name: { type: 'string' },
      format: { type: 'string' },
      mode: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [cmd, sub, arg] = positionals;
  if (values.help === true || cmd === undefined) {
    out(USAGE);
    return cmd === undefined && values.help !== true ? 2 : 0;
  }
  let config: CentralConfig;
  try {
    config = loadConfig(process.env, { host: values.host, port: values.port, dataDir: values['data-dir'], demo: values.demo === true ? 'true' : undefined });
  } catch (e) {
    err(isAspkError(e) ? e.message : String(e));
    return 2;
  }
  // Admin commands log only warnings so their stdout stays readable.
  const log = createLogger(cmd === 'serve' ? config.logLevel : 'warn', cmd === 'serve' ? undefined : process.stderr);
  try {
    if (cmd === 'serve') return await serve(config, log);
    const stores = openStores(config, log);
    try {
      return await admin(stores, cmd, sub, arg, values);
    } finally {
      stores.db.close();
    }
  } catch (e) {
    err(isAspkError(e) ? `${e.code}: ${e.message}` : String(e));
    if (isAspkError(e) && e.details !== undefined) err(JSON.stringify(e.details, null, 2));
    return 1;
  }
}

const cliActor = () => ({ actor: `cli:${userInfo().username}`, role: 'admin' });

async function admin(s: Stores, cmd: string, sub: string | undefined, arg: string | undefined, v: Record<string, string | boolean | undefined>): Promise<number> {
  const key = cmd === 'backup' ? 'backup' : `${cmd} ${sub ?? ''}`.trim();
  switch (key) {
    case 'user add': {
      const username = Username.safeParse(v.username);
      const role = Role.safeParse(v.role);
      if (!username.success || !role.success || v['password-stdin'] !== true) {
        err('user add needs --username U --role admin|auditor|officer --password-stdin');
        return 2;
      }
      const pw = Password.safeParse(await readStdin());
      if (!pw.success) {
        err(`password: ${pw.error.issues[0]?.message ?? 'invalid'}`);
        return 2;
      }
      const u = s.users.add(username.data, role.data, await s.hasher.hash(pw.data));
      s.audit.append({ ...cliActor(), action: 'user.create', target: u.username, details: { role: u.role } });
      out(`user ${u.username} (${u.role}) created`);
      return 0;
    }
    case 'checkpoint add':
    case 'checkpoint rotate':
    case 'checkpoint revoke': {
      if (arg === undefined) {
        err(`${key} needs a checkpoint id`);
        return 2;
      }
      if (sub === 'revoke') {
        s.checkpoints.revoke(arg);
        s.audit.append({ ...cliActor(), action: 'checkpoint.revoke', target: arg });
        out(`checkpoint ${arg} revoked (a running server drops its socket within seconds)`);
        return 0;
      }
      const credential = sub === 'add' ? s.checkpoints.add(arg, typeof v.name === 'string' ? v.name : arg).credential : s.checkpoints.rotate(arg);
      s.audit.append({ ...cliActor(), action: sub === 'add' ? 'checkpoint.enrol' : 'checkpoint.rotate', target: arg });
      out(`checkpoint ${arg}: credential (shown once, put it in the agent's configuration):`);
      out(credential);
      out(`central public key to pin: ${s.keys.signing.publicKey}`);
      return 0;
    }
    case 'checkpoint list':
      for (const c of s.checkpoints.list()) out(`${c.id}\t${c.status}\t${c.name}`);
      return 0;
    case 'watchlist import': {
      if (arg === undefined) {
        err('watchlist import needs a FILE');
        return 2;
      }
      const format = v.format === 'csv' || (v.format === undefined && arg.toLowerCase().endsWith('.csv')) ? 'csv' : 'jsonl';
      const mode = v.mode === 'replace' ? 'replace' : 'upsert';
      const entries = await validateWatchlistFile(readFileSync(arg, 'utf8'), format, () => undefined);
      const r = s.watchlist.import(entries, mode, { name: cliActor().actor, role: 'admin' }, `${format}:${entries.length}`);
      out(`imported ${entries.length} entries as version ${r.change?.header.version}: ${r.added} added, ${r.updated} updated, ${r.removed} removed`);
      out('note: a running server notifies agents at its next change or their next periodic pull');
      return 0;
    }
    case 'audit verify': {
      const r = s.audit.verify();
      out(JSON.stringify(r));
      return r.ok ? 0 : 1;
    }
    case 'backup': {
      if (sub === undefined) {
        err('backup needs a target FILE');
        return 2;
      }
      // integrity_check first (reliability-security.md §2.1): never archive a damaged file as good.
      const check = s.db.pragma('integrity_check', { simple: true });
      if (check !== 'ok') {
        err(`integrity_check failed: ${String(check)}; no backup written`);
        return 1;
      }
      await s.db.backup(sub);
      s.audit.append({ ...cliActor(), action: 'backup', details: { ok: true } });
      out(`backup written to ${sub} (copy the data directory's signing-key.pem and audit-hmac.key separately and securely)`);
      return 0;
    }
    case 'key show':
      out(JSON.stringify({ publicKey: s.keys.signing.publicKey, keyId: s.keys.signing.keyId }));
      return 0;
    default:
      err(`unknown command: ${key}\n\n${USAGE}`);
      return 2;
  }
}

async function serve(config: CentralConfig, log: ReturnType<typeof createLogger>): Promise<number> {
  const central = createCentral(config, log);
  if (config.demo) {
    for (const u of DEMO_USERS) {
      if (central.deps.users.byUsername(u.username) === null) central.deps.users.add(u.username, u.role, await central.deps.hasher.hash(u.password));
    }
  }
  const url = await central.listen();
  log.info({ url, keyId: central.keys.signing.keyId, publicKey: central.keys.signing.publicKey }, 'central listening');
  out(`ASPK central at ${url}  (public signing key: ${central.keys.signing.publicKey})`);
  if (config.demo) for (const u of DEMO_USERS) out(`  demo ${u.role}: ${u.username} / ${u.password}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await central.close();
  return 0;
}
