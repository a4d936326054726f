/**
 * End to end, in chromium, against the real processes of the demo (central, two agents, simulated readers
 * on real PTYs) started by the demo's own orchestration: an officer decides on a scan; an administrator's
 * new watchlist entry reaches the agents within a second and the next scan of that person raises an alert;
 * the link to central is cut, scanning goes on, the link returns and the auditor finds every crossing; the
 * auditor verifies the audit chain and exports CSV. Screenshots go to `test-results/e2e/`.
 * Replay a failure with the printed seed: `ASPK_SEED=<seed> npx vitest run test/e2e`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeMrz } from '@aspk/shared';
import type { Traveller } from '@aspk/hardware-sim';
import { runSeed } from '../reliability/harness/cluster.js';
import { waitFor } from '../reliability/harness/child-process.js';
import { DEMO_OFFICER } from '../demo/demo-cluster.js';
import { fillWatchlistForm } from '../central/central-harness.js';
import { agentDb, ARTEFACTS, centralIds, centralLogin, consoleLogin, startBorder, type E2eBorder } from './e2e-border.js';

const seed = runSeed();
let border: E2eBorder;
let officer: Page;

const TORUGART = 'kpp-torugart';
const DOSTUK = 'kpp-dostuk';

/** A traveller of the pool with nothing to flag: valid, unexpired, adult, not listed. */
const plain = (t: Traveller): boolean => !t.invalid && !t.expired && !t.minor && t.watchlistEntryId === null && t.stolenEntryId === null;

interface Health {
  link: { state: string };
  lanes: { id: string; reader: { state: string } }[];
}

/** The agent's health as its console API reports it to the logged-in officer. */
function health(page: Page): Promise<Health> {
  return page.evaluate(async () => (await (await fetch('/api/health')).json()) as Health);
}

async function linkState(page: Page): Promise<string> {
  return (await health(page)).link.state;
}

/** Waits until every lane's reader (a PTY of the simulator) is open at the agent. */
async function readersOpen(page: Page): Promise<void> {
  await waitFor(async () => (await health(page)).lanes.every((l) => l.reader.state === 'open'), 'every reader open at the agent', 20_000, 100);
}

beforeAll(async () => {
  border = await startBorder(seed);
  officer = await border.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const a = border.cluster.agent(TORUGART);
  await consoleLogin(officer, a.url, DEMO_OFFICER, border.cluster.secrets.officerPasswords[TORUGART]!);
  await readersOpen(officer);
}, 120_000);

afterAll(async () => {
  await border?.close();
});

