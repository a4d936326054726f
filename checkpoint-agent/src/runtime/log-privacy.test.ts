/**
 * INV-9 (reliability-security.md §4.7, scenario S8 for the agent): run scans, alerts, a refused scan,
 * logins and decisions with logging at `trace`, then search every log line for the seeded personal data.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import request from 'supertest';
import { startTestAgent, mrzOf, LISTED_TRAVELLER, CLEAR_TRAVELLER, OFFICER } from '../test-support/agent-harness.js';

describe('personal data in application logs', () => {
  it('never writes names, document numbers, birth dates, MRZ lines or passwords', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, cb) => ((lines.push(chunk.toString()), cb())) });
    const agent = await startTestAgent({}, { log: pino({ level: 'trace' }, sink) });
    try {
      const cookie = (await request(agent.base).post('/api/auth/login').set('Origin', agent.base).send(OFFICER)).headers['set-cookie'] as unknown as string[];
      await request(agent.base).post('/api/auth/login').set('Origin', agent.base).send({ username: 'aibek', password: 'Wr0ng-Secret-Pw' });
      const listed = agent.runtime.scan('1', mrzOf(LISTED_TRAVELLER), 'reader', null);
      agent.runtime.scan('2', mrzOf(CLEAR_TRAVELLER), 'reader', null);
      await request(agent.base).post(`/api/inspections/${listed.inspection.crossingId}/decision`).set('Origin', agent.base).set('Cookie', cookie[0]!.split(';')[0]!).send({ decision: 'refer', note: 'ZHAPAROV to secondary' });
      agent.db.pragma(`max_page_count = ${agent.db.pragma('page_count', { simple: true }) as number}`);
      for (let i = 0; i < 50; i++) agent.runtime.scan('1', mrzOf(LISTED_TRAVELLER), 'reader', null);
      agent.db.pragma('max_page_count = 1073741823');
    } finally {
      await agent.stop();
    }
    const log = lines.join('');
    expect(log).toContain('crossing recorded');
    expect(log).toContain('crossing NOT recorded'); // the refused-scan path ran and logged
    const secrets = [
      'ZHAPAROV', 'ASKAR', 'Жапаров', 'SEITKALI', 'DANA', 'AC1234567', 'N12345678', '1985-03-14', '850314', '900101',
      ...mrzOf(LISTED_TRAVELLER).split('\n'), OFFICER.password, 'Wr0ng-Secret-Pw',
    ];
    for (const s of secrets) expect(log.includes(s), `log contains ${s}`).toBe(false);
  });
});
