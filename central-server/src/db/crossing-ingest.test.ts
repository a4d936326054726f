import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AspkError, generateSigningKey, signEd25519, verifyEd25519 } from '@aspk/shared';
import { crossing } from '../testing/crossing-builder.js';
import { AuditLog } from './audit-log.js';
import { CrossingIngest } from './crossing-ingest.js';
import { openDatabase, type Db } from './open-database.js';

let dir: string;
let db: Db;
let ingest: CrossingIngest;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aspk-ingest-'));
  db = openDatabase(join(dir, 'central.db')).db;
  const key = generateSigningKey();
  const audit = new AuditLog(db, Buffer.alloc(32), { keyId: key.keyId, sign: (m) => signEd25519(key.privateKeyPem, m), verify: (m, s) => verifyEd25519(key.publicKey, m, s) });
  ingest = new CrossingIngest(db, audit);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const batch = (epoch: string, seqs: number[]) => ({ agentId: 'kpp-1', epoch, crossings: seqs.map((s) => crossing(s)), decisions: [] });

describe('CrossingIngest', () => {
  it('records a gap announced by agent:hello and moves the ack past it', () => {
    ingest.ingest('kpp-1', batch('e1', [1, 2]));
    const r = ingest.hello('kpp-1', 'e1', 6);
    expect(r).toEqual({ ackedThrough: 5, gap: [3, 5] });
    expect(db.prepare('SELECT from_seq, to_seq FROM sync_gaps').all()).toEqual([{ from_seq: 3, to_seq: 5 }]);
    expect(ingest.ingest('kpp-1', batch('e1', [6])).ack.ackedThroughSeq).toBe(6);
    expect(ingest.hello('kpp-1', 'e1', 7)).toEqual({ ackedThrough: 6, gap: null });
  });

  it('keeps epochs apart: a rebuilt agent database starts at seq 1 again', () => {
    ingest.ingest('kpp-1', batch('e1', [1, 2, 3]));
    const r = ingest.ingest('kpp-1', batch('e2', [1, 2]));
    expect(r.ack).toMatchObject({ epoch: 'e2', ackedThroughSeq: 2, accepted: 2, conflicts: 0 });
    expect((db.prepare('SELECT count(*) AS n FROM crossings').get() as { n: number }).n).toBe(5);
  });

  it("never lets one agent's decision change another agent's crossing", () => {
    const c = crossing(1);
    ingest.ingest('kpp-1', { agentId: 'kpp-1', epoch: 'e1', crossings: [c], decisions: [] });
    const forged = { id: '019abc00-0000-7000-8000-0000000000ff', crossingId: c.id, seq: 1, decision: 'admit' as const, officer: 'x', note: null, decidedAt: new Date().toISOString() };
    const r = ingest.ingest('kpp-2', { agentId: 'kpp-2', epoch: 'z', crossings: [], decisions: [forged] });
    expect(r.ack.accepted).toBe(1);
    expect(db.prepare('SELECT decision FROM crossings WHERE id = ?').get(c.id)).toEqual({ decision: null });
  });

  it('rejects a batch naming another agent and stores nothing', () => {
    expect(() => ingest.ingest('kpp-2', batch('e1', [1]))).toThrow(AspkError);
    expect((db.prepare('SELECT count(*) AS n FROM crossings').get() as { n: number }).n).toBe(0);
  });

  it('rolls the whole batch back when the disk is full, then accepts it later (R10)', () => {
    ingest.ingest('kpp-1', batch('e1', [1]));
    const pages = (db.pragma('page_count', { simple: true }) as number);
    db.pragma(`max_page_count = ${pages}`);
    const big = { agentId: 'kpp-1', epoch: 'e1', crossings: Array.from({ length: 200 }, (_, i) => crossing(i + 2, { mrzErrors: ['e'.repeat(60)] })), decisions: [] };
    expect(() => ingest.ingest('kpp-1', big)).toThrow(/full/i);
    expect(ingest.ackedThrough('kpp-1', 'e1')).toBe(1);
    db.pragma('max_page_count = 1073741823');
    expect(ingest.ingest('kpp-1', big).ack.ackedThroughSeq).toBe(201);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
