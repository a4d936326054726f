import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { parseAgentConfig } from './config.js';
import { startAgent, WATCHLIST_DB_FILE } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'aspk-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startAgent', () => {
  it('quarantines a damaged watchlist cache, starts anyway and reports screening not ready', async () => {
    writeFileSync(join(dir, WATCHLIST_DB_FILE), Buffer.alloc(8192, 0x42));
    const config = parseAgentConfig({ checkpointId: 'kpp-main', dataDir: dir, lanes: [{ id: '1', devicePath: join(dir, 'none') }], console: { port: 0 }, logLevel: 'silent' });
    const agent = await startAgent(config, { log: pino({ level: 'silent' }) });
    try {
      expect(readdirSync(dir).some((f) => f.startsWith(`${WATCHLIST_DB_FILE}.corrupt-`))).toBe(true);
      const h = agent.runtime.health();
      expect(h.watchlist).toMatchObject({ ready: false, version: 0 });
      expect(h.status).toBe('degraded');
      expect(agent.audit.list().map((e) => e.action)).toContain('watchlist.cache-quarantined');
      const ev = agent.runtime.scan('1', 'P<KGZ', 'manual', null);
      expect(ev.recorded).toBe(true);
      expect(ev.inspection.checks.map((c) => c.code)).toContain('WATCHLIST_NOT_READY');
    } finally {
      await agent.close();
    }
  });
});
