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

/** Date cases, indexes into `DATE_CASES`. */
const EXACT = 0, SWAPPED = 1, YEAR_OFF_SAME_DAY_MONTH = 2, YEAR_ONLY_SAME = 3, YEAR_ONLY_OFF = 4, MISSING = 5, SAME_YEAR_OTHER_DAY = 6, YEARS_2_TO_5 = 7, YEARS_OVER_5 = 8;

/** Adjustment, name doubt and reason code of each date case (index = the value `dateCase` returns). */
export const DATE_CASES: readonly { adjust: number; nameDoubt: number; code: DateEvidence['code'] }[] = [
  { adjust: DATE_ADJUST.same, nameDoubt: 0, code: 'dob-exact' },
  { adjust: DATE_ADJUST.swapped, nameDoubt: 0, code: 'dob-day-month-swapped' },
  { adjust: DATE_ADJUST.yearOffSameDayMonth, nameDoubt: 0, code: 'dob-year-off-by-one' },
  { adjust: DATE_ADJUST.yearOnlySameYear, nameDoubt: NAME_DOUBT.yearOnly, code: 'dob-year-only' },
  { adjust: DATE_ADJUST.yearOnlyOffByOne, nameDoubt: NAME_DOUBT.yearOnly, code: 'dob-year-off-by-one' },
  { adjust: DATE_ADJUST.missing, nameDoubt: NAME_DOUBT.missing, code: 'dob-missing' },
  { adjust: DATE_ADJUST.sameYearOtherDay, nameDoubt: 0, code: 'dob-differs' },
  { adjust: DATE_ADJUST.years2to5, nameDoubt: 0, code: 'dob-differs' },
  { adjust: DATE_ADJUST.yearsOver5, nameDoubt: 0, code: 'dob-differs' },
];

/**
 * The date case (index into `DATE_CASES`) of the query's birth date against an entry's (`year` 0 = no date
 * on the list; `month`/`day` 0 = unknown). Allocation-free: the matcher calls it for every candidate, before
 * scoring the name, to skip candidates whose date alone keeps them below the threshold. A `01-01` entry date
 * is a common placeholder and counts as year-only when the query disagrees on day and month (§3.8).
 */
export function dateCase(query: PartialDate | undefined, year: number, month: number, day: number): number {
  if (query === undefined || year === 0) return MISSING;
  const dy = Math.abs(query.year - year);
  const placeholder = month === 1 && day === 1 && !(query.month === 1 && query.day === 1);
  if (month === 0 || placeholder || query.month === 0) {
    if (dy === 0) return YEAR_ONLY_SAME;
    if (dy === 1) return YEAR_ONLY_OFF;
  } else if (dy <= 1) {
    const dayKnown = query.day !== 0 && day !== 0;
    if (query.month === month && (!dayKnown || query.day === day)) return dy === 0 ? EXACT : YEAR_OFF_SAME_DAY_MONTH;
    if (dy === 1) return YEARS_2_TO_5;
    // A year-month entry can still show the swap: the document's day is the list's month (§3.8).
    if ((dayKnown && query.month === day && query.day === month) || (day === 0 && query.day === month && query.month <= 12)) return SWAPPED;
    return SAME_YEAR_OTHER_DAY;
  }
  return dy <= 5 ? YEARS_2_TO_5 : YEARS_OVER_5;
}

/** Human text of a date case, for hit reasons (allocates; only for the hits returned). */
function dateText(c: number, query: PartialDate | undefined, entry: PartialDate | undefined): string {
  const qy = query?.year ?? 0;
  const ey = entry?.year ?? 0;
  switch (c) {
    case EXACT:
      return query!.day !== 0 && entry!.day !== 0 ? 'birth date matches' : 'birth year and month match';
    case SWAPPED:
      return 'birth date matches with day and month swapped';
    case YEAR_OFF_SAME_DAY_MONTH:
      return `birth year ${qy} vs ${ey}, same day and month`;
    case YEAR_ONLY_SAME:
      return `birth year ${ey} matches a year-only date`;
    case YEAR_ONLY_OFF:
      return `birth year ${qy} vs year-only ${ey}`;
    case MISSING:
      return query === undefined ? 'no birth date on the document' : 'no birth date on the list';
    case SAME_YEAR_OTHER_DAY:
      return `same birth year ${ey}, other day or month`;
    default: {
      const dy = Math.abs(qy - ey);
      return dy === 1 ? `birth dates differ (${qy} vs ${ey})` : `birth years ${dy} apart`;
    }
  }
}

/** Compares the query's birth date with the entry's: case, adjustment, reason code and text. */
export function compareBirthDates(query: PartialDate | undefined, entry: PartialDate | undefined): DateEvidence {
  const c = dateCase(query, entry?.year ?? 0, entry?.month ?? 0, entry?.day ?? 0);
  const k = DATE_CASES[c]!;
  return { adjust: k.adjust, code: k.code, text: dateText(c, query, entry), nameDoubt: k.nameDoubt };
}
