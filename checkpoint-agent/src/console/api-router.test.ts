import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { CrossingRecord, DecisionRecord } from '@aspk/shared';
import { startTestAgent, mrzOf, CLEAR_TRAVELLER, LISTED_TRAVELLER, OFFICER, SUPERVISOR } from '../test-support/agent-harness.js';
import { ROUTE_POLICY, EVENT_POLICY } from './access-policy.js';

let agent: Awaited<ReturnType<typeof startTestAgent>>;
let origin: string;
beforeAll(async () => {
  agent = await startTestAgent();
  origin = agent.base;
});
afterAll(async () => agent.stop());

async function login(who: { username: string; password: string }): Promise<string> {
  const res = await request(agent.base).post('/api/auth/login').set('Origin', origin).send(who);
  expect(res.status).toBe(200);
  const cookie = (res.headers['set-cookie'] as unknown as string[])[0]!;
  return cookie.split(';')[0]!;
}

describe('agent API', () => {
  it('GET /api/health needs no login and reports readers, queue, watchlist and link', async () => {
    const res = await request(agent.base).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ checkpointId: 'kpp-test', store: 'ok', link: { state: 'disabled' }, watchlist: { version: 5, ready: true, stale: false } });
    expect(res.body.lanes.map((l: { id: string }) => l.id)).toEqual(['1', '2']);
    expect(typeof res.body.queued).toBe('number');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('logs in with an HttpOnly SameSite=Strict cookie and rotates the session id', async () => {
    const res = await request(agent.base).post('/api/auth/login').set('Origin', origin).send(OFFICER);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ username: 'aibek', displayName: 'Aibek Officer', role: 'officer' });
    const cookie = (res.headers['set-cookie'] as unknown as string[])[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const first = cookie.split(';')[0]!;
    const again = await request(agent.base).post('/api/auth/login').set('Origin', origin).set('Cookie', first).send(OFFICER);
    const second = (again.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    expect(second).not.toBe(first);
    expect((await request(agent.base).get('/api/auth/me').set('Cookie', first)).status).toBe(401);
    expect((await request(agent.base).get('/api/auth/me').set('Cookie', second)).status).toBe(200);
  });

  it('answers a wrong password and an unknown user identically', async () => {
    const wrong = await request(agent.base).post('/api/auth/login').set('Origin', origin).send({ username: 'aibek', password: 'nope' });
    const unknown = await request(agent.base).post('/api/auth/login').set('Origin', origin).send({ username: 'ghost', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({ error: { code: 'AUTH_FAILED', message: 'wrong user name or password' } });
  });

  it('rejects state-changing requests from a foreign or missing Origin', async () => {
    expect((await request(agent.base).post('/api/auth/login').set('Origin', 'http://evil.example').send(OFFICER)).body.error.code).toBe('ORIGIN_REJECTED');
    const missing = await request(agent.base).post('/api/auth/login').send(OFFICER);
    expect(missing.status).toBe(403);
  });

  it('requires a session for inspections and validates queries and bodies', async () => {
    expect((await request(agent.base).get('/api/inspections')).body.error.code).toBe('AUTH_REQUIRED');
    const cookie = await login(OFFICER);
    expect((await request(agent.base).get('/api/inspections?limit=0').set('Cookie', cookie)).body.error.code).toBe('INPUT_INVALID');
    const extra = await request(agent.base).post('/api/lanes/1/manual').set('Origin', origin).set('Cookie', cookie).send({ mrz: 'X', admin: true });
    expect(extra.status).toBe(400);
    const badJson = await request(agent.base).post('/api/lanes/1/manual').set('Origin', origin).set('Cookie', cookie).set('Content-Type', 'application/json').send('{"mrz":');
    expect(badJson.body.error.code).toBe('INPUT_INVALID');
    const big = await request(agent.base).post('/api/lanes/1/manual').set('Origin', origin).set('Cookie', cookie).send({ mrz: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect((await request(agent.base).post('/api/lanes/9/manual').set('Origin', origin).set('Cookie', cookie).send({ mrz: 'P<' })).status).toBe(404);
  });

  it('records a manual scan, lists it, and records the officer decision with an outbox item and audit entry', async () => {
    const cookie = await login(OFFICER);
    const scan = await request(agent.base).post('/api/lanes/1/manual').set('Origin', origin).set('Cookie', cookie).send({ mrz: mrzOf(LISTED_TRAVELLER) });
    expect(scan.status).toBe(200);
    expect(scan.body).toMatchObject({ recorded: true, inspection: { verdict: 'refer', requiredAction: 'refer', source: 'manual', watchlist: { version: 5 } } });
    expect(scan.body.inspection.alerts[0]).toMatchObject({ entryId: 'p-wanted', kind: 'person' });
    const id = scan.body.inspection.crossingId as string;

    const list = await request(agent.base).get('/api/inspections?limit=5').set('Cookie', cookie);
    expect(list.body.items[0].inspection.crossingId).toBe(id);

    const decided = await request(agent.base).post(`/api/inspections/${id}/decision`).set('Origin', origin).set('Cookie', cookie).send({ decision: 'refer', note: 'secondary: check identity' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ decision: 'refer', decisionOfficer: 'aibek', decisionNote: 'secondary: check identity' });

    const items = agent.store.outboxAfter(0, 100);
    const crossingItem = items.find((i) => i.itemId === id)!;
    expect(CrossingRecord.parse(crossingItem.body)).toMatchObject({ id, verdict: 'refer', watchlistVersion: 5 });
    const decisionItem = items.find((i) => i.kind === 'decision' && i.body['crossingId'] === id)!;
    expect(DecisionRecord.parse(decisionItem.body)).toMatchObject({ decision: 'refer', officer: 'aibek' });
    expect(agent.audit.list().some((e) => e.action === 'crossing.decide' && e.target === id && e.actor === 'aibek')).toBe(true);

    const bad = await request(agent.base).post(`/api/inspections/${id}/decision`).set('Origin', origin).set('Cookie', cookie).send({ decision: 'shoot' });
    expect(bad.body.error.code).toBe('INPUT_INVALID');
    const none = await request(agent.base).post('/api/inspections/019ac5a4-0000-7000-8000-000000000000/decision').set('Origin', origin).set('Cookie', cookie).send({ decision: 'admit' });
    expect(none.status).toBe(404);
  });

  it('serves metrics with counts and latency percentiles', async () => {
    const cookie = await login(OFFICER);
    await request(agent.base).post('/api/lanes/2/manual').set('Origin', origin).set('Cookie', cookie).send({ mrz: mrzOf(CLEAR_TRAVELLER) });
    const m = await request(agent.base).get('/api/metrics').set('Cookie', cookie);
    expect(m.body.counts.crossings).toBeGreaterThanOrEqual(1);
    expect(m.body.latency.inspection).toMatchObject({ count: expect.any(Number), p50Us: expect.any(Number), p99Us: expect.any(Number) });
  });

  it('lets only a supervisor verify the audit chain', async () => {
    expect((await request(agent.base).get('/api/audit/verify').set('Cookie', await login(OFFICER))).status).toBe(403);
    const res = await request(agent.base).get('/api/audit/verify').set('Cookie', await login(SUPERVISOR));
    expect(res.body).toMatchObject({ ok: true });
  });

  it('refuses the old cookie after logout', async () => {
    const cookie = await login(OFFICER);
    expect((await request(agent.base).post('/api/auth/logout').set('Origin', origin).set('Cookie', cookie)).status).toBe(200);
    expect((await request(agent.base).get('/api/inspections').set('Cookie', cookie)).status).toBe(401);
  });

  it('a disabled officer loses the session at the next request', async () => {
    const cookie = await login(SUPERVISOR);
    agent.officers.setDisabled('nurlan', true);
    expect((await request(agent.base).get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
    agent.officers.setDisabled('nurlan', false);
  });

  it('locks an account after repeated failures, with the same answer for unknown users', async () => {
    for (let i = 0; i < 5; i++) await request(agent.base).post('/api/auth/login').set('Origin', origin).send({ username: 'victim', password: `x${i}` });
    const locked = await request(agent.base).post('/api/auth/login').set('Origin', origin).send({ username: 'victim', password: 'x' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('AUTH_LOCKED');
    // The other officers of the booth (same loopback address) can still log in.
    expect((await request(agent.base).post('/api/auth/login').set('Origin', origin).send(OFFICER)).status).toBe(200);
  });

  it('has a policy entry for every registered route and socket.io event, and none without a handler', () => {
    expect([...agent.console.routeKeys].sort()).toEqual(Object.keys(ROUTE_POLICY).sort());
    expect([...agent.console.eventNames].sort()).toEqual(Object.keys(EVENT_POLICY).sort());
  });

  it('returns the JSON error shape for unknown API routes', async () => {
    const res = await request(agent.base).get('/api/nothing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'no such API route' } });
  });
});
