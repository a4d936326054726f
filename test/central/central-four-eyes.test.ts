import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillWatchlistForm, launch, login, startHarness, type Harness } from './central-harness.js';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness({ fourEyes: true });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('four-eyes in the admin page', () => {
  it('one admin proposes, cannot approve it, a second admin approves and the entry is published', async () => {
    const a = await (await browser.newContext()).newPage();
    await login(a, h.url, 'admin');
    await fillWatchlistForm(a, { type: 'document', id: 'stolen-9', category: 'stolen', issuingState: 'kgz', documentNumber: 'AC7654321' });
    await a.click('#wl-form button[type=submit]');
    await a.waitForSelector('tr[data-proposal-id="1"]');
    expect(await a.textContent('#wl-message')).toMatch(/second administrator/);
    await a.click('tr[data-proposal-id="1"] button:not(.danger)');
    await a.waitForSelector('#wl-message .error');
    expect(await a.locator('#wl-rows tr').count()).toBe(0);

    const b = await (await browser.newContext()).newPage();
    await login(b, h.url, 'admin2');
    await b.click('tr[data-proposal-id="1"] button:not(.danger)');
    await b.waitForSelector('tr[data-entry-id="stolen-9"]');
    expect(await b.isHidden('#wl-proposals')).toBe(true);
    expect(h.central.deps.watchlist.head().version).toBe(1);
  });
});
