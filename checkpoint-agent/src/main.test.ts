import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { parseAgentConfig } from './config.js';
import { startAgent, WATCHLIST_DB_FILE } from './main.js';
import { openDatabase } from './store/open-database.js';
import { WATCHLIST_CACHE_MIGRATIONS, WatchlistCache } from './store/watchlist-cache.js';
import { INDEX_SNAPSHOT_FILE } from './store/index-snapshot-file.js';
import { buildWatchlistSnapshot } from './inspection/watchlist-screener.js';

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

  it('writes the screening index beside the cache and starts from it next time, and from the cache when it does not fit', async () => {
    const own = join(dir, 'index-file');
    mkdirSync(own);
    const wdb = openDatabase(join(own, WATCHLIST_DB_FILE), WATCHLIST_CACHE_MIGRATIONS);
    const cache = new WatchlistCache(wdb);
    cache.replaceAll({ version: 3, head: 'aa'.repeat(32), expiresAtMs: null }, [
      { id: 'p-1', type: 'person', surname: 'JAPAROV', givenNames: 'SADYR', birthDate: '1968-12-06', nationality: 'KGZ', sex: 'M', category: 'wanted', action: 'detain' },
    ]);
    wdb.close();
    const lines: { msg: string }[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as { msg: string }) });
    const config = parseAgentConfig({ checkpointId: 'kpp-index', dataDir: own, lanes: [{ id: '1', devicePath: join(own, 'none') }], console: { port: 0 }, logLevel: 'silent' });
    const start = async (): Promise<{ ready: boolean; fromFile: boolean }> => {
      lines.length = 0;
      const agent = await startAgent(config, { log });
      try {
        return { ready: agent.runtime.health().watchlist.ready, fromFile: lines.some((l) => l.msg === 'watchlist index loaded from its file') };
      } finally {
        await agent.close();
      }
    };
    expect(await start()).toEqual({ ready: true, fromFile: false });
    const file = join(own, INDEX_SNAPSHOT_FILE);
    expect(existsSync(file)).toBe(true);
    const written = statSync(file).mtimeMs;
    expect(await start()).toEqual({ ready: true, fromFile: true });
    expect(statSync(file).mtimeMs).toBe(written); // unchanged list: not rewritten at shutdown
    writeFileSync(file, Buffer.alloc(100, 7)); // damaged: the agent rebuilds from the cache and writes a good file
    expect(await start()).toEqual({ ready: true, fromFile: false });
    expect(await start()).toEqual({ ready: true, fromFile: true });
  });

  it('warms up screening in idle time after loading the list', async () => {
    const own = join(dir, 'warm-up');
    mkdirSync(own);
    const wdb = openDatabase(join(own, WATCHLIST_DB_FILE), WATCHLIST_CACHE_MIGRATIONS);
    new WatchlistCache(wdb).replaceAll({ version: 2, head: 'bb'.repeat(32), expiresAtMs: null }, [
      { id: 'p-1', type: 'person', surname: 'JAPAROV', givenNames: 'SADYR', birthDate: '1968-12-06', nationality: 'KGZ', sex: 'M', category: 'wanted', action: 'detain' },
      { id: 'd-1', type: 'document', issuingState: 'KGZ', documentNumber: 'AC1234567', category: 'stolen', action: 'deny' },
    ]);
    wdb.close();
    let warmed: (line: { msg: string; steps?: number }) => void = () => undefined;
    const done = new Promise<{ msg: string; steps?: number }>((resolve) => (warmed = resolve));
    const log = pino({ level: 'info' }, { write: (s: string) => { const l = JSON.parse(s) as { msg: string }; if (l.msg === 'screening warm-up done') warmed(l); } });
    const config = parseAgentConfig({ checkpointId: 'kpp-warm', dataDir: own, lanes: [{ id: '1', devicePath: join(own, 'none') }], console: { port: 0 }, logLevel: 'silent' });
    const agent = await startAgent(config, { log });
    try {
      const line = await Promise.race([done, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no warm-up within 20 s')), 20_000))]);
      expect(line.steps).toBe(3000);
    } finally {
      await agent.close();
    }
  });

  it('started without a list, warms up once the first list arrives', async () => {
    const own = join(dir, 'warm-up-later');
    mkdirSync(own);
    const lines: string[] = [];
    let warmed: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (warmed = resolve));
    const log = pino({ level: 'info' }, { write: (s: string) => { const l = JSON.parse(s) as { msg: string }; lines.push(l.msg); if (l.msg === 'screening warm-up done') warmed(); } });
    const config = parseAgentConfig({ checkpointId: 'kpp-warm-later', dataDir: own, lanes: [{ id: '1', devicePath: join(own, 'none') }], console: { port: 0 }, logLevel: 'silent' });
    const agent = await startAgent(config, { log });
    try {
      for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
      expect(lines).not.toContain('screening warm-up done');
      // What sync does when the first list arrives from central.
      agent.watchlist.swap(buildWatchlistSnapshot([{ id: 'p-1', type: 'person', surname: 'JAPAROV', givenNames: 'SADYR', birthDate: '1968-12-06', category: 'wanted', action: 'detain' }], { version: 1, head: 'cc'.repeat(32), expiresAtMs: null, appliedAtMs: Date.now() }));
      await Promise.race([done, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no warm-up within 20 s of the first list')), 20_000))]);
    } finally {
      await agent.close();
    }
  });
});
