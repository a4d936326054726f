import { v7 as uuidv7 } from 'uuid';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createCentral, createLogger, loadConfig, type Central } from '@aspk/central-server';
import type { CrossingRecord } from '@aspk/shared';

export const PASSWORD = 'correct horse battery staple';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];


export interface Harness {
  central: Central;
  url: string;
  agentToken: string;
  close(): Promise<void>;
}

/** Central on 127.0.0.1:0 in a temp folder with an admin, an auditor and checkpoint `kpp-north`. */
export async function startHarness(overrides: Record<string, unknown> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'aspk-central-browser-'));
  const central = createCentral(loadConfig({}, { dataDir: dir, port: 0, scryptLogN: 10, logLevel: 'silent', ...overrides }), createLogger('silent'));
  const url = await central.listen();
  for (const role of ['admin', 'auditor'] as const) central.deps.users.add(role, role, await central.deps.hasher.hash(PASSWORD));
  central.deps.users.add('admin2', 'admin', await central.deps.hasher.hash(PASSWORD));
  const agentToken = central.deps.checkpoints.add('kpp-north', 'Northern pass').credential;
  central.deps.checkpoints.add('kpp-south', 'Southern bridge');
  return {
    central,
    url,
    agentToken,
    close: async () => {
      await central.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const PEOPLE = [
  ['ZHAPAROV', 'SADYR', 'KGZ', '1968-12-06'],
  ['NURLANOVA', 'AIGERIM', 'KAZ', '1991-04-02'],
  ['PETROV', 'IVAN', 'RUS', '1979-07-19'],
  ['KARIMOV', 'RUSTAM', 'UZB', '1985-01-30'],
  ['SMITH', 'JOHN', 'GBR', '1970-05-05'],
] as const;

/** Pushes `perDay` crossings per day for `days` days through the real agent API (seeded, deterministic). */
export async function seedCrossings(h: Harness, days: number, perDay: (d: number) => number): Promise<CrossingRecord[]> {
  const all: CrossingRecord[] = [];
  let seq = 0;
  const today = Date.UTC(2026, 10, 27, 8);
  for (let d = days - 1; d >= 0; d--) {
    for (let i = 0; i < perDay(d); i++) {
      const p = PEOPLE[(d * 7 + i) % PEOPLE.length]!;
      const ms = today - d * 86_400_000 + i * 600_000;
      seq++;
      const hit = p[0] === 'ZHAPAROV';
      all.push({
        id: uuidv7({ msecs: ms }),
        checkpointId: 'kpp-north',
        lane: String((i % 2) + 1),
        direction: i % 3 === 0 ? 'exit' : 'entry',
        agentWallTime: new Date(ms).toISOString(),
        monotonicMs: seq * 1000,
        bootId: 'boot-1',
        clockFlags: [],
        seq,
        documentCode: 'P',
        issuingState: p[2],
        documentNumber: `${p[2].slice(0, 1)}N${String(4000000 + seq)}`,
        nationality: p[2],
        birthDate: p[3],
        expiryDate: '2031-01-01',
        sex: 'M',
        surname: p[0],
        givenNames: p[1],
        mrzValid: true,
        mrzErrors: [],
        alerts: hit ? [{ entryId: 'wanted-17', score: 0.94, reasons: ['surname ZHAPAROV ~ DZHAPAROV (ZH/DZH variant)', 'birth date equal'], kind: 'person', action: 'refer' }] : [],
        watchlistVersion: 1,
        watchlistHead: null,
        watchlistStale: false,
        verdict: hit ? 'refer' : 'clear',
        officerDecision: { decision: hit ? 'refer' : 'admit', officer: 'o.sydykov', note: null, decidedAt: new Date(ms + 40_000).toISOString() },
      });
    }
  }
  for (let i = 0; i < all.length; i += 200) {
    const res = await fetch(`${h.url}/api/v1/agent/crossings`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.agentToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ agentId: 'kpp-north', epoch: 'epoch-1', crossings: all.slice(i, i + 200) }),
    });
    if (!res.ok) throw new Error(`seed failed: ${res.status} ${await res.text()}`);
  }
  return all;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function login(page: Page, url: string, user: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(user.startsWith('admin') ? '**/admin.html*' : '**/auditor.html*');
}

/**
 * Opens the admin page's new-entry form and fills it, fields in the given order (`type` first: it decides
 * which inputs the form shows). `type` and `action` are selects, the rest inputs. Submitting is left to the
 * caller (a screenshot may come first).
 */
export async function fillWatchlistForm(page: Page, fields: Record<string, string>): Promise<void> {
  await page.click('#wl-new');
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'type' || name === 'action') await page.selectOption(`#wl-form select[name=${name}]`, value);
    else await page.fill(`#wl-form input[name=${name}]`, value);
  }
}
