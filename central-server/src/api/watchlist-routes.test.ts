import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWatchlistChanges, checkWatchlistSnapshot, GENESIS_HASH, WatchlistChangesReply, WatchlistSnapshot } from '@aspk/shared';
import { startFixture, type Fixture } from '../testing/central-fixture.js';

let f: Fixture;
const as = (role: 'admin' | 'auditor' | 'agent') => ({ Authorization: `Bearer ${f.tokens[role]}` });
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => f.close());

const person = { id: 'p-1', type: 'person', category: 'wanted', action: 'refer', surname: 'Жапаров', givenNames: 'Садыр', birthDate: '1968-12-06', nationality: 'KGZ' };
const doc = { id: 'd-1', type: 'document', category: 'stolen', action: 'deny', issuingState: 'KGZ', documentNumber: 'AC 1234567' };

describe('watchlist CRUD and the signed change log', () => {
  it('admin creates, reads, patches and deletes; each change is one signed version', async () => {
    let r = await request(f.url).post('/api/v1/watchlist/entries').set(as('admin')).send(person);
    expect(r.status).toBe(201);
    expect(r.body.version).toBe(1);
    r = await request(f.url).post('/api/v1/watchlist/entries').set(as('admin')).send(person);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CONFLICT');
    r = await request(f.url).post('/api/v1/watchlist/entries').set(as('admin')).send({ ...doc, documentNumber: '???' });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].path).toContain('documentNumber');
    r = await request(f.url).post('/api/v1/watchlist/entries').set(as('admin')).send(doc);
    expect(r.body.version).toBe(2);
    r = await request(f.url).patch('/api/v1/watchlist/entries/p-1').set(as('admin')).send({ action: 'detain', nationality: null });
    expect(r.status).toBe(200);
    expect(r.body.entry).toMatchObject({ action: 'detain' });
    expect(r.body.entry.nationality).toBeUndefined();
    r = await request(f.url).patch('/api/v1/watchlist/entries/p-1').set(as('admin')).send({ birthDate: '1968-02-30' });
    expect(r.status).toBe(400);
    r = await request(f.url).get('/api/v1/watchlist/entries/p-1').set(as('auditor'));
    expect(r.body.history.map((h: { op: string }) => h.op)).toEqual(['put', 'put']);
    r = await request(f.url).delete('/api/v1/watchlist/entries/d-1').set(as('admin'));
    expect(r.body.version).toBe(4);
    expect((await request(f.url).get('/api/v1/watchlist/entries/d-1').set(as('admin'))).status).toBe(404);
    expect((await request(f.url).delete('/api/v1/watchlist/entries/d-1').set(as('admin'))).status).toBe(404);
  });

  it('search folds names like the matcher: Cyrillic entry found by a Latin variant', async () => {
    for (const q of ['DZHAPAROV', 'japarov sadyr', 'Жапаров']) {
      const r = await request(f.url).get('/api/v1/watchlist/entries').query({ q }).set(as('auditor'));
      expect(r.body.entries.map((e: { entry: { id: string } }) => e.entry.id), q).toEqual(['p-1']);
    }
    const none = await request(f.url).get('/api/v1/watchlist/entries').query({ q: 'PETROV' }).set(as('admin'));
    expect(none.body.total).toBe(0);
  });

  it('agents pull changes that verify against the pinned key, and a snapshot that verifies', async () => {
    const key = (await request(f.url).get('/api/v1/watchlist/key').set(as('admin'))).body.publicKey as string;
    const r = await request(f.url).get('/api/v1/agent/watchlist/changes').query({ since: 0 }).set(as('agent'));
    const reply = WatchlistChangesReply.parse(r.body);
    expect(reply.changes.map((c) => c.header.version)).toEqual([1, 2, 3, 4]);
    expect(reply.changes[3]!.ops).toEqual([{ op: 'tombstone', entryId: 'd-1' }]);
    expect(checkWatchlistChanges({ version: 0, headHash: GENESIS_HASH, lastHeadIssuedAtMs: null }, reply, key, Date.now())).toEqual({ ok: true });
    const partial = WatchlistChangesReply.parse((await request(f.url).get('/api/v1/agent/watchlist/changes').query({ since: 1, limit: 2 }).set(as('agent'))).body);
    expect(partial.more).toBe(true);
    expect(partial.changes.map((c) => c.header.version)).toEqual([2, 3]);
    const snap = WatchlistSnapshot.parse((await request(f.url).get('/api/v1/agent/watchlist/snapshot').set(as('agent'))).body);
    expect(snap.entries.map((e) => e.id)).toEqual(['p-1']);
    expect(checkWatchlistSnapshot({ version: 0, headHash: GENESIS_HASH, lastHeadIssuedAtMs: null }, snap, key, Date.now())).toEqual({ ok: true });
  });
});

describe('bulk import', () => {
  const line = (i: number) => JSON.stringify({ id: `imp-${i}`, type: 'document', category: 'lost', action: 'alert', issuingState: 'KAZ', documentNumber: `N${10000 + i}` });

  it('is atomic: one bad line rejects the file with line numbers and changes nothing', async () => {
    const before = (await request(f.url).get('/api/v1/watchlist/entries').set(as('admin'))).body.version as number;
    const text = [line(1), line(2), '{"id":"bad","type":"person"}', 'not json', line(1)].join('\n');
    const r = await request(f.url).post('/api/v1/watchlist/import').set(as('admin')).set('Content-Type', 'application/x-ndjson').send(text);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('WATCHLIST_IMPORT_INVALID');
    expect(r.body.error.details.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5]);
    const dup = await request(f.url).post('/api/v1/watchlist/import').set(as('admin')).set('Content-Type', 'application/x-ndjson').send([line(1), line(1)].join('\n'));
    expect(dup.body.error.details.errors).toEqual([{ line: 2, reason: 'duplicate id "imp-1" (first used on line 1)' }]);
    expect((await request(f.url).get('/api/v1/watchlist/entries').set(as('admin'))).body.version).toBe(before);
  });

  it('applies a valid JSON-lines file as one version, across chunk boundaries', async () => {
    const text = Array.from({ length: 4500 }, (_, i) => line(i)).join('\n');
    const r = await request(f.url).post('/api/v1/watchlist/import').set(as('admin')).set('Content-Type', 'application/x-ndjson').send(text);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ added: 4500, updated: 0, removed: 0 });
    const dupAcross = [...Array.from({ length: 2500 }, (_, i) => line(i)), line(7)].join('\n');
    const d = await request(f.url).post('/api/v1/watchlist/import').set(as('admin')).set('Content-Type', 'application/x-ndjson').send(dupAcross);
    expect(d.body.error.details.errors).toEqual([{ line: 2501, reason: 'duplicate id "imp-7" (first used on line 8)' }]);
  });

  it('imports CSV and replace mode tombstones what the file lacks', async () => {
    const csv = 'id,type,category,action,issuingState,documentNumber\nc-1,document,stolen,deny,UZB,FA1234567\n';
    const r = await request(f.url).post('/api/v1/watchlist/import').query({ format: 'csv', mode: 'replace' }).set(as('admin')).set('Content-Type', 'text/csv').send(csv);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ added: 1, removed: 4501 });
    expect((await request(f.url).get('/api/v1/watchlist/entries').set(as('admin'))).body.total).toBe(1);
  });

  it('refuses an import from an auditor', async () => {
    const r = await request(f.url).post('/api/v1/watchlist/import').set(as('auditor')).set('Content-Type', 'text/plain').send(line(1));
    expect(r.status).toBe(403);
  });
});
