import { describe, expect, it } from 'vitest';
import { parseWatchlistJsonl } from './parse-watchlist-jsonl.js';

const p = (id: string, extra = ''): string =>
  `{"id":"${id}","type":"person","surname":"JAPAROV","givenNames":"SADYR","category":"wanted","action":"detain"${extra}}`;
const d = (id: string): string => `{"id":"${id}","type":"document","issuingState":"D","documentNumber":"C01X00T47","category":"stolen","action":"deny"}`;

describe('parseWatchlistJsonl', () => {
  it('returns every entry of a valid file (BOM, CRLF and blank lines tolerated)', () => {
    const r = parseWatchlistJsonl(`\ufeff${p('p1')}\r\n\r\n${d('d1')}\n`);
    expect(r).toMatchObject({ ok: true, entries: [{ id: 'p1' }, { id: 'd1' }] });
  });

  it('is atomic and reports every bad line with its number and reason', () => {
    const r = parseWatchlistJsonl([p('p1'), p('p1'), p('p2', ',"birthDate":"1985-02-29"'), 'nope', '[1]', d('d1')].join('\n'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(r.errors[0]!.reason).toMatch(/duplicate id "p1".*line 1/);
    expect(r.errors[1]!.reason).toMatch(/^birthDate:/);
    expect(r.errors[2]!.reason).toMatch(/not valid JSON/);
    expect(r.errors[3]!.reason).toMatch(/one JSON object/);
  });

  it('returns an empty list for an empty file', () => {
    expect(parseWatchlistJsonl('')).toEqual({ ok: true, entries: [] });
  });
});
