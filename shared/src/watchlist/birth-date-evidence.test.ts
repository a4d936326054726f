import { describe, expect, it } from 'vitest';
import { compareBirthDates, parsePartialDate } from './birth-date-evidence.js';

const d = (s: string) => parsePartialDate(s);

describe('compareBirthDates (§4.8)', () => {
  it.each([
    ['1980-05-06', '1980-05-06', 'dob-exact', 0],
    ['1980-06-05', '1980-05-06', 'dob-day-month-swapped', -0.03],
    ['1981-05-06', '1980-05-06', 'dob-year-off-by-one', -0.05],
    ['1980-05-06', '1980', 'dob-year-only', -0.02],
    ['1980-05-06', '1980-01-01', 'dob-year-only', -0.02],
    ['1981-05-06', '1980', 'dob-year-off-by-one', -0.08],
    ['1980-05-06', '1980-07-09', 'dob-differs', -0.2],
    ['1983-05-06', '1980-05-06', 'dob-differs', -0.3],
    ['1990-05-06', '1980-05-06', 'dob-differs', -0.5],
    ['1980-05-06', '1980-05', 'dob-exact', 0],
    ['1980-06-05', '1980-05', 'dob-day-month-swapped', -0.03],
  ])('query %s vs list %s → %s', (q, e, code, adjust) => {
    const r = compareBirthDates(d(q), d(e));
    expect(r.code).toBe(code);
    expect(r.adjust).toBeCloseTo(adjust, 6);
  });
  it('treats a missing date on either side as weak evidence, not a mismatch', () => {
    expect(compareBirthDates(undefined, d('1980'))).toMatchObject({ code: 'dob-missing', adjust: -0.05 });
    expect(compareBirthDates(d('1980-01-02'), undefined)).toMatchObject({ code: 'dob-missing' });
  });
  it('lets only a full date confirm a fuzzy name: year-only and missing dates carry name doubt', () => {
    expect(compareBirthDates(d('1980-05-06'), d('1980-05-06')).nameDoubt).toBe(0);
    expect(compareBirthDates(d('1980-05-06'), d('1980')).nameDoubt).toBeGreaterThan(0);
    expect(compareBirthDates(undefined, d('1980')).nameDoubt).toBeGreaterThan(compareBirthDates(d('1980-05-06'), d('1980')).nameDoubt);
  });
  it('parses partial dates and refuses garbage', () => {
    expect(d('1980')).toEqual({ year: 1980, month: 0, day: 0 });
    expect(d('1980-00-00')).toEqual({ year: 1980, month: 0, day: 0 });
    expect(d('80-01-01')).toBeUndefined();
  });
});
