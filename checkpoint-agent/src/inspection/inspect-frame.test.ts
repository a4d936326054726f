import { describe, expect, it } from 'vitest';
import { encodeMrz, WatchlistEntry, type MrzEncodeInput } from '@aspk/shared';
import { createInspector } from './inspect-frame.js';
import type { WatchlistSnapshot } from './screener.js';
import { buildWatchlistSnapshot } from './watchlist-screener.js';

const AT = Date.parse('2026-11-27T10:00:00Z');
const traveller: MrzEncodeInput = {
  format: 'TD3', documentCode: 'P', issuingState: 'KGZ', documentNumber: 'AC1234567', nationality: 'KGZ',
  birthDate: '850314', sex: 'M', expiryDate: '300101', surname: 'ZHAPAROV', givenNames: 'ASKAR',
};
const noList: WatchlistSnapshot = { screener: null, version: 0, head: null, expiresAtMs: null, appliedAtMs: null, entries: 0 };
const HEAD = { version: 7, head: 'h'.repeat(64), expiresAtMs: AT + 3_600_000, appliedAtMs: AT - 1000 };
const emptyList = buildWatchlistSnapshot([], HEAD);
const entries = [
  { id: 'p-1', type: 'person', category: 'wanted', action: 'detain', surname: 'Жапаров', givenNames: 'Аскар', birthDate: '1985-03-14', nationality: 'KGZ' },
  { id: 'p-2', type: 'person', category: 'missing child', action: 'protect', surname: 'TOKTOGULOVA', givenNames: 'AIDA', birthDate: '2012' },
  { id: 'p-old', type: 'person', category: 'expired entry', action: 'deny', surname: 'OSMONOV', givenNames: 'BAKYT', validUntil: '2020-01-01' },
  { id: 'd-1', type: 'document', category: 'stolen blank', action: 'refer', issuingState: 'KGZ', documentNumber: 'AC7654321' },
].map((e) => WatchlistEntry.parse(e));
const list = buildWatchlistSnapshot(entries, HEAD);

function inspect(over: Partial<MrzEncodeInput> = {}, opts: { list?: WatchlistSnapshot; referWhenStale?: boolean; text?: string; wallMs?: number } = {}) {
  const inspector = createInspector({ watchlist: () => opts.list ?? emptyList, referWhenStale: opts.referWhenStale ?? false });
  return inspector({ crossingId: '019ac5a4-0000-7000-8000-000000000000', text: opts.text ?? encodeMrz({ ...traveller, ...over }), laneId: '1', direction: 'entry', source: 'reader', wallMs: opts.wallMs ?? AT, monoMs: 1 });
}

