import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { isAspkError } from '@aspk/shared';
import { loadAgentConfig } from './config.js';
import { openAgentDatabase } from './main.js';
import { OfficerStore } from './store/officer-store.js';
import { AuditLog } from './store/audit-log.js';

const OfficerAddArgs = z.strictObject({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case letters, digits, . _ -; 2–64 characters'),
  role: z.enum(['officer', 'supervisor']).default('officer'),
  displayName: z.string().min(1).max(100).optional(),
});

async function readAll(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

/**
 * `aspk-agent officer add --username U [--role officer|supervisor] [--name "Display Name"] --password-stdin
 * [--config FILE]`: creates a local officer account, for a post that has never been online. The password
 * is read from stdin (first line) so it never appears in the shell history or the process list.
 */
export async function officerCommand(argv: string[], env: NodeJS.ProcessEnv, stdin: Readable, stdout: Writable, stderr: Writable): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'add') {
    stderr.write('usage: aspk-agent officer add --username U [--role officer|supervisor] [--name NAME] --password-stdin [--config FILE]\n');
    return 2;
  }
  let values;
  try {
    values = parseArgs({ args: rest, options: { username: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' }, config: { type: 'string', short: 'c' } }, strict: true }).values;
  } catch (e) {
    stderr.write(`aspk-agent officer add: ${(e as Error).message}\n`);
    return 2;
  }
  if (values['password-stdin'] !== true) {
    stderr.write('aspk-agent officer add: --password-stdin is required (passwords are never taken from the command line)\n');
    return 2;
  }
  const args = OfficerAddArgs.safeParse({ username: values.username, role: values.role, displayName: values.name });
  if (!args.success) {
    stderr.write(`aspk-agent officer add: ${z.prettifyError(args.error)}\n`);
    return 2;
  }
  const password = (await readAll(stdin)).split(/\r?\n/)[0] ?? '';
  if (password.length < 10) {
    stderr.write('aspk-agent officer add: the password must have at least 10 characters\n');
    return 2;
  }
  try {
    const config = loadAgentConfig(values.config, env);
    const db = openAgentDatabase(config);
    try {
      const officers = new OfficerStore(db, { costLog2: config.passwordCostLog2 });
      const o = await officers.add({ username: args.data.username, password, role: args.data.role, ...(args.data.displayName !== undefined ? { displayName: args.data.displayName } : {}) });
      new AuditLog(db).append({ actor: 'cli', role: 'system', action: 'officer.add', target: o.username, details: { role: o.role, source: 'local' } });
      stdout.write(`officer '${o.username}' (${o.role}) added\n`);
      return 0;
    } finally {
      db.close();
    }
  } catch (e) {
    if (isAspkError(e)) {
      stderr.write(`aspk-agent officer add: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
