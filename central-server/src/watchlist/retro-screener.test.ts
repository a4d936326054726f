import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from '../testing/central-fixture.js';
import { crossing } from '../testing/crossing-builder.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({ retroScreenDays: 90 });
  const now = Date.now();
  const daysAgo = (d: number) => new Date(now - d * 86_400_000).toISOString();
  const crossings = [
    crossing(1, { agentWallTime: daysAgo(10), surname: 'DZHAPAROV', givenNames: 'SADYR', birthDate: '1968-12-06', documentNumber: 'AN0000001' }),
    crossing(2, { agentWallTime: daysAgo(200), surname: 'DZHAPAROV', givenNames: 'SADYR', birthDate: '1968-12-06' }),
    crossing(3, { agentWallTime: daysAgo(5), surname: 'PETROVA', givenNames: 'ANNA', issuingState: 'UZB', documentNumber: 'FA7654321' }),
    crossing(4, { agentWallTime: daysAgo(1), surname: 'SMITH', givenNames: 'JOHN' }),
  ];
  const r = await request(f.url).post('/api/v1/agent/crossings').set('Authorization', `Bearer ${f.tokens.agent}`).send({ agentId: 'kpp-1', epoch: 'e', crossings });
  expect(r.body.accepted).toBe(4);
});
afterAll(async () => f.close());

describe('retro-screening', () => {
  it('raises one "seen at" alert per recent crossing matching a new person or document entry', async () => {
    const admin = { Authorization: `Bearer ${f.tokens.admin}` };
    await request(f.url).post('/api/v1/watchlist/entries').set(admin).send({ id: 'p-77', type: 'person', category: 'wanted', action: 'detain', surname: 'Жапаров', givenNames: 'Садыр', birthDate: '1968-12-06' });
    await request(f.url).post('/api/v1/watchlist/entries').set(admin).send({ id: 'd-77', type: 'document', category: 'stolen', action: 'deny', issuingState: 'UZB', documentNumber: 'FA7654321' });
    await f.central.idle();
    const alerts = ((await request(f.url).get('/api/v1/alerts').set(admin)).body.alerts as { kind: string; entryId: string; message: string; checkpointId: string }[]).filter((a) => a.kind === 'retro-hit');
    expect(alerts.map((a) => a.entryId).sort()).toEqual(['d-77', 'p-77']);
    expect(alerts.find((a) => a.entryId === 'p-77')!.message).toMatch(/seen at checkpoint kpp-1 on \d{4}-\d{2}-\d{2}/);
    // Editing the entry screens again but does not raise the same alert twice.
    await request(f.url).patch('/api/v1/watchlist/entries/p-77').set(admin).set('Content-Type', 'application/json').send({ category: 'wanted (updated)' });
    await f.central.idle();
    const again = ((await request(f.url).get('/api/v1/alerts').set(admin)).body.alerts as { kind: string }[]).filter((a) => a.kind === 'retro-hit');
    expect(again).toHaveLength(2);
  });
});
