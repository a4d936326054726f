import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWatchlistChanges, GENESIS_HASH, WatchlistChangesReply } from '@aspk/shared';
import { FIXTURE_PASSWORD, startFixture, type Fixture } from '../testing/central-fixture.js';

let f: Fixture;
let admin2: string;
const as = (t: string) => ({ Authorization: `Bearer ${t}` });
beforeAll(async () => {
  f = await startFixture({ fourEyes: true });
  f.central.deps.users.add('admin2', 'admin', await f.central.deps.hasher.hash(FIXTURE_PASSWORD));
  admin2 = (await request(f.url).post('/api/v1/auth/login').send({ username: 'admin2', password: FIXTURE_PASSWORD })).body.token as string;
});
afterAll(async () => f.close());

const entry = { id: 'fe-1', type: 'document', category: 'stolen', action: 'deny', issuingState: 'KGZ', documentNumber: 'FE1' };

describe('four-eyes publication (S12)', () => {
  it('holds a change as a proposal; the proposer cannot approve; a second admin publishes a verifiable version', async () => {
    const p = await request(f.url).post('/api/v1/watchlist/entries').set(as(f.tokens.admin)).send(entry);
    expect(p.status).toBe(202);
    expect(p.body).toEqual({ proposalId: 1, status: 'pending' });
    expect((await request(f.url).get('/api/v1/watchlist/entries/fe-1').set(as(f.tokens.admin))).status).toBe(404);
    expect(f.central.deps.watchlist.head().version).toBe(0);

    const self = await request(f.url).post('/api/v1/watchlist/proposals/1/approve').set(as(f.tokens.admin));
    expect(self.status).toBe(403);
    expect((await request(f.url).post('/api/v1/watchlist/proposals/1/approve').set(as(f.tokens.auditor))).status).toBe(403);

    const ok = await request(f.url).post('/api/v1/watchlist/proposals/1/approve').set(as(admin2));
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(1);
    expect((await request(f.url).post('/api/v1/watchlist/proposals/1/approve').set(as(admin2))).status).toBe(409);

    const list = await request(f.url).get('/api/v1/watchlist/proposals').set(as(f.tokens.auditor));
    expect(list.body).toMatchObject({ fourEyes: true, proposals: [{ id: 1, status: 'published', proposer: 'admin', decidedBy: 'admin2', version: 1 }] });

    const reply = WatchlistChangesReply.parse((await request(f.url).get('/api/v1/agent/watchlist/changes').query({ since: 0 }).set(as(f.tokens.agent))).body);
    expect(checkWatchlistChanges({ version: 0, headHash: GENESIS_HASH, lastHeadIssuedAtMs: null }, reply, f.central.keys.signing.publicKey, Date.now())).toEqual({ ok: true });
    const audit = await request(f.url).get('/api/v1/audit').query({ limit: '50' }).set(as(f.tokens.auditor));
    const actions = (audit.body.entries as { action: string; actor: string }[]).map((e) => `${e.actor}:${e.action}`);
    expect(actions).toEqual(expect.arrayContaining(['admin:watchlist.entry.create.proposed', 'admin:security.self-approval-refused', 'admin2:watchlist.entry.create']));
  });

  it('proposes imports and deletions too, and a rejected proposal changes nothing', async () => {
    const imp = await request(f.url).post('/api/v1/watchlist/import').set(as(f.tokens.admin)).set('Content-Type', 'application/x-ndjson').send(JSON.stringify({ ...entry, id: 'fe-2', documentNumber: 'FE2' }));
    expect(imp.body).toMatchObject({ proposalId: 2, added: 1 });
    const del = await request(f.url).delete('/api/v1/watchlist/entries/fe-1').set(as(f.tokens.admin));
    expect(del.status).toBe(202);
    expect((await request(f.url).post('/api/v1/watchlist/proposals/2/reject').set(as(admin2))).body).toMatchObject({ status: 'rejected', decidedBy: 'admin2' });
    expect((await request(f.url).post('/api/v1/watchlist/proposals/3/approve').set(as(admin2))).body.version).toBe(2);
    expect(f.central.deps.watchlist.search({ limit: 10, offset: 0 }).total).toBe(0);
  });
});