describe.sequential(`the border end to end (seed ${seed})`, () => {
  it('(a) an officer sees a scan at the reader and decides', async () => {
    const { cluster } = border;
    const t = cluster.pool.find((x) => plain(x) && x.kind === 'TD3');
    await cluster.readers.scan(TORUGART, '1', t);
    const lane1 = officer.locator('.lane[data-lane="1"]');
    await lane1.locator('.f-documentNumber', { hasText: t.document.documentNumber }).waitFor({ timeout: 10_000 });
    expect(await lane1.locator('.verdict').getAttribute('data-verdict'), `verdict for ${t.id}; alerts: ${await lane1.locator('.alerts').textContent()}`).toBe('clear');
    expect(await lane1.locator('.record-state').textContent()).toMatch(/Recorded/);

    // A listed person of the imported watchlist, written differently on the list, at the other lane.
    const listed = cluster.pool.find((x) => x.watchlistEntryId !== null && !x.invalid && x.stolenEntryId === null);
    await cluster.readers.scan(TORUGART, '2', listed);
    const lane2 = officer.locator('.lane[data-lane="2"]');
    await lane2.locator('.verdict:not([data-verdict="clear"]):not(.verdict-idle)').waitFor({ timeout: 10_000 });
    expect(await lane2.locator('.alerts li').count()).toBeGreaterThan(0);

    await lane1.locator('.btn-admit').click();
    await lane1.locator('.decided').filter({ hasText: 'Admitted' }).waitFor({ timeout: 5000 });
    await officer.locator('#recent-table tbody tr').filter({ hasText: 'Admitted' }).waitFor({ timeout: 5000 });
    await officer.screenshot({ path: join(ARTEFACTS, 'a-officer-decides.png'), fullPage: true });
  });

  it('(b) an administrator adds a watchlist entry; within a second the next scan of that person raises an alert', async () => {
    const { cluster, browser } = border;
    const passport = { format: 'TD3', documentCode: 'P', issuingState: 'KGZ', documentNumber: 'AE7310254', nationality: 'KGZ', birthDate: '870519', sex: 'M', expiryDate: '340101', surname: 'ZHUMABAEV', givenNames: 'TALANT' } as const;
    const person = encodeMrz(passport).split('\n');
    // The next scan is of his other (renewed) passport: the same MRZ read again within the reader's
    // double-read window (3 s) is dropped by design as a double read, and a fast run can get there first.
    const renewed = encodeMrz({ ...passport, documentNumber: 'AE9024417', expiryDate: '360101' }).split('\n');
    const lane2 = officer.locator('.lane[data-lane="2"]');
    // Before: the person is clear.
    await cluster.readers.scan(TORUGART, '2', person);
    await lane2.locator('.f-documentNumber', { hasText: 'AE7310254' }).waitFor({ timeout: 10_000 });
    expect(await lane2.locator('.verdict').getAttribute('data-verdict')).toBe('clear');

    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const admin = await ctx.newPage();
    await centralLogin(admin, cluster.central.url, 'admin');
    // Entered in Cyrillic, as the list's source wrote it; the passport has the ICAO transliteration.
    await fillWatchlistForm(admin, { type: 'person', id: 'wanted-e2e-1', category: 'wanted', action: 'refer', surname: 'Жумабаев', givenNames: 'Талант', birthDate: '1987-05-19' });
    const submittedAt = Date.now();
    await admin.click('#wl-form button[type=submit]');
    await admin.waitForSelector('#wl-message .ok');
    const version = Number((await admin.textContent('#wl-message'))!.match(/version (\d+)/)![1]);

    const appliedAt = await cluster.agent(TORUGART).watchlistAt(version, 5000);
    writeFileSync(join(ARTEFACTS, 'b-propagation.json'), `${JSON.stringify({ seed, version, submitToAppliedMs: appliedAt - submittedAt })}\n`);
    expect(appliedAt - submittedAt, 'ms from the admin submitting the entry to the agent applying it').toBeLessThan(1000);
    await cluster.readers.scan(TORUGART, '2', renewed);
    await lane2.locator('.f-documentNumber', { hasText: 'AE9024417' }).waitFor({ timeout: 10_000 });
    await lane2.locator('.verdict[data-verdict="refer"]').waitFor({ timeout: 10_000 });
    expect(await lane2.locator('.alerts').textContent()).toContain('wanted');
    await officer.screenshot({ path: join(ARTEFACTS, 'b-alert-at-agent.png'), fullPage: true });
    // The hit also reaches headquarters as a live alert once the crossing is synced.
    await admin.locator('#live-list li.kind-crossing-hit', { hasText: 'wanted-e2e-1' }).waitFor({ timeout: 10_000 });
    await admin.screenshot({ path: join(ARTEFACTS, 'b-admin-live-alert.png'), fullPage: true });
    await ctx.close();
  });

  it('(c) the link to central is cut, scanning goes on, the link returns and the auditor finds every crossing', async () => {
    const { cluster, proxies, browser } = border;
    const agent = cluster.agent(DOSTUK);
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const booth = await ctx.newPage();
    await consoleLogin(booth, agent.url, DEMO_OFFICER, cluster.secrets.officerPasswords[DOSTUK]!);
    await readersOpen(booth);
    const lane = booth.locator('.lane[data-lane="1"]');
    const travellers = cluster.pool.travellers.filter(plain).slice(10, 16);

    const scanAndAwait = async (t: Traveller): Promise<void> => {
      const recorded = agent.child!.waitForNewLine(/"msg":"crossing recorded"/, 10_000);
      await cluster.readers.scan(DOSTUK, '1', t);
      await recorded;
      await lane.locator('.f-documentNumber', { hasText: t.document.documentNumber }).waitFor({ timeout: 10_000 });
    };
    await scanAndAwait(travellers[0]!);
    await waitFor(() => agentDb(agent.dataDir).unacked === 0, 'first crossing synced before the cut', 15_000);

    // A silently dead link (bytes swallowed both ways, sockets left open), as a satellite link fails.
    proxies.get(DOSTUK)!.setMode('blackhole');
    const heldBefore = centralIds(cluster.central.dataDir, DOSTUK).size;
    const scanRecorded = async (t: Traveller): Promise<void> => {
      await scanAndAwait(t);
      expect(await lane.locator('.record-state').textContent()).toMatch(/Recorded/);
    };
    for (const t of travellers.slice(1, 4)) await scanRecorded(t);
    // The agent notices when its batch is not acknowledged (1.5 s here) and pushes the new link state to the
    // console at once: the status bar changes without waiting for another scan.
    await waitFor(async () => (await linkState(booth)) !== 'online', 'the agent noticing the dead link', 15_000, 100);
    await booth.locator('#st-link', { hasText: /offline|degraded/ }).waitFor({ timeout: 5000 });
    for (const t of travellers.slice(4)) await scanRecorded(t);
    expect(agentDb(agent.dataDir).unacked).toBeGreaterThanOrEqual(5);
    expect(centralIds(cluster.central.dataDir, DOSTUK).size).toBe(heldBefore);
    await booth.screenshot({ path: join(ARTEFACTS, 'c-link-cut.png'), fullPage: true });

    proxies.get(DOSTUK)!.setMode('pass');
    await waitFor(() => agentDb(agent.dataDir).unacked === 0, 'the agent outbox drained after the link returned', 20_000, 100);
    await waitFor(async () => (await linkState(booth)) === 'online', 'the link back online', 15_000, 100);
    const atAgent = agentDb(agent.dataDir).ids;
    expect(atAgent.size).toBe(travellers.length);

    const auditor = await ctx.newPage();
    await centralLogin(auditor, cluster.central.url, 'auditor');
    await auditor.fill('#cr-search input[name=purpose]', 'e2e: link outage review');
    await auditor.fill('#cr-search input[name=checkpointId]', DOSTUK);
    await auditor.click('#cr-search button[type=submit]');
    await auditor.locator('#cr-rows tr').nth(atAgent.size - 1).waitFor({ timeout: 10_000 });
    const found = await auditor.locator('#cr-rows tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-crossing-id')));
    expect(new Set(found)).toEqual(atAgent);
    await auditor.screenshot({ path: join(ARTEFACTS, 'c-auditor-finds-every-crossing.png'), fullPage: true });
    await ctx.close();
  });

  it('(d) the auditor verifies the audit chain and exports CSV', async () => {
    const { cluster, browser } = border;
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const auditor = await ctx.newPage();
    await centralLogin(auditor, cluster.central.url, 'auditor');
    await auditor.click('button[data-tab=audit]');
    await auditor.click('#au-verify');
    await auditor.waitForSelector('#au-result.ok');
    await auditor.screenshot({ path: join(ARTEFACTS, 'd-audit-chain-verified.png'), fullPage: true });

    await auditor.click('button[data-tab=crossings]');
    await auditor.fill('#cr-search input[name=purpose]', 'e2e: monthly report');
    const [download] = await Promise.all([auditor.waitForEvent('download'), auditor.click('#cr-export')]);
    const file = join(ARTEFACTS, 'd-crossings.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    const held = [...centralIds(cluster.central.dataDir, TORUGART), ...centralIds(cluster.central.dataDir, DOSTUK)];
    expect(held.length).toBeGreaterThanOrEqual(8);
    for (const id of held) expect(csv).toContain(id);
    expect(csv.trimEnd().split('\n')).toHaveLength(held.length + 1);
    // The export itself is in the audit log.
    await auditor.click('button[data-tab=audit]');
    await auditor.locator('#au-rows tr', { hasText: 'crossings.export' }).first().waitFor({ timeout: 5000 });
    await ctx.close();
  });
});
