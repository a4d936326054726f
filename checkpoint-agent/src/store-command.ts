import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { isAspkError } from '@aspk/shared';
import { loadAgentConfig } from './config.js';
import { AGENT_DB_FILE } from './main.js';
import { quarantineDatabase } from './store/open-database.js';

/**
 * `aspk-agent store quarantine --config FILE`: the documented recovery for a damaged `agent.db`
 * (reliability-security.md §2.3). Renames the database with its `-wal`/`-shm` (never deletes them); the
 * next start creates a fresh database with a new epoch, and central's gap incident shows what was never
 * delivered. Run it only with the agent stopped.
 */
export async function storeCommand(argv: string[], env: NodeJS.ProcessEnv, stdout: Writable, stderr: Writable): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'quarantine') {
    stderr.write('usage: aspk-agent store quarantine --config FILE\n');
    return 2;
  }
  try {
    const { values } = parseArgs({ args: rest, options: { config: { type: 'string', short: 'c' } }, strict: true });
    const config = loadAgentConfig(values.config, env);
    const moved = quarantineDatabase(join(config.dataDir, AGENT_DB_FILE));
    stdout.write(moved.length === 0 ? 'nothing to quarantine\n' : `quarantined:\n${moved.map((m) => `  ${m}\n`).join('')}`);
    return 0;
  } catch (e) {
    stderr.write(`aspk-agent store quarantine: ${isAspkError(e) ? e.message : (e as Error).message}\n`);
    return isAspkError(e) ? 1 : 2;
  }
}
