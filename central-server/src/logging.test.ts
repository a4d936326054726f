import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createCentral } from './main.js';
import { crossing } from './testing/crossing-builder.js';

describe('application logs (reliability-security.md §4.7, S8)', () => {
  it('carry no names, birth dates or document numbers through ingest, search, import and retro-screening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aspk-log-'));
    const sink = new PassThrough();
    const lines: string[] = [];
    sink.on('data', (c: Buffer) => lines.push(...c.toString().split('\n').filter((l) => l !== '')));
    const central = createCentral(loadConfig({}, { dataDir: dir, port: 0, scryptLogN: 10 }), createLogger('debug', sink));
    try {
      const url = await central.listen();
      central.deps.users.add('aud', 'auditor', await central.deps.hasher.hash('correct horse battery staple'));
      central.deps.users.add('adm', 'admin', await central.deps.hasher.hash('correct horse battery staple'));
      const cred = central.deps.checkpoints.add('kpp-1', 'One').credential;
      const seeded = { surname: 'QWERTYUIOPOV', givenNames: 'ZXCVBNMAR', documentNumber: 'QZ9876543', birthDate: '1961-07-23' };
      await request(url).post('/api/v1/agent/crossings').set('Authorization', `Bearer ${cred}`).send({ agentId: 'kpp-1', epoch: 'e', crossings: [crossing(1, seeded)] });
      const tok = async (u: string) => (await request(url).post('/api/v1/auth/login').send({ username: u, password: 'correct horse battery staple' })).body.token as string;
      const aud = await tok('aud');
      await request(url).get('/api/v1/crossings').query({ purpose: 'x-case', name: seeded.surname, documentNumber: seeded.documentNumber }).set('Authorization', `Bearer ${aud}`);
      await request(url).get('/api/v1/crossings/export.csv').query({ purpose: 'x-case', name: seeded.surname }).set('Authorization', `Bearer ${aud}`);
      const adm = await tok('adm');
      await request(url).post('/api/v1/watchlist/entries').set('Authorization', `Bearer ${adm}`).send({ id: 'z1', type: 'person', category: 'c', action: 'alert', surname: seeded.surname, givenNames: seeded.givenNames, birthDate: seeded.birthDate });
      await central.idle();
      await request(url).post('/api/v1/watchlist/import').set('Authorization', `Bearer ${adm}`).set('Content-Type', 'application/x-ndjson').send(`{"id":"bad","type":"person","surname":"${seeded.surname}"}`);
      expect(lines.length).toBeGreaterThan(5);
      const text = lines.join('\n');
      for (const v of Object.values(seeded)) expect(text).not.toContain(v);
      expect(text).toContain('retro-screening done');
    } finally {
      await central.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
