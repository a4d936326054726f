import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, startFixture, type Fixture } from '../testing/central-fixture.js';

let f: Fixture;
let clock = Date.parse('2026-11-27T10:00:00Z');
beforeAll(async () => {
  f = await startFixture({ loginMaxFailures: 5, loginLockoutS: 60 }, { now: () => clock });
});
afterAll(async () => f.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  request(f.url).post('/api/v1/auth/login').set(headers).send({ username, password });

describe('login, sessions and logout (S3, S5)', () => {
  it('sets an HttpOnly SameSite=Strict session cookie and returns a bearer token', async () => {
    const r = await login('admin', FIXTURE_PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body.user).toEqual({ username: 'admin', role: 'admin' });
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/^aspk_sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    const sid = cookie.split(';')[0]!;
    const me = await request(f.url).get('/api/v1/auth/me').set('Cookie', sid);
    expect(me.body).toEqual({ username: 'admin', role: 'admin' });
  });

  it('rotates the session at login and refuses the old cookie; logout destroys the session', async () => {
    const a = String((await login('auditor', FIXTURE_PASSWORD)).headers['set-cookie']).split(';')[0]!;
    const b = String((await login('auditor', FIXTURE_PASSWORD, { Cookie: a, Origin: f.url })).headers['set-cookie']).split(';')[0]!;
    expect(b).toMatch(/^aspk_sid=/);
    expect(b).not.toBe(a);
    expect((await request(f.url).get('/api/v1/auth/me').set('Cookie', a)).status).toBe(401);
    const out = await request(f.url).post('/api/v1/auth/logout').set('Cookie', b).set('Origin', f.url);
    expect(out.status).toBe(200);
    expect((await request(f.url).get('/api/v1/auth/me').set('Cookie', b)).status).toBe(401);
  });

  it('expires sessions after the idle timeout and the absolute lifetime', async () => {
    const t = (await login('auditor', FIXTURE_PASSWORD)).body.token as string;
    const me = () => request(f.url).get('/api/v1/auth/me').set('Authorization', `Bearer ${t}`);
    clock += 14 * 60_000;
    expect((await me()).status).toBe(200);
    clock += 14 * 60_000; // 28 min since login, but only 14 idle
    expect((await me()).status).toBe(200);
    clock += 16 * 60_000;
    expect((await me()).status).toBe(401);
    const t2 = (await login('auditor', FIXTURE_PASSWORD)).body.token as string;
    for (let i = 0; i < 45; i++) {
      clock += 14 * 60_000;
      if ((await request(f.url).get('/api/v1/auth/me').set('Authorization', `Bearer ${t2}`)).status !== 200) {
        expect(i * 14).toBeGreaterThanOrEqual(10 * 60 - 14);
        return;
      }
    }
    throw new Error('absolute timeout never hit');
  });

  it('checks Origin on cookie-authenticated state changes (S6)', async () => {
    const sid = String((await login('admin', FIXTURE_PASSWORD)).headers['set-cookie']).split(';')[0]!;
    const entry = { id: 'o-1', type: 'document', category: 'stolen', action: 'deny', issuingState: 'KGZ', documentNumber: 'X1' };
    const post = (origin?: string) => {
      const r = request(f.url).post('/api/v1/watchlist/entries').set('Cookie', sid);
      if (origin !== undefined) void r.set('Origin', origin);
      return r.send(entry);
    };
    let r = await post('https://evil.example');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('ORIGIN_REJECTED');
    expect((await post()).status).toBe(403);
    expect((await post(f.url)).status).toBe(201);
    expect((await login('admin', FIXTURE_PASSWORD, { Origin: 'https://evil.example' })).status).toBe(403);
  });

  it('answers unknown and known user names identically, throttles, locks out and lets the lockout lift (S3)', async () => {
    const wrong = await login('admin', 'wrong password here', { 'X-Forwarded-For': 'ignored' });
    const unknown = await login('nobody', 'wrong password here');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    let locked = 0;
    for (let i = 0; i < 6; i++) {
      const r = await login('nobody', 'wrong password here');
      if (r.status === 429) {
        locked++;
        expect(r.body.error.code).toBe('AUTH_LOCKED');
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      }
      clock += 100; // past the short growing delay, not past the lockout
    }
    expect(locked).toBeGreaterThan(0);
    expect((await login('nobody', 'x')).status).toBe(429);
    clock += 61_000;
    expect((await login('nobody', 'x')).status).toBe(401);
    // The right password works for a real account after its lockout lifts.
    for (let i = 0; i < 8; i++) {
      await login('officer', 'wrong password here');
      clock += 100;
    }
    expect((await login('officer', FIXTURE_PASSWORD)).status).toBe(429);
    clock += 61_000;
    expect((await login('officer', FIXTURE_PASSWORD)).status).toBe(200);
  });

  it('audits logins and failures', async () => {
    const a = await request(f.url).get('/api/v1/audit').query({ action: 'auth.login.failed', limit: '500' }).set('Authorization', `Bearer ${(await login('auditor', FIXTURE_PASSWORD)).body.token}`);
    expect(a.body.total).toBeGreaterThan(3);
    expect(a.body.entries[0].details).toHaveProperty('ip');
  });
});
