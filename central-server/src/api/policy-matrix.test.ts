import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_POLICY, SOCKET_POLICY } from '../auth/policy.js';
import { startFixture, type Fixture } from '../testing/central-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => f.close());

type Who = 'anonymous' | 'officer' | 'admin' | 'auditor' | 'agent';
const WHO: Who[] = ['anonymous', 'officer', 'admin', 'auditor', 'agent'];

/** Concrete URL for a route id: path parameters get plausible but absent values. */
function urlOf(path: string): string {
  return path
    .replace(':id', path.includes('/users/') ? '999' : path.includes('/alerts/') ? '999' : path.includes('/crossings/') ? '019abc00-0000-7000-8000-000000000001' : 'missing-id');
}

function expectedAllowed(allowed: (typeof ROUTE_POLICY)[string], who: Who): boolean {
  if (allowed === 'public') return true;
  if (who === 'anonymous') return false;
  if (allowed === 'authenticated') return who !== 'agent';
  return (allowed as readonly string[]).includes(who);
}

describe('RBAC matrix (reliability-security.md S2)', () => {
  it('every registered express route has a policy entry and every policy entry is registered', () => {
    const registered = f.central.api.routes.map((r) => r.id).sort();
    expect(registered).toEqual(Object.keys(ROUTE_POLICY).sort());
  });

  it('every route × caller gives 401/403 exactly when the policy denies', async () => {
    let checks = 0;
    const mismatches: string[] = [];
    for (const r of f.central.api.routes) {
      const [method, path] = r.id.split(' ') as [string, string];
      if (r.id === 'POST /api/v1/auth/logout') continue; // tested separately: it ends the session
      for (const who of WHO) {
        const req = request(f.url)[method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](urlOf(path));
        if (who !== 'anonymous') void req.set('Authorization', `Bearer ${f.tokens[who]}`);
        const res = await req.send(method === 'GET' ? undefined : {});
        checks++;
        const denied = res.status === 401 || res.status === 403;
        const allowed = expectedAllowed(r.allowed, who);
        if (denied === allowed) mismatches.push(`${r.id} as ${who}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
        if (denied) {
          expect(res.body).toMatchObject({ error: { code: who === 'anonymous' ? 'AUTH_REQUIRED' : 'FORBIDDEN' } });
          expect(res.status).toBe(who === 'anonymous' ? 401 : 403);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checks).toBeGreaterThan(100);
  });

  it('every registered socket.io handler has a policy entry', () => {
    // Handlers register per connection; the policy table must cover the full set the hub knows.
    for (const h of f.central.hub.handlers) expect(SOCKET_POLICY[h]).toBeDefined();
  });

  it('audits every user action, including plain reads and refused attempts', async () => {
    await request(f.url).get('/api/v1/checkpoints').set('Authorization', `Bearer ${f.tokens.admin}`);
    await request(f.url).get('/api/v1/crossings').query({ purpose: 'x' }).set('Authorization', `Bearer ${f.tokens.admin}`);
    const a = await request(f.url).get('/api/v1/audit').query({ actor: 'admin', limit: '500' }).set('Authorization', `Bearer ${f.tokens.auditor}`);
    const actions = (a.body.entries as { action: string; target: string | null }[]).map((e) => `${e.action} ${e.target ?? ''}`.trim());
    expect(actions).toContain('GET /api/v1/checkpoints');
    expect(actions).toContain('security.forbidden GET /api/v1/crossings');
    for (const r of f.central.api.routes) {
      const audited = r.spec.audit !== 'none' || r.allowed === 'public' || r.id === 'GET /api/v1/auth/me' || r.id.includes('/agent/');
      expect(audited, r.id).toBe(true);
    }
  });

  it('an unknown API route answers 404 in the error format', async () => {
    const res = await request(f.url).get('/api/v1/nope').set('Authorization', `Bearer ${f.tokens.admin}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'no such API route' } });
  });

  it('a role change applies at once (sessions of that user end)', async () => {
    const login = await request(f.url).post('/api/v1/auth/login').send({ username: 'officer', password: 'correct horse battery staple' });
    const token = (login.body as { token: string }).token;
    expect((await request(f.url).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const users = (await request(f.url).get('/api/v1/users').set('Authorization', `Bearer ${f.tokens.admin}`)).body as { users: { id: number; username: string }[] };
    const id = users.users.find((u) => u.username === 'officer')!.id;
    const patch = await request(f.url).patch(`/api/v1/users/${id}`).set('Authorization', `Bearer ${f.tokens.admin}`).send({ role: 'auditor' });
    expect(patch.status).toBe(200);
    expect((await request(f.url).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });
});
