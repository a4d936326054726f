import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from '../testing/central-fixture.js';
import { crossing, uuidv7 } from '../testing/crossing-builder.js';

let f: Fixture;
const as = (role: 'admin' | 'auditor' | 'agent') => ({ Authorization: `Bearer ${f.tokens[role]}` });
const push = (body: unknown, token = f.tokens.agent) => request(f.url).post('/api/v1/agent/crossings').set({ Authorization: `Bearer ${token}` }).send(body as object);
const search = (q: Record<string, string>) => request(f.url).get('/api/v1/crossings').query({ purpose: 'case 42', ...q }).set(as('auditor'));

beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => f.close());

describe('crossing ingestion (reliability-security.md §1.2)', () => {
  const first = [1, 2, 3].map((s) => crossing(s));

  it('stores a batch and acknowledges through the highest contiguous seq, after commit', async () => {
    const r = await push({ agentId: 'kpp-1', epoch: 'e1', crossings: first });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ epoch: 'e1', ackedThroughSeq: 3, accepted: 3, duplicates: 0, conflicts: 0 });
  });

  it('absorbs a re-sent batch as duplicates and stores nothing twice', async () => {
    const r = await push({ agentId: 'kpp-1', epoch: 'e1', crossings: first });
    expect(r.body).toEqual({ epoch: 'e1', ackedThroughSeq: 3, accepted: 0, duplicates: 3, conflicts: 0 });
    expect((await search({})).body.total).toBe(3);
  });

  it('holds items beyond a gap without acknowledging them until the gap closes', async () => {
    const c5 = crossing(5);
    let r = await push({ agentId: 'kpp-1', epoch: 'e1', crossings: [c5] });
    expect(r.body).toMatchObject({ ackedThroughSeq: 3, accepted: 1 });
    r = await push({ agentId: 'kpp-1', epoch: 'e1', crossings: [crossing(4)] });
    expect(r.body).toMatchObject({ ackedThroughSeq: 5, accepted: 1 });
  });

  it('keeps conflicting content aside, flags it, acknowledges it, never overwrites', async () => {
    const changed = { ...first[0]!, surname: 'OTHER' };
    const reused = crossing(2);
    const r = await push({ agentId: 'kpp-1', epoch: 'e1', crossings: [changed, reused] });
    expect(r.body).toEqual({ epoch: 'e1', ackedThroughSeq: 5, accepted: 0, duplicates: 0, conflicts: 2 });
    const stored = await request(f.url).get(`/api/v1/crossings/${first[0]!.id}`).query({ purpose: 'check' }).set(as('auditor'));
    expect(stored.body.surname).toBe('ASANOV');
    const alerts = await request(f.url).get('/api/v1/alerts').set(as('admin'));
    expect(alerts.body.alerts.filter((a: { kind: string }) => a.kind === 'sync-conflict')).toHaveLength(2);
  });

  it('applies a later decision to its crossing', async () => {
    const d = { id: uuidv7(), crossingId: first[1]!.id, seq: 6, decision: 'refuse', officer: 'ivanov', note: null, decidedAt: new Date().toISOString() };
    const r = await push({ agentId: 'kpp-1', epoch: 'e1', crossings: [], decisions: [d] });
    expect(r.body).toMatchObject({ ackedThroughSeq: 6, accepted: 1 });
    const c = await request(f.url).get(`/api/v1/crossings/${first[1]!.id}`).query({ purpose: 'check' }).set(as('auditor'));
    expect(c.body).toMatchObject({ decision: 'refuse', officer: 'ivanov' });
    expect(c.body.decisions).toHaveLength(1);
  });

  it('rejects a batch for another agent id, malformed batches and an oversize body', async () => {
    const other = f.central.deps.checkpoints.add('kpp-2', 'Two').credential;
    let r = await push({ agentId: 'kpp-1', epoch: 'e9', crossings: [crossing(1)] }, other);
    expect(r.status).toBe(403);
    r = await push({ agentId: 'kpp-1', epoch: 'e1', crossings: [{ ...crossing(7), extra: 1 }] });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('INPUT_INVALID');
    r = await request(f.url).post('/api/v1/agent/crossings').set(as('agent')).set('Content-Type', 'application/json').send('{"agentId":');
    expect(r.body.error.code).toBe('INPUT_INVALID');
    r = await push({ agentId: 'kpp-1', epoch: 'e1', crossings: [crossing(7, { mrzErrors: ['x'.repeat(60)] })], pad: 'x'.repeat(300_000) });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('INPUT_TOO_LARGE');
  });

  it('raises a live alert for a screening hit', async () => {
    const hit = crossing(7, { alerts: [{ entryId: 'p-9', score: 0.97, reasons: ['surname match'], kind: 'person', action: 'deny' }], verdict: 'deny' });
    await push({ agentId: 'kpp-1', epoch: 'e1', crossings: [hit] });
    const alerts = (await request(f.url).get('/api/v1/alerts').set(as('admin'))).body.alerts as { kind: string; entryId: string; crossingId: string }[];
    expect(alerts.find((a) => a.kind === 'crossing-hit')).toMatchObject({ entryId: 'p-9', crossingId: hit.id });
  });
});

