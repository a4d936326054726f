import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildPersonCore, fullDate, MAX_PERSONS, POSTING_ID_SHIFT, sortedTokenIds } from './person-core.js';
import type { WatchlistEntry } from './watchlist-entry.js';
import { parsePartialDate } from './birth-date-evidence.js';

describe('fullDate (build fast path for list birth dates)', () => {
  it('agrees with parsePartialDate on every YYYY-MM-DD-shaped text and defers on the rest (seeded)', () => {
    const digit = fc.constantFrom(...'0123456789');
    const shaped = fc.array(digit, { minLength: 8, maxLength: 8 }).map((d) => `${d.slice(0, 4).join('')}-${d.slice(4, 6).join('')}-${d.slice(6).join('')}`);
    fc.assert(
      fc.property(fc.oneof(shaped, fc.string({ maxLength: 12 })), (t) => {
        const fast = fullDate(t);
        const slow = parsePartialDate(t);
        if (fast < 0) return; // not a full date: the build asks parsePartialDate itself
        if (fast === 0) expect(slow).toBeUndefined();
        else expect(slow).toEqual({ year: Math.floor(fast / 10000), month: Math.floor(fast / 100) % 100, day: fast % 100 });
      }),
      { seed: 11, numRuns: 5000 },
    );
    expect(fullDate('1968-11-16')).toBe(19681116);
    expect(fullDate('1968-00-16')).toBe(19680000);
    expect(fullDate('0000-01-01')).toBe(0);
    expect(fullDate('1968')).toBe(-1);
  });
});

describe('sortedTokenIds', () => {
  it('orders ids by text (prefixes first, ties by id) and leaves out the marked ones', () => {
    const texts = ['NURBOLOT', 'NURBOLOTBEK', 'NURB', 'A', '', 'NURBOLOT', '3APAROV', 'ZZZZZZ', 'NURBOLOS', 'AB1C', 'NURBOLOTA', 'B'];
    const want = Array.from(texts.keys()).sort((a, b) => (texts[a]! < texts[b]! ? -1 : texts[a]! > texts[b]! ? 1 : a - b));
    expect(Array.from(sortedTokenIds(texts))).toEqual(want);
    const odd = [...texts, 'ÄBC', 'abc'];
    const wantOdd = Array.from(odd.keys()).sort((a, b) => (odd[a]! < odd[b]! ? -1 : odd[a]! > odd[b]! ? 1 : a - b));
    expect(Array.from(sortedTokenIds(odd))).toEqual(wantOdd);
    expect(Array.from(sortedTokenIds(['NURBOLOT', 'A', '', 'NURB', 'A']))).toEqual([2, 1, 4, 3, 0]);
    const leaveOut = Uint8Array.from(texts, (_, i) => (i % 3 === 0 ? 1 : 0));
    expect(Array.from(sortedTokenIds(texts, leaveOut))).toEqual(want.filter((i) => i % 3 !== 0));
  });
});

describe('postings', () => {
  const dates = ['1980-05-07', '1980-12', '1980', undefined, '1975-01-31', '1990-11-01'];
  const entries: WatchlistEntry[] = dates.map((birthDate, i) => ({ id: `p${i}`, type: 'person', surname: i % 2 === 0 ? 'IVANOV' : 'PETROV', givenNames: 'SERGEI', category: 'wanted', action: 'refer', ...(birthDate === undefined ? {} : { birthDate }) }));
  const core = buildPersonCore({ entries, records: Uint32Array.from(entries.keys()) });

  it('carry the birth month and day of each person below its id, ascending by id per key', () => {
    let seen = 0;
    for (let k = 0; k < core.keys.length; k++) {
      let last = -1;
      for (let i = core.keySpan[2 * k]!; i < core.keySpan[2 * k + 1]!; i++) {
        const p = core.postings[i]!;
        const id = p >>> POSTING_ID_SHIFT;
        expect(id).toBeGreaterThan(last);
        last = id;
        const traits = core.traits[id]!;
        expect(p & 0xf).toBe((traits >>> 22) & 0xf); // month
        expect((p >>> 4) & 0x1f).toBe((traits >>> 26) & 0x1f); // day
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(entries.length);
    // The person born 1975-01-31 carries month 1, day 31.
    const id = Array.from(core.record).indexOf(4);
    const any = Array.from(core.postings).find((p) => p >>> POSTING_ID_SHIFT === id)!;
    expect([any & 0xf, (any >>> 4) & 0x1f]).toEqual([1, 31]);
  });

  it('share one copy of equal lists, and each key still lists every person holding it', () => {
    const surnames = ['IVANOV', 'IVANOVA', 'JAPAROV', 'ZHAPAROV', 'ЖАПАРОВ', 'KHAIRULLIN', 'HAIRULLIN', 'ASANOV', 'ASANOVA', 'TOKTOGUL UULU'];
    const given = ['SERGEI', 'SERGEY', 'AIZADA', 'MAKSIM', 'MAXIM', 'ERLAN', 'ЮРИЙ', 'YURII', 'NURLAN', 'ALIKHAN'];
    const list: WatchlistEntry[] = Array.from({ length: 200 }, (_, i) => ({ id: `q${i}`, type: 'person', surname: surnames[(i * 7) % surnames.length]!, givenNames: given[(i * 3) % given.length]!, category: 'wanted', action: 'refer', birthDate: String(1950 + (i % 40)) }));
    const c = buildPersonCore({ entries: list, records: Uint32Array.from(list.keys()) });
    const listOf = (k: number): string => Array.from(c.postings.subarray(c.keySpan[2 * k]!, c.keySpan[2 * k + 1]!)).join(',');
    const spanByList = new Map<string, string>();
    const spans = new Set<string>();
    let shared = 0;
    for (let k = 0; k < c.keys.length; k++) {
      const l = listOf(k);
      const span = `${c.keySpan[2 * k]}-${c.keySpan[2 * k + 1]}`;
      if (l === '') continue;
      if (spanByList.has(l)) (expect(span).toBe(spanByList.get(l)), shared++);
      else spanByList.set(l, span);
      spans.add(span);
    }
    // Equal lists share a span, different lists have different spans, and nothing else is stored.
    expect(shared).toBeGreaterThan(0);
    expect(spans.size).toBe(spanByList.size);
    expect([...spanByList.keys()].reduce((n, l) => n + l.split(',').length, 0)).toBe(c.postings.length);
    for (let id = 0; id < c.count; id++) {
      for (let o = c.nameTokStart[c.nameStart[id]!]!; o < c.nameTokStart[c.nameStart[id + 1]!]!; o++) {
        const t = c.occTok[o]!;
        for (let i = c.tokKeyStart[t]!; i < c.tokKeyStart[t + 1]!; i++) {
          const ids = listOf(c.tokKeys[i]!).split(',').map((p) => Number(p) >>> POSTING_ID_SHIFT);
          expect(ids).toContain(id);
        }
      }
    }
  });

  it('refuse a list with more persons than a posting can number', () => {
    const records = { length: MAX_PERSONS + 1 } as unknown as Uint32Array;
    expect(() => buildPersonCore({ entries: [], records })).toThrow(expect.objectContaining({ code: 'WATCHLIST_IMPORT_INVALID' }));
  });
});
