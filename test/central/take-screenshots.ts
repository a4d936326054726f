/**
 * Screenshots of the headquarters pages for the README (`docs/screenshots/central-*.png`).
 * Run: node --import tsx test/central/take-screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fillWatchlistForm, launch, login, PASSWORD, seedCrossings, startHarness } from './central-harness.js';

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
mkdirSync(OUT, { recursive: true });

const h = await startHarness();
const browser = await launch();
try {
  await seedCrossings(h, 21, (d) => 4 + ((d * 5) % 9) + (d % 7 === 3 ? -3 : 0));
  const loginRes = await fetch(`${h.url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  const admin = { Authorization: `Bearer ${((await loginRes.json()) as { token: string }).token}` };
  const entries = [
    { id: 'doc-4411', type: 'document', category: 'stolen', action: 'deny', issuingState: 'KGZ', documentNumber: 'AC1234567', source: 'INTERPOL SLTD' },
    { id: 'p-0093', type: 'person', category: 'protect', action: 'protect', surname: 'Нурланова', givenNames: 'Айгерим', birthDate: '2009' },
    { id: 'p-0107', type: 'person', category: 'sanctions', action: 'alert', surname: 'KARIMOV', givenNames: 'RUSTAM', aliases: [{ surname: 'QARIMOV', givenNames: 'RUSTAM' }], nationality: 'UZB' },
  ];
  for (const e of entries) await fetch(`${h.url}/api/v1/watchlist/entries`, { method: 'POST', headers: { ...admin, 'Content-Type': 'application/json' }, body: JSON.stringify(e) });
  h.central.deps.checkpoints.updateHealth('kpp-north', { connected: true, lastSyncAt: new Date().toISOString(), queued: 0, watchlistVersion: 3, lanes: { '1': 'ok', '2': 'ok' } });
  h.central.deps.checkpoints.updateHealth('kpp-south', { connected: false, lastSyncAt: new Date(Date.now() - 3 * 3_600_000).toISOString(), queued: 214, watchlistVersion: 1, watchlistStale: true });

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await login(page, h.url, 'admin');
  await fillWatchlistForm(page, { id: 'wanted-17', category: 'wanted', action: 'refer', surname: 'Жапаров', givenNames: 'Садыр', birthDate: '1968-12-06' });
  await page.screenshot({ path: join(OUT, 'central-admin-entry-form.png') });
  await page.click('#wl-form button[type=submit]');
  await page.waitForSelector('#live-list li');
  await page.waitForSelector('tr[data-entry-id="wanted-17"]');
  await page.screenshot({ path: join(OUT, 'central-admin-watchlist.png') });
  await page.click('button[data-tab=import]');
  const bad = '{"id":"x1","type":"document","category":"lost","action":"alert","issuingState":"KGZ","documentNumber":"A1"}\n{"id":"x2","type":"person","category":"wanted","action":"refer"}\n';
  await page.setInputFiles('#imp-form input[type=file]', { name: 'list.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(bad) });
  await page.click('#imp-form button[type=submit]');
  await page.waitForSelector('#imp-result .error');
  await page.screenshot({ path: join(OUT, 'central-admin-import.png') });
  await page.click('button[data-tab=checkpoints]');
  await page.waitForSelector('tr[data-checkpoint-id="kpp-south"]');
  await page.screenshot({ path: join(OUT, 'central-admin-checkpoints.png') });
  await page.click('#live-close');
  await page.click('button[data-tab=alerts]');
  await page.waitForSelector('#al-rows tr');
  await page.click('button[data-lang=ru]');
  await page.screenshot({ path: join(OUT, 'central-admin-alerts-ru.png') });
  await page.click('button[data-lang=en]');

  const a = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await login(a, h.url, 'auditor');
  await a.fill('#cr-search input[name=purpose]', 'case 2026/117');
  await a.fill('#cr-search input[name=name]', 'Джапаров');
  await a.click('#cr-search button[type=submit]');
  await a.waitForSelector('#cr-rows tr');
  await a.locator('#cr-rows tr').first().click();
  await a.waitForSelector('#cr-detail h3');
  await a.screenshot({ path: join(OUT, 'central-auditor-crossings.png'), fullPage: true });
  await a.click('button[data-tab=chart]');
  await a.waitForSelector('svg.chart rect.bar');
  await a.screenshot({ path: join(OUT, 'central-auditor-chart.png') });
  await a.click('button[data-tab=audit]');
  await a.click('#au-verify');
  await a.waitForSelector('#au-result.ok');
  await a.screenshot({ path: join(OUT, 'central-auditor-audit.png') });
  process.stdout.write(`screenshots written to ${OUT}\n`);
} finally {
  await browser.close();
  await h.close();
}
