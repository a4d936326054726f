import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { expect } from 'vitest';
import { createLogger, loadConfig, openStores } from '@aspk/central-server';
import { generateSigningKey, sha256Hex, signWatchlistChange, signWatchlistHead, type SigningKey, type WatchlistChangesReply, type WatchlistEntry } from '@aspk/shared';
import type { Cluster } from './harness/cluster.js';
import { report } from './harness/cluster.js';
import { CentralClient, openDatabase, SyncSettings, WATCHLIST_CACHE_MIGRATIONS, WatchlistCache, WatchlistFollower } from './harness/agent-internals.js';

type Tamper = (r: WatchlistChangesReply) => WatchlistChangesReply;

/**
 * R14: bad watchlist data between a real central and the agent's watchlist follower (its real code, a real
 * SQLite cache in a temporary folder). The bytes central serves are altered in transit by a fetch wrapper:
 * flipped byte, missing delta, replayed old delta, replayed old head record, a validly signed delta from
 * another history (wrong prevHash), altered ops, a withheld tail, an expired head record, an unknown key.
 * Each must be refused with its reason, leave version and head unchanged, and be audited; then the honest
 * data is accepted.
 */
export async function tamperedWatchlist(cluster: Cluster, seed: number): Promise<void> {
  const admin = await cluster.central.adminToken();
  const entry = (i: number): Record<string, unknown> => ({ id: `r14-${i}`, type: 'document', category: 'stolen', action: 'refer', issuingState: 'UTO', documentNumber: `T${1000000 + i}` });
  for (let i = 0; i < 3; i++) await cluster.central.addEntry(admin, entry(i));
  // Central's own signing key, to forge data that is validly signed but wrong in every other way.
  const stores = openStores(loadConfig({}, { dataDir: cluster.central.dataDir, logLevel: 'silent' }), createLogger('silent'));
  const key: SigningKey = stores.keys.signing;
  stores.db.close();

  const dir = mkdtempSync(join(tmpdir(), 'aspk-r14-'));
  const db = openDatabase(join(dir, 'watchlist.db'), WATCHLIST_CACHE_MIGRATIONS);
  let tamper: Tamper | null = null;
  const tamperingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (tamper === null || !String(input).includes('/watchlist/changes')) return res;
    const body = tamper((await res.json()) as WatchlistChangesReply);
    return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
  };
  const audits: { action: string; reason: string }[] = [];
  const follower = (publicKey: string): WatchlistFollower =>
    new WatchlistFollower({
      client: new CentralClient({ baseUrl: cluster.central.url, token: cluster.credentials.get('kpp-r14')!, timeoutMs: 1500, fetch: tamperingFetch }),
      cache: new WatchlistCache(db), cacheDb: db, holder: { swap: () => undefined },
      build: (entries: readonly WatchlistEntry[], head) => ({ screener: null, version: head.version, head: head.head, expiresAtMs: head.expiresAtMs, appliedAtMs: head.appliedAtMs, entries: entries.length }),
      publicKey, trustedNow: () => Date.now(), wallMs: () => Date.now(), settings: SyncSettings.parse({ snapshotBehindVersions: 1000 }), log: pino({ level: 'silent' }),
      audit: { append: (e) => audits.push({ action: e.action, reason: String((e.details as { reason?: string } | undefined)?.reason) }) },
    });
  try {
    const f = follower(cluster.central.publicKey);
    // Capture an honest reply at version 1 (for replays) by pulling from 0 without snapshot first.
    const honest = await new CentralClient({ baseUrl: cluster.central.url, token: cluster.credentials.get('kpp-r14')!, timeoutMs: 1500 }).watchlistChanges(0, 10);
    const oldChange = honest.changes[0]!;
    const oldHead = honest.head;
    await f.pull();
    // One honest step further, so the captured head record is older than the one the agent holds.
    await cluster.central.addEntry(admin, entry(3));
    await f.pull();
    const base = { version: f.version, head: new WatchlistCache(db).head().head };
    for (let i = 4; i < 6; i++) await cluster.central.addEntry(admin, entry(i));
    const nowIso = (): string => new Date().toISOString();
    const cases: [string, Tamper, string][] = [
      ['flipped byte', (r) => { const c = r.changes[0]!; const s = Buffer.from(c.signature, 'base64'); s[5] = s[5]! ^ 1; c.signature = s.toString('base64'); return r; }, 'bad-signature'],
      ['missing delta', (r) => ({ ...r, changes: r.changes.slice(1) }), 'gap'],
      ['replayed old delta', (r) => ({ ...r, changes: [oldChange, ...r.changes] }), 'rollback'],
      ['replayed old head record', (r) => ({ ...r, head: oldHead, changes: [] }), 'rollback'],
      ['wrong prevHash (validly signed, other history)', (r) => {
        const forged = signWatchlistChange({ listId: r.head.head.listId, prevVersion: base.version, prevHash: sha256Hex('another history'), ops: r.changes[0]!.ops, issuedAt: nowIso() }, key);
        return { ...r, changes: [forged, ...r.changes.slice(1)] };
      }, 'chain-mismatch'],
      ['altered ops', (r) => { const op = r.changes[0]!.ops[0]!; if (op.op === 'put') op.entry.category = 'altered'; return r; }, 'ops-hash-mismatch'],
      ['tail not matching the head record', (r) => ({ ...r, changes: r.changes.slice(0, 1) }), 'head-mismatch'],
      ['expired head record', (r) => ({ ...r, head: signWatchlistHead({ listId: r.head.head.listId, headVersion: r.head.head.headVersion, headHash: r.head.head.headHash, issuedAt: nowIso(), expiresAt: new Date(Date.now() - 1000).toISOString() }, key) }), 'expired'],
    ];
    const rejects: Record<string, number> = {};
    const outcomes: { name: string; expected: string; got: string | null; unchanged: boolean }[] = [];
    const check = async (name: string, fl: WatchlistFollower, expected: string): Promise<void> => {
      const before = audits.length;
      await fl.pull();
      // The reason of this pull's refusal, as audited (null when nothing was refused).
      const got = audits.length > before ? audits.at(-1)!.reason : null;
      const head = new WatchlistCache(db).head();
      outcomes.push({ name, expected, got, unchanged: head.version === base.version && head.head === base.head });
      if (got !== null) rejects[got] = (rejects[got] ?? 0) + 1;
    };
    for (const [name, t, expected] of cases) {
      tamper = t;
      await check(name, f, expected);
    }
    tamper = null;
    await check('unknown key (another key pinned)', follower(generateSigningKey().publicKey), 'unknown-key');
    const accepted = outcomes.filter((o) => !o.unchanged).length;
    // The honest data afterwards is accepted.
    await f.pull();
    const finalVersion = f.version;
    const headVersion = (await new CentralClient({ baseUrl: cluster.central.url, token: cluster.credentials.get('kpp-r14')!, timeoutMs: 1500 }).watchlistChanges(finalVersion, 1)).head.head.headVersion;
    const allRight = outcomes.every((o) => o.got === o.expected && o.unchanged);
    report({ id: 'R14', scenario: 'bad watchlist data', seed, pass: allRight && accepted === 0 && finalVersion === headVersion, rejects_by_reason: rejects, accepted, audited: audits.length, honest_after: finalVersion === headVersion, cases: outcomes.map((o) => `${o.name}: ${o.got}`) });
    expect(outcomes.filter((o) => o.got !== o.expected || !o.unchanged), `seed ${seed}`).toEqual([]);
    expect(audits.filter((a) => a.action === 'watchlist.rejected')).toHaveLength(cases.length + 1);
    expect(finalVersion).toBe(headVersion);


  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
