/**
 * Birth-date evidence (watchlist-matching.md §3.8, §4.8): partial dates on both sides, unknown parts match
 * anything, and near misses (±1 year, day/month swapped) lower the score instead of zeroing it.
 */

/** A possibly partial date: 0 in a field means unknown. */
export interface PartialDate {
  year: number;
  month: number;
  day: number;
}

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (unknown parts may be written `00`); undefined when unusable. */
export function parsePartialDate(text: string | undefined): PartialDate | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{4})(?:-(\d{2}|<<|XX)(?:-(\d{2}|<<|XX))?)?$/.exec(text.trim());
  if (m === null) return undefined;
  const num = (s: string | undefined): number => (s === undefined || !/^\d+$/.test(s) ? 0 : Number(s));
  const year = num(m[1]);
  const month = num(m[2]);
  const day = month === 0 ? 0 : num(m[3]);
  if (year === 0 || month > 12 || day > 31) return undefined;
  return { year, month, day };
}

/** Birth-date comparison outcome: adjustment added to the name score, reason code and human text. */
export interface DateEvidence {
  adjust: number;
  code: 'dob-exact' | 'dob-day-month-swapped' | 'dob-year-off-by-one' | 'dob-year-only' | 'dob-missing' | 'dob-differs';
  text: string;
  /**
   * Share of the name's shortfall (1 − name score) taken off again because the date cannot confirm the
   * name: 0 for a full date, `NAME_DOUBT.yearOnly` for a year, `NAME_DOUBT.missing` without a date.
   */
  nameDoubt: number;
}

/**
 * How much a weak date leaves a fuzzy name unconfirmed (tuned on the evaluation set, §5). An exact name
 * loses nothing more; a name with one unexplained spelling difference and no birth date loses about as much
 * again, so different people whose surnames merely look alike (PAVLIN/PAVLOV) do not alert on name alone.
 */
export const NAME_DOUBT = { missing: 0.5, yearOnly: 0.25 } as const;

/** Adjustments (watchlist-matching.md §4.8 table, tuned on the evaluation set). */
export const DATE_ADJUST = {
  same: 0,
  swapped: -0.03,
  yearOffSameDayMonth: -0.05,
  yearOnlySameYear: -0.02,
  yearOnlyOffByOne: -0.08,
  missing: -0.05,
  sameYearOtherDay: -0.2,
  years2to5: -0.3,
  yearsOver5: -0.5,
} as const;

/**
 * Compares the query's birth date with the entry's. A `01-01` entry date is a common placeholder and
 * counts as year-only when the query disagrees on day and month (§3.8).
 */
export function compareBirthDates(query: PartialDate | undefined, entry: PartialDate | undefined): DateEvidence {
  if (query === undefined || entry === undefined) {
    return { adjust: DATE_ADJUST.missing, code: 'dob-missing', text: query === undefined ? 'no birth date on the document' : 'no birth date on the list', nameDoubt: NAME_DOUBT.missing };
  }
  const dy = Math.abs(query.year - entry.year);
  const placeholder = entry.month === 1 && entry.day === 1 && !(query.month === 1 && query.day === 1);
  const entryYearOnly = entry.month === 0 || placeholder;
  const queryYearOnly = query.month === 0;
  if (entryYearOnly || queryYearOnly) {
    if (dy === 0) return { adjust: DATE_ADJUST.yearOnlySameYear, code: 'dob-year-only', text: `birth year ${entry.year} matches a year-only date`, nameDoubt: NAME_DOUBT.yearOnly };
    if (dy === 1) return { adjust: DATE_ADJUST.yearOnlyOffByOne, code: 'dob-year-off-by-one', text: `birth year ${query.year} vs year-only ${entry.year}`, nameDoubt: NAME_DOUBT.yearOnly };
  } else if (dy === 0) {
    const dayKnown = query.day !== 0 && entry.day !== 0;
    if (query.month === entry.month && (!dayKnown || query.day === entry.day)) {
      return { adjust: DATE_ADJUST.same, code: 'dob-exact', text: dayKnown ? 'birth date matches' : 'birth year and month match', nameDoubt: 0 };
    }
    // A year-month entry can still show the swap: the document's day is the list's month (§3.8).
    if ((dayKnown && query.month === entry.day && query.day === entry.month) || (entry.day === 0 && query.day === entry.month && query.month <= 12)) {
      return { adjust: DATE_ADJUST.swapped, code: 'dob-day-month-swapped', text: 'birth date matches with day and month swapped', nameDoubt: 0 };
    }
    return { adjust: DATE_ADJUST.sameYearOtherDay, code: 'dob-differs', text: `same birth year ${entry.year}, other day or month`, nameDoubt: 0 };
  } else if (dy === 1) {
    const dayKnown = query.day !== 0 && entry.day !== 0;
    if (query.month === entry.month && (!dayKnown || query.day === entry.day)) {
      return { adjust: DATE_ADJUST.yearOffSameDayMonth, code: 'dob-year-off-by-one', text: `birth year ${query.year} vs ${entry.year}, same day and month`, nameDoubt: 0 };
    }
    return { adjust: DATE_ADJUST.years2to5, code: 'dob-differs', text: `birth dates differ (${query.year} vs ${entry.year})`, nameDoubt: 0 };
  }
  if (dy <= 5) return { adjust: DATE_ADJUST.years2to5, code: 'dob-differs', text: `birth years ${dy} apart`, nameDoubt: 0 };
  return { adjust: DATE_ADJUST.yearsOver5, code: 'dob-differs', text: `birth years ${dy} apart`, nameDoubt: 0 };
}
