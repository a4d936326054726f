import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from '../testing/central-fixture.js';

let f: Fixture;
const as = (role: 'admin' | 'auditor' | 'agent') => ({ Authorization: `Bearer ${f.tokens[role]}` });
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => f.close());

describe('users, checkpoints, alerts, versions and agent officer sync', () => {
  it('admin creates users (password policy enforced) and disables one, ending its sessions', async () => {
    expect((await request(f.url).post('/api/v1/users').set(as('admin')).send({ username: 'o2', role: 'officer', password: 'short' })).status).toBe(400);
    const r = await request(f.url).post('/api/v1/users').set(as('admin')).send({ username: 'o2', role: 'officer', password: 'a very long password' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ username: 'o2', role: 'officer', disabled: false });
    expect((await request(f.url).post('/api/v1/users').set(as('admin')).send({ username: 'O2', role: 'officer', password: 'a very long password' })).status).toBe(409);
    const list = await request(f.url).get('/api/v1/users').set(as('admin'));
    expect(list.body.users.map((u: { username: string }) => u.username)).toEqual(['admin', 'auditor', 'o2', 'officer']);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt/);
    const login = await request(f.url).post('/api/v1/auth/login').send({ username: 'o2', password: 'a very long password' });
    expect(login.status).toBe(200);
    await request(f.url).patch(`/api/v1/users/${r.body.id}`).set(as('admin')).send({ disabled: true });
    expect((await request(f.url).get('/api/v1/auth/me').set('Authorization', `Bearer ${login.body.token}`)).status).toBe(401);
    expect((await request(f.url).post('/api/v1/auth/login').send({ username: 'o2', password: 'a very long password' })).status).toBe(401);
  });

  it('refuses an admin demoting or disabling their own account', async () => {
    const me = (await request(f.url).get('/api/v1/users').set(as('admin'))).body.users.find((u: { username: string }) => u.username === 'admin');
    const r = await request(f.url).patch(`/api/v1/users/${me.id}`).set(as('admin')).send({ disabled: true });
    expect(r.status).toBe(409);
    expect((await request(f.url).get('/api/v1/auth/me').set(as('admin'))).status).toBe(200);
  });

  it('agents receive officer hashes for offline login, including the disabled flag', async () => {
    const r = await request(f.url).get('/api/v1/agent/officers').set(as('agent'));
    expect(r.body.officers).toEqual(
      expect.arrayContaining([
        { username: 'officer', passwordHash: expect.stringMatching(/^scrypt\$10\$8\$1\$/), disabled: false },
        { username: 'o2', passwordHash: expect.stringMatching(/^scrypt\$/), disabled: true },
      ]),
    );
  });

  it('enrols, lists, rotates and revokes checkpoints; the old credential dies with revocation', async () => {
    const add = await request(f.url).post('/api/v1/checkpoints').set(as('admin')).send({ id: 'kpp-west', name: 'West' });
    expect(add.status).toBe(201);
    expect(add.body.credential).toMatch(/^kpp-west\./);
    expect((await request(f.url).post('/api/v1/checkpoints').set(as('admin')).send({ id: 'Bad Id', name: 'x' })).status).toBe(400);
    const rot = await request(f.url).post('/api/v1/checkpoints/kpp-west/rotate').set(as('admin'));
    const pull = (cred: string) => request(f.url).get('/api/v1/agent/watchlist/changes').query({ since: 0 }).set('Authorization', `Bearer ${cred}`);
    expect((await pull(add.body.credential)).status).toBe(200); // overlap window
    expect((await pull(rot.body.credential)).status).toBe(200);
    await request(f.url).post('/api/v1/checkpoints/kpp-west/revoke').set(as('admin'));
    expect((await pull(rot.body.credential)).status).toBe(401);
    const list = await request(f.url).get('/api/v1/checkpoints').set(as('auditor'));
    expect(list.body.checkpoints.find((c: { id: string }) => c.id === 'kpp-west')).toMatchObject({ status: 'revoked', connected: false });
    expect((await request(f.url).post('/api/v1/checkpoints/nope/rotate').set(as('admin'))).status).toBe(404);
  });

  it('acknowledges alerts over HTTP and lists open ones', async () => {
    const a = f.central.deps.alerts.raise({ kind: 'security', message: 'm' });
    expect((await request(f.url).get('/api/v1/alerts').query({ open: 'true' }).set(as('auditor'))).body.total).toBe(1);
    const r = await request(f.url).post(`/api/v1/alerts/${a.id}/ack`).set(as('admin'));
    expect(r.body).toMatchObject({ id: a.id, acknowledgedBy: 'admin' });
    expect((await request(f.url).get('/api/v1/alerts').query({ open: 'true' }).set(as('admin'))).body.total).toBe(0);
    expect((await request(f.url).post('/api/v1/alerts/99999/ack').set(as('admin'))).status).toBe(404);
  });

  it('lists the signed version headers for admins and auditors', async () => {
    await request(f.url).post('/api/v1/watchlist/entries').set(as('admin')).send({ id: 'v1', type: 'document', category: 'lost', action: 'alert', issuingState: 'KGZ', documentNumber: 'V1' });
    const r = await request(f.url).get('/api/v1/watchlist/versions').set(as('auditor'));
    expect(r.body.versions).toHaveLength(1);
    expect(r.body.versions[0].header).toMatchObject({ version: 1, prevVersion: 0, opsCount: 1 });
    expect(r.body.head.head).toMatchObject({ headVersion: 1, headHash: r.body.versions[0].hash });
  });
});
