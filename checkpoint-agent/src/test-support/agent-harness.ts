import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { encodeMrz, WatchlistEntry, type MrzEncodeInput } from '@aspk/shared';
import { parseAgentConfig, type AgentConfigInput } from '../config.js';
import { openDatabase } from '../store/open-database.js';
import { WATCHLIST_CACHE_MIGRATIONS, WatchlistCache } from '../store/watchlist-cache.js';
import { startAgent, WATCHLIST_DB_FILE, type RunningAgent } from '../main.js';

/** Entries every harness agent's cache holds (fictitious people and documents). */
export const HARNESS_ENTRIES: WatchlistEntry[] = [
  { id: 'p-wanted', type: 'person', category: 'wanted', action: 'refer', surname: 'Жапаров', givenNames: 'Аскар', birthDate: '1985-03-14', nationality: 'KGZ' },
  { id: 'd-stolen', type: 'document', category: 'stolen passport', action: 'deny', issuingState: 'KGZ', documentNumber: 'AC7654321' },
].map((e) => WatchlistEntry.parse(e));

export const CLEAR_TRAVELLER: MrzEncodeInput = {
  format: 'TD3', documentCode: 'P', issuingState: 'KAZ', documentNumber: 'N12345678', nationality: 'KAZ',
  birthDate: '900101', sex: 'F', expiryDate: '330101', surname: 'SEITKALI', givenNames: 'DANA',
};
export const LISTED_TRAVELLER: MrzEncodeInput = {
  format: 'TD3', documentCode: 'P', issuingState: 'KGZ', documentNumber: 'AC1234567', nationality: 'KGZ',
  birthDate: '850314', sex: 'M', expiryDate: '300101', surname: 'ZHAPAROV', givenNames: 'ASKAR',
};
export const mrzOf = (t: MrzEncodeInput): string => encodeMrz(t);

export const OFFICER = { username: 'aibek', password: 'officer-password-1' };
export const SUPERVISOR = { username: 'nurlan', password: 'supervisor-password-1' };

/**
 * Starts a real agent (real SQLite files in a temp folder, console on 127.0.0.1:0, silent logs) with a
 * cached watchlist at version 5 and one officer and one supervisor account (scrypt cost lowered to 2^10).
 */
export async function startTestAgent(over: Partial<AgentConfigInput> = {}, opts: { startReaders?: boolean; log?: Logger } = {}): Promise<RunningAgent & { dir: string; base: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'aspk-agent-'));
  const config = parseAgentConfig({
    checkpointId: 'kpp-test',
    dataDir: dir,
    lanes: [{ id: '1', devicePath: join(dir, 'no-reader-1') }, { id: '2', devicePath: join(dir, 'no-reader-2'), direction: 'exit' }],
    console: { host: '127.0.0.1', port: 0 },
    passwordCostLog2: 10,
    logLevel: 'silent',
    ...over,
  });
  const wdb = openDatabase(join(dir, WATCHLIST_DB_FILE), WATCHLIST_CACHE_MIGRATIONS);
  new WatchlistCache(wdb).replaceAll({ version: 5, head: 'f'.repeat(64), expiresAtMs: Date.now() + 86_400_000 }, HARNESS_ENTRIES);
  wdb.close();
  const agent = await startAgent(config, { log: opts.log ?? pino({ level: 'silent' }), startReaders: opts.startReaders ?? false });
  await agent.officers.add({ ...OFFICER, displayName: 'Aibek Officer' });
  await agent.officers.add({ ...SUPERVISOR, role: 'supervisor' });
  return {
    ...agent,
    dir,
    base: `http://127.0.0.1:${agent.port}`,
    stop: async () => {
      await agent.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
