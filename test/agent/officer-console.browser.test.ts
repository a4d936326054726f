/**
 * The officer's day in one scenario, everything real: two simulated readers on real PTYs (the agent opens
 * their device paths exactly as it would real hardware), the agent with its SQLite store, the console in
 * Debian's chromium. A listed person is scanned; the officer sees the alert and refers them to secondary
 * with the keyboard; the decision is on disk as its own outbox item.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { encodeMrz } from '@aspk/shared';
import { PtyDevice, SimulatedReader } from '@aspk/hardware-sim';
import type { HealthReport } from '@aspk/checkpoint-agent';
import { OFFICER, startFixtureAgent } from './agent-fixture.js';

// A test artefact (git-ignored): running the tests must not change the repository. The README's copy in
// docs/screenshots/ is refreshed by hand from this file when the console changes.
const SCREENSHOT = join(import.meta.dirname, '..', '..', 'test-results', 'agent', 'agent-console.png');
const dir = mkdtempSync(join(tmpdir(), 'aspk-browser-'));
const devices: PtyDevice[] = [];
const readers: SimulatedReader[] = [];
let agent: Awaited<ReturnType<typeof startFixtureAgent>>;
let browser: Browser;
let page: Page;

const listed = encodeMrz({ format: 'TD3', documentCode: 'P', issuingState: 'KGZ', documentNumber: 'AC1234567', nationality: 'KGZ', birthDate: '850314', sex: 'M', expiryDate: '300101', surname: 'ZHAPAROV', givenNames: 'ASKAR' });
const clear = encodeMrz({ format: 'TD3', documentCode: 'P', issuingState: 'TUR', documentNumber: 'U98765432', nationality: 'TUR', birthDate: '790722', sex: 'F', expiryDate: '320101', surname: 'YILMAZ', givenNames: 'ELIF' });
const damaged = (() => {
  const [l1, l2] = encodeMrz({ format: 'TD3', documentCode: 'P', issuingState: 'KAZ', documentNumber: 'N12345678', nationality: 'KAZ', birthDate: '120101', sex: 'F', expiryDate: '330101', surname: 'SEITKALI', givenNames: 'DANA' }).split('\n') as [string, string];
  return `${l1}\n${l2.slice(0, 9)}${(Number(l2[9]) + 1) % 10}${l2.slice(10)}`; // one bad check digit, as a misread would give
})();

function waitForHealth(pred: (h: HealthReport) => boolean, timeoutMs = 10_000): Promise<void> {
  if (pred(agent.runtime.health())) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('readers did not open')), timeoutMs);
    const on = (h: HealthReport): void => {
      if (!pred(h)) return;
      clearTimeout(timer);
      agent.runtime.off('status', on);
      resolve();
    };
    agent.runtime.on('status', on);
  });
}

beforeAll(async () => {
  mkdirSync(join(dir, 'dev'));
  for (const [i, profile] of (['plain-cr', 'access-is'] as const).entries()) {
    const device = new PtyDevice(join(dir, 'dev', `reader-${i + 1}`));
    devices.push(device);
    readers.push(new SimulatedReader({ name: `lane-${i + 1}`, profile, device, pacing: 'none', seed: 7 + i }));
  }
  agent = await startFixtureAgent([
    { id: '1', devicePath: devices[0]!.path, profile: 'plain-cr', direction: 'entry' },
    { id: '2', devicePath: devices[1]!.path, profile: 'access-is', direction: 'entry' },
  ], join(dir, 'data'));
  await waitForHealth((h) => h.lanes.every((l) => l.reader.state === 'open'));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
  for (const r of readers) r.close();
  for (const d of devices) d.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('officer console in chromium with simulated readers on real PTYs', () => {
  it('shows a listed person scanned at the reader, and the officer refers them to secondary', async () => {
    await page.goto(agent.base);
    await page.fill('#username', OFFICER.username);
    await page.fill('#password', OFFICER.password);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#console-view:not([hidden])');
    await page.waitForSelector('.lane[data-lane="1"]');
    expect(await page.textContent('#st-watchlist')).toContain('v12');

    await readers[0]!.scan(listed);
    const lane1 = page.locator('.lane[data-lane="1"]');
    await lane1.locator('.verdict[data-verdict="refer"]').waitFor({ timeout: 10_000 });
    expect(await lane1.locator('.record-state').textContent()).toMatch(/Recorded/);
    expect(await lane1.locator('.alerts').textContent()).toContain('Interpol notice');
    expect(await lane1.locator('.f-documentNumber').textContent()).toBe('AC1234567');

    await readers[1]!.scan(damaged);
    const lane2 = page.locator('.lane[data-lane="2"]');
    await lane2.locator('.verdict[data-verdict="alert"]').waitFor({ timeout: 10_000 });
    expect(await lane2.locator('.mrz .bad').count()).toBeGreaterThan(0);
    expect(await lane2.locator('.checks').textContent()).toContain('Minor');

    // The officer works lane 1 with the keyboard: select it, write a note, refer with R.
    await page.keyboard.press('1');
    await page.keyboard.press('n');
    await page.keyboard.type('Identity check in secondary');
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    await lane1.locator('.decided').filter({ hasText: 'Referred to secondary' }).waitFor({ timeout: 5000 });

    const crossingId = agent.store.recent(10).find((c) => c.laneId === '1')!.id;
    expect(agent.store.get(crossingId)).toMatchObject({ decision: 'refer', decisionOfficer: OFFICER.username, decisionNote: 'Identity check in secondary' });
    expect(agent.store.outboxAfter(0, 50).filter((i) => i.kind === 'decision')).toHaveLength(1);
    await page.locator('#recent-table tbody tr').filter({ hasText: 'Referred to secondary' }).waitFor({ timeout: 5000 });

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('toggles a lane to exit and records a manually typed MRZ when the reader fails', async () => {
    const lane2 = page.locator('.lane[data-lane="2"]');
    await page.keyboard.press('2');
    await page.keyboard.press('e');
    await lane2.locator('.dir-exit.active').waitFor({ timeout: 5000 });
    await page.keyboard.press('m');
    await page.keyboard.type(clear);
    await lane2.locator('.manual-form button[type=submit]').click();
    await lane2.locator('.verdict[data-verdict="clear"]').waitFor({ timeout: 5000 });
    const row = agent.store.recent(1)[0]!;
    expect(row).toMatchObject({ laneId: '2', direction: 'exit', source: 'manual', recordedBy: OFFICER.username, verdict: 'clear' });
  });

  it('switches to Russian', async () => {
    await page.selectOption('#lang', 'ru');
    expect(await page.textContent('.lane[data-lane="1"] .btn-refer')).toContain('На углублённую проверку');
    await page.selectOption('#lang', 'en');
  });
});
