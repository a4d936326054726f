import request from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_POLICY } from '../auth/policy.js';
import { FIXTURE_PASSWORD, startFixture, type Fixture } from '../testing/central-fixture.js';

let f: Fixture;
const open: Socket[] = [];
beforeAll(async () => {
  f = await startFixture();
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(async () => f.close());

function once<T>(s: Socket, event: string, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    if (event === 'connect' && s.connected) return resolve(undefined as T);
    const t = setTimeout(() => reject(new Error(`timeout waiting for ${event}`)), ms);
    s.once(event, (v: T) => {
      clearTimeout(t);
      resolve(v);
    });
  });
}

function agent(token = f.tokens.agent, transports: ('websocket' | 'polling')[] = ['websocket']): Socket {
  const s = connect(`${f.url}/agent`, { auth: { token }, transports, reconnection: false, forceNew: true });
  open.push(s);
  return s;
}

function dashboard(headers: Record<string, string>): Socket {
  const s = connect(`${f.url}/dashboard`, { transports: ['websocket'], extraHeaders: headers, reconnection: false, forceNew: true });
  open.push(s);
  return s;
}

async function cookieFor(user: string): Promise<string> {
  const r = await request(f.url).post('/api/v1/auth/login').send({ username: user, password: FIXTURE_PASSWORD });
  return String(r.headers['set-cookie']).split(';')[0]!;
}

const hello = { agentId: 'kpp-1', epoch: 'e1', nextSeq: 1, lowestHeldSeq: 1, watchlistVersion: 0, wallMs: Date.now(), monoMs: 5, bootId: 'b' };

