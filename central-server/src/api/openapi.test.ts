import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from '../testing/central-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => f.close());

describe('GET /api/v1/openapi.json', () => {
  it('documents every registered route with its schemas, generated from zod', async () => {
    const r = await request(f.url).get('/api/v1/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.body as { openapi: string; paths: Record<string, Record<string, { operationId: string; requestBody?: unknown; parameters?: { name: string }[] }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops.sort()).toEqual(f.central.api.routes.map((x) => x.id).sort());
    const batch = doc.paths['/agent/crossings']!.post!.requestBody as { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } };
    expect(Object.keys(batch.content['application/json'].schema.properties)).toEqual(expect.arrayContaining(['agentId', 'epoch', 'crossings', 'decisions']));
    expect(doc.paths['/crossings']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['purpose', 'documentNumber', 'name', 'from', 'to', 'limit']));
    expect(doc.paths['/watchlist/entries/{id}']).toBeDefined();
  });
});
