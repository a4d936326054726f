import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillWatchlistForm, launch, login, seedCrossings, startHarness, type Harness } from './central-harness.js';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness();
  await seedCrossings(h, 10, (d) => 3 + (d % 4));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('headquarters pages in chromium', () => {
  it('an admin adds a watchlist entry through the form and finds it by a transliteration variant', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await login(page, h.url, 'admin');
    await fillWatchlistForm(page, { type: 'person', id: 'wanted-17', category: 'wanted', action: 'refer', surname: 'Жапаров', givenNames: 'Садыр', birthDate: '1968-12-06' });
    await page.click('#wl-form button[type=submit]');
    await page.waitForSelector('#wl-message .ok');
    expect(await page.textContent('#wl-message')).toMatch(/version 1/);
    await page.fill('#wl-search input[name=q]', 'DZHAPAROV');
    await page.click('#wl-search button[type=submit]');
    await page.waitForSelector('tr[data-entry-id="wanted-17"]');
    expect(await page.locator('#wl-rows tr').count()).toBe(1);
    // Retro-screening of the new entry raises a live alert on the page.
    await page.waitForSelector('#live-list li', { timeout: 5000 });
    expect(await page.textContent('#live-list')).toMatch(/wanted-17.*seen at checkpoint kpp-north/i);
    // User management: create an officer account.
    await page.click('button[data-tab=users]');
    await page.fill('#us-form input[name=username]', 'o.sydykov');
    await page.selectOption('#us-form select[name=role]', 'officer');
    await page.fill('#us-form input[name=password]', 'officer passphrase 42');
    await page.click('#us-form button[type=submit]');
    await page.waitForSelector('tr[data-user="o.sydykov"]');
    // Russian switch.
    await page.click('button[data-lang=ru]');
    expect(await page.textContent('button[data-tab=watchlist]')).toBe('Списки');
    await page.click('button[data-tab=alerts]');
    await page.waitForSelector('#al-rows tr');
    expect(await page.textContent('#al-rows')).toMatch(/замечен на пункте kpp-north/);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('an auditor finds a crossing by name, opens it, and the search is in the audit log', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await login(page, h.url, 'auditor');
    await page.fill('#cr-search input[name=purpose]', 'case 2026/117');
    await page.fill('#cr-search input[name=name]', 'Жапаров');
    await page.click('#cr-search button[type=submit]');
    await page.waitForSelector('#cr-rows tr');
    const rows = page.locator('#cr-rows tr');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allTextContents()) expect(text).toMatch(/ZHAPAROV SADYR/);
    await rows.first().click();
    await page.waitForSelector('#cr-detail h3');
    expect(await page.textContent('#cr-detail')).toMatch(/wanted-17/);
    await page.click('button[data-tab=chart]');
    await page.waitForSelector('svg.chart rect.bar');
    expect(await page.locator('svg.chart rect.bar').count()).toBe(10);
    await page.click('button[data-tab=audit]');
    await page.click('#au-verify');
    await page.waitForSelector('#au-result.ok');
    expect(await page.textContent('#au-rows')).toMatch(/crossings\.search.*case 2026\/117/);
    await ctx.close();
  });
});
