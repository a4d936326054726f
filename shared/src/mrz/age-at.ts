/** Completed years at the reference date (icao-9303.md §8.4), shared by the general reader and the clean-document fast path. */
import { compareYmd, daysInMonth } from './calendar.js';
import type { ReferenceDate } from './reference-date.js';

/**
 * Completed years at `ref` for a birth date with possibly unknown parts (`null`, ICAO 9303-3 §4.8
 * `<<` groups): counted from the *latest* possible birth date, so a possible minor is never missed.
 * `null` when the year is unknown. Born 29 February: the birthday counts on 1 March in common years.
 */
export function ageAt(year: number | null, month: number | null, day: number | null, ref: ReferenceDate): number | null {
  if (year === null) return null;
  const m = month ?? 12;
  const d = day ?? daysInMonth(year, m);
  const age = ref.y - year - (compareYmd(0, ref.m, ref.d, 0, m, d) < 0 ? 1 : 0);
  return age < 0 ? 0 : age;
}
