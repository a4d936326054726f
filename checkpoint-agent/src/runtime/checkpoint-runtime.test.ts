import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAgent, mrzOf, CLEAR_TRAVELLER, LISTED_TRAVELLER } from '../test-support/agent-harness.js';
import type { HealthReport } from './checkpoint-runtime.js';

let agent: Awaited<ReturnType<typeof startTestAgent>>;
beforeAll(async () => {
  agent = await startTestAgent({}, {});
});
afterAll(async () => agent.stop());

function nextStatus(pred: (h: HealthReport) => boolean, timeoutMs = 5000): Promise<HealthReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('status not reached')), timeoutMs);
    const on = (h: HealthReport): void => {
      if (!pred(h)) return;
      clearTimeout(timer);
      agent.runtime.off('status', on);
      resolve(h);
    };
    agent.runtime.on('status', on);
  });
}

describe('CheckpointRuntime', () => {
  it('records scans with the lane direction and pushes them', () => {
    const seen: unknown[] = [];
    agent.runtime.on('inspection', (e) => seen.push(e));
    const ev = agent.runtime.scan('2', mrzOf(CLEAR_TRAVELLER), 'reader', null);
    expect(ev).toMatchObject({ recorded: true, inspection: { direction: 'exit', verdict: 'clear', laneId: '2' } });
    expect(seen).toHaveLength(1);
    expect(agent.store.get(ev.inspection.crossingId)?.direction).toBe('exit');
  });

  it('on a full disk: shows the verdict, marks it NOT recorded, keeps earlier rows, and recovers by itself', async () => {
    const before = agent.store.recent(100).length;
    const pageCount = agent.db.pragma('page_count', { simple: true }) as number;
    agent.db.pragma(`max_page_count = ${pageCount}`);
    const full = nextStatus((h) => h.store === 'full');
    // A large scan payload needs new pages; the MRZ text itself is small, so pad the inspection through many scans.
    let refused = null;
    for (let i = 0; i < 200 && refused === null; i++) {
      const ev = agent.runtime.scan('1', mrzOf(LISTED_TRAVELLER), 'reader', null);
      if (!ev.recorded) refused = ev;
    }
    expect(refused).not.toBeNull();
    expect(refused!.error?.code).toBe('STORE_FULL');
    expect(refused!.inspection.verdict).toBe('refer'); // the officer still sees the alert
    expect((await full).status).toBe('degraded');
    expect(agent.runtime.health().store).toBe('full');
    expect(agent.store.recent(1000).length).toBeGreaterThanOrEqual(before);
    expect(agent.runtime.get(refused!.inspection.crossingId)?.recorded).toBe(false);
    // Typed by the officer while the disk is full: the verdict comes back marked not recorded, no error.
    const manual = agent.runtime.scanManual('1', mrzOf(LISTED_TRAVELLER), { username: 'officer1', role: 'officer' });
    expect(manual).toMatchObject({ recorded: false, error: { code: 'STORE_FULL' }, inspection: { verdict: 'refer', source: 'manual' } });

    // Space returns: the probe notices without any officer action.
    const ok = nextStatus((h) => h.store === 'ok');
    agent.db.pragma('max_page_count = 1073741823');
    await ok;
    const retried = agent.runtime.retry(refused!.inspection.crossingId);
    expect(retried.recorded).toBe(true);
    expect(agent.store.get(refused!.inspection.crossingId)).toBeDefined();
    expect(agent.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
