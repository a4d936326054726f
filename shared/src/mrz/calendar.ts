/** Proleptic Gregorian calendar arithmetic on plain integers (no `Date` objects on the hot path). */

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in month `m` (1–12) of year `y`; with `y` unknown (`null`) February has 29. */
export function daysInMonth(y: number | null, m: number): number {
  if (m === 2) return y === null || isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Orders two dates given as year, month, day: negative, 0 or positive. */
export function compareYmd(y1: number, m1: number, d1: number, y2: number, m2: number, d2: number): number {
  return y1 !== y2 ? y1 - y2 : m1 !== m2 ? m1 - m2 : d1 - d2;
}

/** `00`–`99` made once: ISO dates are built on every parse. */
const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + i);

function pad2(n: number): string {
  return PAD2[n] ?? String(n);
}

/**
 * Small prefix tables for the two ISO dates built per parse: `YYYY-` for 1900–2099 (every MRZ date:
 * the century is inferred as 19 or 20) and `-MM` / `-MM-DD`. One concatenation then makes the date,
 * instead of a number conversion and three. Deliberately small (about 600 short strings): a memo
 * table of whole dates (83,200 slots, tried first) made parsing slower, its scattered loads missed
 * the cache.
 */
const YEAR_TEXT: readonly string[] = Array.from({ length: 200 }, (_, i) => String(1900 + i));
const MONTH_DAY_TEXT: readonly string[] = Array.from({ length: 13 * 32 }, (_, i) => (i >> 5 >= 1 && i >> 5 <= 12 && (i & 31) <= 31 ? '-' + pad2(i >> 5) + ((i & 31) === 0 ? '' : '-' + pad2(i & 31)) : ''));

/** `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when day / month is `null` (for years 1000–9999). */
export function isoDate(y: number, m: number | null, d: number | null): string {
  if (y >= 1900 && y < 2100 && (m === null || (m >= 1 && m <= 12)) && (d === null || (d >= 1 && d <= 31))) {
    return m === null ? YEAR_TEXT[y - 1900]! : YEAR_TEXT[y - 1900]! + MONTH_DAY_TEXT[m * 32 + (d ?? 0)]!;
  }
  if (m === null) return '' + y;
  return d === null ? y + '-' + pad2(m) : y + '-' + pad2(m) + '-' + pad2(d);
}
