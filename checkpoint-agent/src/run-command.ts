import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { isAspkError } from '@aspk/shared';
import { loadAgentConfig } from './config.js';
import { startAgent } from './main.js';

/**
 * `aspk-agent run --config FILE`: starts the agent and keeps it running until SIGINT/SIGTERM.
 * A bad configuration or a damaged database stops the start with a clear message (exit code 1);
 * central need not be reachable.
 */
export async function runCommand(argv: string[], env: NodeJS.ProcessEnv, stderr: Writable): Promise<number> {
  let configFile: string | undefined;
  try {
    configFile = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' } }, strict: true }).values.config;
  } catch (e) {
    stderr.write(`aspk-agent run: ${(e as Error).message}\nusage: aspk-agent run --config FILE\n`);
    return 2;
  }
  try {
    const config = loadAgentConfig(configFile, env);
    const agent = await startAgent(config);
    agent.log.info({ port: agent.port, lanes: config.lanes.length, checkpoint: config.checkpointId }, 'agent running');
    await new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await agent.close();
    return 0;
  } catch (e) {
    if (isAspkError(e)) {
      stderr.write(`aspk-agent: ${e.message}\n`);
      const recovery = (e.details as { recovery?: string } | undefined)?.recovery;
      if (recovery !== undefined) stderr.write(`recovery: ${recovery}\n`);
      return 1;
    }
    throw e;
  }
}
