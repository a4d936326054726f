/**
 * Starts a real checkpoint agent for cross-package tests through the agent's public surface: real SQLite
 * files in a temp folder, console on 127.0.0.1:0, silent logs, a cached watchlist, one officer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WatchlistEntry } from '@aspk/shared';
import { createLogger, openDatabase, parseAgentConfig, startAgent, WatchlistCache, WATCHLIST_CACHE_MIGRATIONS, WATCHLIST_DB_FILE, type AgentConfigInput, type RunningAgent } from '@aspk/checkpoint-agent';

export const OFFICER = { username: 'aibek', password: 'officer-password-1', displayName: 'Aibek Osmonov' };

export const LIST: WatchlistEntry[] = [
  { id: 'p-wanted-17', type: 'person', category: 'Interpol notice', action: 'refer', surname: 'Жапаров', givenNames: 'Аскар', birthDate: '1985-03-14', nationality: 'KGZ' },
  { id: 'd-stolen-3', type: 'document', category: 'stolen passport', action: 'deny', issuingState: 'KGZ', documentNumber: 'AC7654321' },
].map((e) => WatchlistEntry.parse(e));

export async function startFixtureAgent(lanes: AgentConfigInput['lanes'], dir = mkdtempSync(join(tmpdir(), 'aspk-e2e-agent-'))): Promise<RunningAgent & { base: string; stop(): Promise<void> }> {
  const config = parseAgentConfig({ checkpointId: 'kpp-torugart', dataDir: dir, lanes, console: { host: '127.0.0.1', port: 0 }, passwordCostLog2: 10, logLevel: 'silent' });
  const wdb = openDatabase(join(dir, WATCHLIST_DB_FILE), WATCHLIST_CACHE_MIGRATIONS);
  new WatchlistCache(wdb).replaceAll({ version: 12, head: 'ab'.repeat(32), expiresAtMs: Date.now() + 20 * 3_600_000 }, LIST);
  wdb.close();
  const agent = await startAgent(config, { log: createLogger('silent') });
  await agent.officers.add(OFFICER);
  return { ...agent, base: `http://127.0.0.1:${agent.port}`, stop: async () => { await agent.close(); rmSync(dir, { recursive: true, force: true }); } };
}