describe('createInspector', () => {
  it('clears a valid adult document and records the list version and timings', () => {
    const r = inspect();
    expect(r.verdict).toBe('clear');
    expect(r.checks).toEqual([]);
    expect(r.document).toMatchObject({ documentCode: 'P', documentNumber: 'AC1234567', birthDate: '1985-03-14', sex: 'M', surname: 'ZHAPAROV' });
    expect(r.watchlist).toEqual({ version: 7, head: 'h'.repeat(64), stale: false, ready: true });
    expect(r.timingsUs.total).toBeGreaterThan(0);
    expect(r.timingsUs.total).toBeGreaterThanOrEqual(r.timingsUs.parse);
  });

  it('reports an invalid MRZ with the engine reasons and error ranges', () => {
    const text = encodeMrz(traveller).replace('AC1234567', 'AC1234568');
    const r = inspect({}, { text });
    expect(r.verdict).toBe('alert');
    expect(r.requiredAction).toBe('manual-check');
    expect(r.checks.map((c) => c.code)).toContain('MRZ_INVALID');
    const cd = r.mrz.errors.find((e) => e.code === 'CHECK_DIGIT_MISMATCH');
    expect(cd?.range).toMatchObject({ line: 2 });
  });

  it('flags an expired document', () => {
    const r = inspect({ expiryDate: '240101' });
    expect(r.checks.map((c) => c.code)).toContain('DOCUMENT_EXPIRED');
    expect(r.verdict).toBe('alert');
  });

  it('flags a minor under 18 on the crossing date so the officer checks consent papers', () => {
    const r = inspect({ birthDate: '081128' }); // 17 on 2026-11-27, 18 the next day
    expect(r.age).toBe(17);
    expect(r.checks).toContainEqual(expect.objectContaining({ code: 'MINOR', action: 'check-consent' }));
    expect(r.requiredAction).toBe('check-consent');
    const nextDay = inspect({ birthDate: '081128' }, { wallMs: AT + 86_400_000 });
    expect(nextDay.checks.map((c) => c.code)).not.toContain('MINOR');
  });

  it('flags a specimen document', () => {
    const r = inspect({ issuingState: 'UTO', nationality: 'UTO' });
    expect(r.checks).toContainEqual(expect.objectContaining({ code: 'SPECIMEN', severity: 'high' }));
  });

  it('says screening did not run when no list is loaded', () => {
    const r = inspect({}, { list: noList });
    expect(r.verdict).toBe('alert');
    expect(r.watchlist.ready).toBe(false);
    expect(r.checks.map((c) => c.code)).toEqual(['WATCHLIST_NOT_READY']);
  });

  it('marks a stale list; refers only with the refer-when-stale policy', () => {
    const stale = { ...emptyList, expiresAtMs: AT - 1 };
    const r = inspect({}, { list: stale });
    expect(r.watchlist.stale).toBe(true);
    expect(r.verdict).toBe('clear');
    expect(inspect({}, { list: stale, referWhenStale: true }).verdict).toBe('refer');
  });

  it('alerts on a listed person written in Cyrillic, with the entry action and reasons', () => {
    const r = inspect({}, { list });
    expect(r.alerts).toHaveLength(1);
    expect(r.alerts[0]).toMatchObject({ entryId: 'p-1', kind: 'person', action: 'detain', severity: 'critical', category: 'wanted' });
    expect(r.alerts[0]!.reasons.length).toBeGreaterThan(0);
    expect(r).toMatchObject({ verdict: 'deny', severity: 'critical', requiredAction: 'detain' });
    expect(r.checks.map((c) => c.code)).toEqual(['PERSON_LISTED']);
  });

  it('alerts on a listed document, even when the MRZ check digits fail', () => {
    const [l1, l2] = encodeMrz({ ...traveller, surname: 'IVANOV', documentNumber: 'AC7654321' }).split('\n') as [string, string];
    const text = `${l1}\n${l2.slice(0, 9)}${(Number(l2[9]) + 1) % 10}${l2.slice(10)}`; // wrong document-number check digit
    const r = inspect({}, { list, text });
    expect(r.mrz.ok).toBe(false);
    expect(r.alerts.map((a) => [a.entryId, a.kind])).toContainEqual(['d-1', 'document']);
    expect(r.verdict).toBe('refer');
  });

  it('protects a listed child and also asks for consent papers', () => {
    const r = inspect({ surname: 'TOKTOGULOVA', givenNames: 'AIDA', sex: 'F', birthDate: '120505' }, { list });
    expect(r.alerts.map((a) => a.entryId)).toEqual(['p-2']);
    expect(r.checks.map((c) => c.code).sort()).toEqual(['MINOR', 'PERSON_LISTED']);
    expect(r.requiredAction).toBe('protect');
  });

  it('ignores entries outside their validity window', () => {
    const r = inspect({ surname: 'OSMONOV', givenNames: 'BAKYT' }, { list });
    expect(r.alerts).toEqual([]);
    expect(r.verdict).toBe('clear');
  });

  it('turns garbage into an invalid-MRZ result instead of throwing', () => {
    const r = inspect({}, { text: '\u0000\u00ff garbage <<<' });
    expect(r.mrz.ok).toBe(false);
    expect(r.document).toBeNull();
    expect(r.verdict).toBe('alert');
  });
});