describe('/agent namespace', () => {
  it('accepts the checkpoint credential over websocket and answers agent:hello', async () => {
    const s = agent();
    await once(s, 'connect');
    const reply = await s.timeout(2000).emitWithAck('agent:hello', hello);
    expect(reply).toMatchObject({ ok: true, ackedThrough: 0, latestWatchlistVersion: 0 });
    expect(Math.abs((reply as { serverMs: number }).serverMs - Date.now())).toBeLessThan(5000);
  });

  it('refuses a wrong credential and the long-polling transport', async () => {
    expect((await once<Error>(agent('kpp-1.wrong'), 'connect_error')).message).toMatch(/credential/);
    expect((await once<Error>(agent('nonsense'), 'connect_error')).message).toMatch(/credential/);
    expect((await once<Error>(agent(f.tokens.agent, ['polling']), 'connect_error')).message).toMatch(/websocket/);
  });

  it('refuses a hello for another agent id and invalid payloads', async () => {
    const s = agent();
    await once(s, 'connect');
    expect(await s.timeout(2000).emitWithAck('agent:hello', { ...hello, agentId: 'kpp-9' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.timeout(2000).emitWithAck('agent:hello', { ...hello, extra: 1 })).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
  });

  it('notifies agents of a watchlist change within a second', async () => {
    const s = agent();
    await once(s, 'connect');
    const changed = once<{ version: number; headHash: string }>(s, 'watchlist:changed', 1000);
    await request(f.url)
      .post('/api/v1/watchlist/entries')
      .set('Authorization', `Bearer ${f.tokens.admin}`)
      .send({ id: 'n-1', type: 'document', category: 'stolen', action: 'deny', issuingState: 'KGZ', documentNumber: 'Z1' });
    expect(await changed).toMatchObject({ version: 1 });
  });

  it('records agent:status for the checkpoint page and pushes it to dashboards', async () => {
    const d = dashboard({ Origin: f.url, Cookie: await cookieFor('admin') });
    await once(d, 'connect');
    const s = agent();
    await once(s, 'connect');
    const pushed = new Promise<{ queued: number }>((resolve) => d.on('checkpoint:status', (c: { queued: number | null }) => c.queued === 12 && resolve(c as { queued: number })));
    expect(await s.timeout(2000).emitWithAck('agent:status', { agentId: 'kpp-1', queued: 12, watchlistVersion: 1, watchlistStale: false, lastSyncAt: null, lanes: { '1': 'ok' } })).toEqual({ ok: true });
    expect(await pushed).toMatchObject({ id: 'kpp-1', queued: 12, connected: true, watchlistVersion: 1, lanes: { '1': 'ok' } });
    const list = await d.timeout(2000).emitWithAck('checkpoints:list');
    expect(list).toMatchObject({ ok: true, checkpoints: [{ id: 'kpp-1', queued: 12 }] });
  });

  it('drops a revoked agent at once and refuses it afterwards', async () => {
    const cred = f.central.deps.checkpoints.add('kpp-r', 'Revoked').credential;
    const s = agent(cred);
    await once(s, 'connect');
    const gone = once(s, 'disconnect');
    const r = await request(f.url).post('/api/v1/checkpoints/kpp-r/revoke').set('Authorization', `Bearer ${f.tokens.admin}`);
    expect(r.status).toBe(200);
    await gone;
    expect((await once<Error>(agent(cred), 'connect_error')).message).toMatch(/credential/);
  });

  it('accepts the old credential during the rotation overlap and the new one after', async () => {
    const rot = await request(f.url).post('/api/v1/checkpoints/kpp-1/rotate').set('Authorization', `Bearer ${f.tokens.admin}`);
    const s1 = agent(rot.body.credential as string);
    await once(s1, 'connect');
    const s2 = agent(f.tokens.agent);
    await once(s2, 'connect');
  });
});

describe('/dashboard namespace (S6)', () => {
  it('requires an allowed Origin and a session', async () => {
    const cookie = await cookieFor('auditor');
    expect((await once<Error>(dashboard({ Origin: 'https://evil.example', Cookie: cookie }), 'connect_error')).message).toBeTruthy();
    expect((await once<Error>(dashboard({ Cookie: cookie }), 'connect_error')).message).toMatch(/origin/);
    expect((await once<Error>(dashboard({ Origin: f.url }), 'connect_error')).message).toMatch(/authentication/);
    expect((await once<Error>(dashboard({ Origin: f.url, Cookie: await cookieFor('officer') }), 'connect_error')).message).toMatch(/forbidden/);
    const ok = dashboard({ Origin: f.url, Cookie: cookie });
    await once(ok, 'connect');
  });

  it('checks the role on every event: an auditor may list but not acknowledge alerts', async () => {
    const a = f.central.deps.alerts.raise({ kind: 'security', message: 'test alert' });
    const aud = dashboard({ Origin: f.url, Cookie: await cookieFor('auditor') });
    await once(aud, 'connect');
    expect(await aud.timeout(2000).emitWithAck('alerts:list')).toMatchObject({ ok: true });
    expect(await aud.timeout(2000).emitWithAck('alert:ack', { id: a.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const adm = dashboard({ Origin: f.url, Cookie: await cookieFor('admin') });
    await once(adm, 'connect');
    const updated = once<{ acknowledgedBy: string }>(aud, 'alert:updated');
    expect(await adm.timeout(2000).emitWithAck('alert:ack', { id: a.id })).toMatchObject({ ok: true, alert: { acknowledgedBy: 'admin' } });
    expect(await updated).toMatchObject({ acknowledgedBy: 'admin' });
  });

  it('disconnects the socket when its session logs out', async () => {
    const cookie = await cookieFor('auditor');
    const s = dashboard({ Origin: f.url, Cookie: cookie });
    await once(s, 'connect');
    const gone = once(s, 'disconnect');
    await request(f.url).post('/api/v1/auth/logout').set('Cookie', cookie).set('Origin', f.url);
    await gone;
  });

  it('pushes live alerts to admins', async () => {
    const s = dashboard({ Origin: f.url, Cookie: await cookieFor('admin') });
    await once(s, 'connect');
    const raised = once<{ kind: string }>(s, 'alert:raised');
    f.central.hub.alertRaised(f.central.deps.alerts.raise({ kind: 'security', message: 'live' }));
    expect(await raised).toMatchObject({ kind: 'security', message: 'live' });
  });

  it('pushes import progress to the importing user only', async () => {
    const mine = dashboard({ Origin: f.url, Cookie: await cookieFor('admin') });
    const other = dashboard({ Origin: f.url, Cookie: await cookieFor('auditor') });
    await Promise.all([once(mine, 'connect'), once(other, 'connect')]);
    const seen: { phase: string; processed: number }[] = [];
    mine.on('watchlist:import-progress', (p: { phase: string; processed: number }) => seen.push(p));
    let leaked = 0;
    other.on('watchlist:import-progress', () => leaked++);
    const done = new Promise<void>((resolve) => mine.on('watchlist:import-progress', (p: { phase: string }) => p.phase === 'done' && resolve()));
    const body = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `pr-${i}`, type: 'document', category: 'lost', action: 'alert', issuingState: 'KGZ', documentNumber: `P${i}` })).join('\n');
    const r = await request(f.url).post('/api/v1/watchlist/import').query({ importId: 'imp-42' }).set('Authorization', `Bearer ${f.tokens.admin}`).set('Content-Type', 'application/x-ndjson').send(body);
    expect(r.body).toMatchObject({ importId: 'imp-42', added: 3000 });
    await done;
    expect(seen.map((p) => p.phase)).toEqual(['validating', 'validating', 'applying', 'done']);
    expect(seen[0]!.processed).toBe(2000);
    expect(leaked).toBe(0);
  });

  it('every socket.io handler registered is exactly the policy table', () => {
    expect([...f.central.hub.handlers].sort()).toEqual(Object.keys(SOCKET_POLICY).sort());
  });
});