describe('crossing search, export, statistics', () => {
  beforeAll(async () => {
    const day = (d: number) => `2026-10-0${d}T09:00:00.000Z`;
    const rows = [
      crossing(8, { agentWallTime: day(1), surname: 'ZHAPAROV', givenNames: 'SADYR', documentNumber: 'AN5544332', nationality: 'KGZ', direction: 'exit' }),
      ...Array.from({ length: 6 }, (_, i) => crossing(9 + i, { agentWallTime: day(2), nationality: 'KAZ', surname: 'NURLANOV', givenNames: 'ERLAN' })),
    ];
    await push({ agentId: 'kpp-1', epoch: 'e1', crossings: rows });
  });

  it('filters by folded name, document number, nationality, direction, decision, alert and dates', async () => {
    const byName = await search({ name: 'Джапаров' });
    expect(byName.body.crossings.map((c: { surname: string }) => c.surname)).toEqual(['ZHAPAROV']);
    expect((await search({ documentNumber: 'an-554 4332' })).body.total).toBe(1);
    expect((await search({ nationality: 'KAZ' })).body.total).toBe(6);
    expect((await search({ direction: 'exit' })).body.total).toBe(1);
    expect((await search({ decision: 'refuse' })).body.total).toBe(1);
    expect((await search({ alert: 'true' })).body.total).toBe(1);
    expect((await search({ from: '2026-10-01', to: '2026-10-01' })).body.total).toBe(1);
    const page = await search({ nationality: 'KAZ', limit: '4', offset: '4' });
    expect(page.body.crossings).toHaveLength(2);
    expect((await search({ purpose: '' })).status).toBe(400);
  });

  it('streams a CSV export', async () => {
    const r = await request(f.url).get('/api/v1/crossings/export.csv').query({ purpose: 'monthly report', nationality: 'KAZ' }).set(as('auditor'));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/csv/);
    const lines = r.text.trim().split('\n');
    expect(lines[0]).toMatch(/^id,checkpointId,lane,direction/);
    expect(lines).toHaveLength(7);
  });

  it('pages the export by keyset without gaps or repeats, so no cursor stays open across awaits', async () => {
    const pages = [...f.central.deps.crossings.pages({}, 3)];
    const ids = pages.flat().map((c) => c.id);
    expect(pages.every((p) => p.length <= 3)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe((await search({})).body.total);
    const times = pages.flat().map((c) => Date.parse(c.agentWallTime));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('suppresses small counts in statistics', async () => {
    const r = await request(f.url).get('/api/v1/crossings/stats').query({ by: 'nationality', from: '2026-10-01', to: '2026-10-02' }).set(as('auditor'));
    const cells = r.body.cells as { key: string; count: number | null; suppressed: boolean }[];
    expect(cells.find((c) => c.key === 'KAZ')).toEqual({ key: 'KAZ', count: 6, suppressed: false });
    expect(cells.find((c) => c.key === 'KGZ')).toMatchObject({ count: null, suppressed: true });
  });

  it('audits every auditor search with its purpose and pseudonymised personal values', async () => {
    await search({ documentNumber: 'AN5544332', purpose: 'case 77' });
    const audit = await request(f.url).get('/api/v1/audit').query({ action: 'crossings.search', limit: '1' }).set(as('auditor'));
    const e = audit.body.entries[0];
    expect(e).toMatchObject({ actor: 'auditor', purpose: 'case 77' });
    expect(e.details.filter.documentNumber).toMatch(/^h:[0-9a-f]{32}$/);
    expect(JSON.stringify(audit.body)).not.toContain('AN5544332');
    expect(e.details.returned).toHaveLength(1);
  });
});
