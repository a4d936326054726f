/**
 * Date of birth and date of expiry (ICAO 9303-3 §4.8; icao-9303.md §8): `YYMMDD`, real calendar
 * days, `<<` groups only in the date of birth, century inferred against the reference date.
 */
import { compareYmd, daysInMonth } from './calendar.js';
import type { MrzSpan } from './mrz-layouts.js';
import type { MrzDatePart } from './mrz-result.js';
import type { ParseContext } from './parse-context.js';
import { verifyCheckDigit } from './verify-check-digit.js';

export interface DateRead {
  /** Syntax and calendar are valid (unknown parts allowed in a birth date). */
  valid: boolean;
  year: number | null;
  month: number | null;
  day: number | null;
  unknown: MrzDatePart[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function invalid(): DateRead {
  return { valid: false, year: null, month: null, day: null, unknown: [] };
}

/** Two digits → 0–99; `<<` → -1; anything else → -2. */
function group(line: string, at: number): number {
  const a = line.charCodeAt(at);
  const b = line.charCodeAt(at + 1);
  if (a >= 48 && a <= 57 && b >= 48 && b <= 57) return (a - 48) * 10 + (b - 48);
  return a === 60 && b === 60 ? -1 : -2;
}

/** Expiry has no unknown parts when valid; shared, never handed out (the document carries only the birth date's list). */
const NONE_UNKNOWN: MrzDatePart[] = [];

function invalidExpiry(): DateRead & { unknownAccepted: boolean } {
  return { valid: false, year: null, month: null, day: null, unknown: [], unknownAccepted: false };
}

export function readBirthDate(ctx: ParseContext): DateRead {
  const { layout, ref } = ctx;
  const span = layout.birthDate;
  if (!ctx.clean(span)) return invalid();
  // §8.2: the check digit is computed with '<' = 0, unknown parts included.
  verifyCheckDigit(ctx, 'birthDate', 'date of birth', layout.covers.birthDate, layout.birthDateCheck, true);
  const line = ctx.lines[span.line]!;
  const yy = group(line, span.start);
  const mm = group(line, span.start + 2);
  const dd = group(line, span.start + 4);
  if (yy === -2 || mm === -2 || dd === -2) {
    const bad = yy === -2 ? 0 : mm === -2 ? 2 : 4;
    ctx.error('DATE_SYNTAX', 'birthDate', `date of birth '${line.slice(span.start, span.end)}': each of YY, MM, DD must be two digits or << (ICAO 9303-3 §4.8)`, { line: span.line, start: span.start + bad, end: span.start + bad + 2 });
    return invalid();
  }
  const month = mm < 0 ? null : mm;
  const day = dd < 0 ? null : dd;
  let year: number | null = null;
  if (yy >= 0) {
    // §8.3: 20YY unless the earliest possible date would lie after the reference date.
    year = 2000 + yy;
    if (compareYmd(year, month ?? 1, day ?? 1, ref.y, ref.m, ref.d) > 0) year = 1900 + yy;
  }
  const unknown: MrzDatePart[] = [];
  if (yy < 0) unknown.push('year');
  if (mm < 0) unknown.push('month');
  if (dd < 0) unknown.push('day');
  if (!checkCalendar(ctx, 'birthDate', 'date of birth', span, year, month, day)) return { valid: false, year, month: null, day: null, unknown };
  return { valid: true, year, month, day, unknown };
}

export function readExpiryDate(ctx: ParseContext): DateRead & { unknownAccepted: boolean } {
  const { layout, ref } = ctx;
  const span = layout.expiryDate;
  if (!ctx.clean(span)) return invalidExpiry();
  verifyCheckDigit(ctx, 'expiryDate', 'date of expiry', layout.covers.expiryDate, layout.expiryDateCheck, true);
  const line = ctx.lines[span.line]!;
  let first = -1;
  let last = -1;
  let fillers = 0;
  for (let i = span.start; i < span.end; i++) {
    const c = line.charCodeAt(i);
    if (c === 60) fillers++;
    if (c < 48 || c > 57) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (fillers === 6) {
    ctx.deviation(ctx.policy.allowUnknownExpiry, 'EXPIRY_UNKNOWN', 'expiryDate', 'date of expiry is all fillers (<<<<<<); only the date of birth may contain fillers (ICAO 9303-3 §4.8)', span);
    return { valid: ctx.policy.allowUnknownExpiry, year: null, month: null, day: null, unknown: ['year', 'month', 'day'], unknownAccepted: ctx.policy.allowUnknownExpiry };
  }
  if (first >= 0) {
    ctx.error('DATE_SYNTAX', 'expiryDate', `date of expiry '${line.slice(span.start, span.end)}' must be six digits (ICAO 9303-3 §4.8)`, { line: span.line, start: first, end: last + 1 });
    return invalidExpiry();
  }
  const yy = group(line, span.start);
  const month = group(line, span.start + 2);
  const day = group(line, span.start + 4);
  // §8.3: 20YY unless that is more than 50 years after the reference date.
  let year = 2000 + yy;
  if (compareYmd(year, month, day, ref.y + 50, ref.m, ref.d) > 0) year = 1900 + yy;
  if (!checkCalendar(ctx, 'expiryDate', 'date of expiry', span, year, month, day)) return invalidExpiry();
  return { valid: true, year, month, day, unknown: NONE_UNKNOWN, unknownAccepted: false };
}

function checkCalendar(ctx: ParseContext, field: 'birthDate' | 'expiryDate', label: string, span: MrzSpan, year: number | null, month: number | null, day: number | null): boolean {
  if (month !== null && (month < 1 || month > 12)) {
    const raw = ctx.lines[span.line]!.slice(span.start, span.end);
    ctx.error('DATE_INVALID', field, `${label} ${raw}: month ${pad(month)} does not exist (ICAO 9303-3 §4.8)`, { line: span.line, start: span.start + 2, end: span.start + 4 });
    return false;
  }
  if (day !== null) {
    const max = month === null ? 31 : daysInMonth(year, month);
    if (day < 1 || day > max) {
      const raw = ctx.lines[span.line]!.slice(span.start, span.end);
      const where = month === null ? 'any month' : year === null ? MONTHS[month - 1]! : `${MONTHS[month - 1]!} ${year}`;
      ctx.error('DATE_INVALID', field, `${label} ${raw}: day ${pad(day)} does not exist in ${where} (ICAO 9303-3 §4.8)`, { line: span.line, start: span.start + 4, end: span.start + 6 });
      return false;
    }
  }
  return true;
}

function pad(n: number): string {
  return n < 10 ? '0' + n : '' + n;
}
