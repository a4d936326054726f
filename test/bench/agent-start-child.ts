/**
 * Child process of `suites/agent-start.ts`: starts a checkpoint agent on a prepared data folder the way
 * `aspk-agent run` does (no readers, no central), prints how long `startAgent` took and whether the
 * screening index came from its file, then stops the agent. Not run by hand:
 *
 *   node --import tsx test/bench/agent-start-child.ts DATA_DIR
 */
import pino from 'pino';
import { parseAgentConfig, startAgent } from '@aspk/checkpoint-agent';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: agent-start-child.ts DATA_DIR');
const lines: { msg: string; ms?: number }[] = [];
const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as { msg: string }) });
const config = parseAgentConfig({ checkpointId: 'kpp-bench', dataDir, lanes: [], console: { port: 0 }, logLevel: 'silent' });
const t0 = performance.now();
const agent = await startAgent(config, { log, startReaders: false });
const startMs = performance.now() - t0;
const ready = agent.runtime.health().watchlist.ready;
const t1 = performance.now();
await agent.close();
const closeMs = performance.now() - t1;
const fromFile = lines.find((l) => l.msg === 'watchlist index loaded from its file');
const written = lines.find((l) => l.msg === 'watchlist index file written');
console.log(JSON.stringify({ startMs, ready, fromFile: fromFile !== undefined, fileLoadMs: fromFile?.ms ?? null, fileWriteMs: written?.ms ?? null, closeMs, entries: agent.watchlist.current().entries }));
