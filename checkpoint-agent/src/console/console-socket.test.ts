import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestAgent, mrzOf, LISTED_TRAVELLER, OFFICER } from '../test-support/agent-harness.js';

let agent: Awaited<ReturnType<typeof startTestAgent>>;
const sockets: Socket[] = [];
beforeAll(async () => {
  agent = await startTestAgent();
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
afterAll(async () => agent.stop());

async function login(): Promise<string> {
  const res = await request(agent.base).post('/api/auth/login').set('Origin', agent.base).send(OFFICER);
  return (res.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
}

function open(headers: Record<string, string>): Socket {
  const s = connect(agent.base, { transports: ['websocket'], extraHeaders: headers, reconnection: false, timeout: 3000 });
  sockets.push(s);
  return s;
}

/** Resolves with 'connected' or the connect_error message, whichever comes first. */
function outcome(s: Socket): Promise<string> {
  return new Promise((resolve) => {
    s.once('connect', () => resolve('connected'));
    s.once('connect_error', (e) => resolve(e.message));
  });
}

function nextEvent<T>(s: Socket, name: string, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms`)), timeoutMs);
    s.once(name, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

describe('console socket.io', () => {
  it('rejects a missing or foreign Origin (cross-site WebSocket hijacking) and a missing session', async () => {
    const cookie = await login();
    expect(await outcome(open({ cookie }))).not.toBe('connected');
    expect(await outcome(open({ cookie, origin: 'http://evil.example' }))).not.toBe('connected');
    expect(await outcome(open({ origin: agent.base }))).toBe('AUTH_REQUIRED');
  });

  it('pushes inspections live and takes decisions with acknowledgements', async () => {
    const s = open({ cookie: await login(), origin: agent.base });
    expect(await outcome(s)).toBe('connected');
    const pushed = nextEvent<{ recorded: boolean; inspection: { crossingId: string; verdict: string } }>(s, 'inspection:new');
    agent.runtime.scan('1', mrzOf(LISTED_TRAVELLER), 'reader', null);
    const ev = await pushed;
    expect(ev).toMatchObject({ recorded: true, inspection: { verdict: 'refer' } });

    const decided = nextEvent<{ decision: string }>(s, 'crossing:decided');
    const reply = await s.timeout(3000).emitWithAck('decision:submit', { crossingId: ev.inspection.crossingId, decision: 'refer', note: 'to secondary' });
    expect(reply).toMatchObject({ ok: true, data: { decision: 'refer', decisionOfficer: 'aibek' } });
    expect((await decided).decision).toBe('refer');
  });

  it('validates every payload with zod and answers with the error shape', async () => {
    const s = open({ cookie: await login(), origin: agent.base });
    await outcome(s);
    const bad = await s.timeout(3000).emitWithAck('decision:submit', { crossingId: 'not-a-uuid', decision: 'admit', extra: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
    const lane = await s.timeout(3000).emitWithAck('lane:direction', { laneId: '1', direction: 'exit' });
    expect(lane.ok).toBe(true);
    expect(lane.data.lanes[0].direction).toBe('exit');
    const list = await s.timeout(3000).emitWithAck('inspections:list', { limit: 3 });
    expect(list.ok).toBe(true);
  });

  it('refuses an event flood from one socket with RATE_LIMITED', async () => {
    const s = open({ cookie: await login(), origin: agent.base });
    await outcome(s);
    const replies = await Promise.all(Array.from({ length: 80 }, () => s.timeout(3000).emitWithAck('status:get', {})));
    const limited = replies.filter((r: { ok: boolean; error?: { code: string } }) => !r.ok && r.error?.code === 'RATE_LIMITED').length;
    expect(limited).toBeGreaterThan(20);
    expect(replies.filter((r: { ok: boolean }) => r.ok).length).toBeGreaterThanOrEqual(40);
  });

  it('re-checks the account on every event: a disabled officer is refused at the next event', async () => {
    const s = open({ cookie: await login(), origin: agent.base });
    expect(await outcome(s)).toBe('connected');
    agent.officers.setDisabled(OFFICER.username, true);
    try {
      const expired = nextEvent(s, 'session:expired');
      const dropped = nextEvent<string>(s, 'disconnect');
      let reply: { ok: boolean } | undefined;
      s.emit('inspections:list', { limit: 1 }, (r: { ok: boolean }) => (reply = r));
      await expired;
      expect(await dropped).toBe('io server disconnect');
      expect(reply?.ok ?? false).toBe(false); // no data was served to the disabled account
    } finally {
      agent.officers.setDisabled(OFFICER.username, false);
    }
  });

  it('ends the socket at logout and refuses the old cookie afterwards', async () => {
    const cookie = await login();
    const s = open({ cookie, origin: agent.base });
    expect(await outcome(s)).toBe('connected');
    expect((await s.timeout(3000).emitWithAck('status:get', {})).ok).toBe(true);
    const expired = nextEvent(s, 'session:expired');
    const dropped = nextEvent(s, 'disconnect');
    await request(agent.base).post('/api/auth/logout').set('Origin', agent.base).set('Cookie', cookie);
    await expired; // pushed at logout, without waiting for the next event
    await dropped;
    // A new socket with the old cookie is refused at the handshake.
    expect(await outcome(open({ cookie, origin: agent.base }))).toBe('AUTH_REQUIRED');
  });
});
