/**
 * Field checks of the clean-document fast path (`read-clean-mrz.ts`): each returns whether the
 * field is valid under ICAO 9303 *without any deviation*, and leaves what it read in `cleanRead`.
 * None of them reports anything; a `false` sends the document to the general reader, which names
 * the problem.
 *
 * All of them read the codes and values `loadCodes` put in `CODE` and `VALUES` (mrz-code-buffer.ts),
 * so every character is already known to be in the MRZ alphabet and check digits need no
 * validity test per character.
 */
import { daysInMonth, compareYmd } from './calendar.js';
import { CODE, codeIndex as at, codeIndexAt, VALUES } from './mrz-code-buffer.js';
import type { MrzLayout, MrzSpan } from './mrz-layouts.js';
import type { MrzSex } from './mrz-result.js';
import type { ReferenceDate } from './reference-date.js';
import { STATE_XXK, stateCodeFlagsAt } from './state-code-table.js';

/** 9303-4 §4.4 harmonised second letters of passport codes (`P E D O R T S L M`) as a bitmask over `A`–`Z`. */
const HARMONISED_MASK = [...'PEDORTSLM'].reduce((mask, ch) => mask | (1 << (ch.charCodeAt(0) - 65)), 0);

/**
 * What the checks read (module state rather than a returned object per field: the checks run once
 * per parse, synchronously, and per-field result objects are what this path exists to avoid).
 * Dates: -1 = unknown part (`<<`).
 */
export const cleanRead = {
  /** State-table flags of the last `stateCode` call (`STATE_*`). */
  flags: 0,
  birthY: -1,
  birthM: -1,
  birthD: -1,
  expiryY: 0,
  expiryM: 0,
  expiryD: 0,
  /** Column where the optional data proper starts (after a long number's continuation). */
  optionalStart: 0,
  /** End (exclusive) of a long number's continuation in the optional data; 0 for a short number. */
  continuationEnd: 0,
};

/** Weighted 7-3-1 sum (9303-3 §4.9) of `count` buffered characters from `p`, the first at cycle position `phase`. */
function weightedSum(p: number, count: number, phase: number): number {
  // A local, not the module binding: see loadCodes (a module binding is reloaded and checked on every use in a loop).
  const values = VALUES;
  let sum = 0;
  const end = p + count;
  for (; phase !== 0 && p < end; p++) {
    sum += values[p]! * (phase === 1 ? 3 : 1);
    phase = phase === 1 ? 2 : 0;
  }
  for (; p + 2 < end; p += 3) sum += values[p]! * 7 + values[p + 1]! * 3 + values[p + 2]!;
  if (p < end) sum += values[p]! * 7;
  if (p + 1 < end) sum += values[p + 1]! * 3;
  return sum;
}

/** The check-digit slot at `p` holds the digit `sum % 10` (a non-digit never matches). */
function digitAt(p: number, sum: number): boolean {
  return CODE[p]! - 48 === sum % 10;
}

/**
 * Document code rules per format (read-document-code.ts has the same rules with their messages):
 * 1 = valid but a passport code outside the harmonised letters (a warning), 0 = valid, -1 = invalid.
 * TD3 9303-4 §4.2.2/§4.4; TD1 9303-5 §4.2.2; TD2 9303-6 §4.2.2; MRV 9303-7; `PU` 9303-8.
 */
export function documentCodeVerdict(layout: MrzLayout): number {
  const p = at(layout.documentCode);
  const a = CODE[p]!;
  const b = CODE[p + 1]!;
  if (!((b >= 65 && b <= 90) || b === 60)) return -1;
  switch (layout.format) {
    case 'TD3':
      if (a !== 80) return -1;
      return b !== 60 && ((HARMONISED_MASK >>> (b - 65)) & 1) === 0 ? 1 : 0;
    case 'TD2':
      if (a === 80) return b === 85 ? 0 : -1;
      return (a === 65 || a === 67 || a === 73) && b !== 86 && !(a === 65 && b === 67) ? 0 : -1;
    case 'TD1':
      return (a === 65 || a === 67 || a === 73) && b !== 86 && !(a === 65 && b === 73) ? 0 : -1;
    case 'MRVA':
    case 'MRVB':
      return 0; // the first character `V` chose the layout
  }
}

/**
 * Issuing State or nationality (9303-3 §5): letters left-aligned, `<` padding, a code the table
 * allows in this field (`needed`: `STATE_ISSUER` or `STATE_NATIONALITY`), not the `XXK` deviation.
 * Returns the code's letters, or `null`; leaves the table flags in `cleanRead.flags`.
 */
export function stateCode(lines: readonly string[], span: MrzSpan, needed: number): string | null {
  const p = at(span);
  const a = CODE[p]!;
  const b = CODE[p + 1]!;
  const c = CODE[p + 2]!;
  // Letters, then only fillers: a letter after a `<` or any digit is a syntax error.
  if (a < 65 || (b < 65 && b !== 60) || (c < 65 && c !== 60) || (b === 60 && c !== 60)) return null;
  const index = (a - 64) * 729 + (b === 60 ? 0 : (b - 64) * 27) + (c === 60 ? 0 : c - 64);
  const flags = stateCodeFlagsAt(index);
  cleanRead.flags = flags;
  if ((flags & needed) === 0 || (flags & STATE_XXK) !== 0) return null;
  return lines[span.line]!.slice(span.start, span.start + (c !== 60 ? 3 : b !== 60 ? 2 : 1));
}

/**
 * Document number and its check digit. TD1/TD2 long numbers (9303-5 §4.2.4 note j, 9303-6 note j):
 * `<` in the slot, the rest of the number at the start of the optional data, then the whole
 * number's check digit and `<`. Returns the end column of a short number (trailing fillers dropped)
 * or -1; sets `optionalStart` and `continuationEnd`.
 */
export function documentNumberEnd(layout: MrzLayout): number {
  const span = layout.documentNumber;
  const opt = layout.optionalData;
  const p = at(span);
  const count = span.end - span.start;
  if (layout.overflow && CODE[at(layout.documentNumberCheck)] === 60) {
    const code = CODE;
    for (let i = 0; i < count; i++) if (code[p + i] === 60) return -1; // fillers among the principal characters
    const q = at(opt);
    const room = opt.end - opt.start;
    let run = 0;
    while (run < room && code[q + run] !== 60) run++;
    if (run === room || run < 2) return -1;
    // A legacy digit (slot `<` counted) is a policy deviation: the general reader handles it.
    if (!digitAt(q + run - 1, weightedSum(p, count, 0) + weightedSum(q, run - 1, count % 3))) return -1;
    cleanRead.continuationEnd = opt.start + run - 1;
    cleanRead.optionalStart = opt.start + run + 1;
    return span.end;
  }
  const code = CODE;
  let n = count;
  while (n > 0 && code[p + n - 1] === 60) n--;
  if (n === 0 || !digitAt(at(layout.documentNumberCheck), weightedSum(p, count, 0))) return -1;
  cleanRead.continuationEnd = 0;
  cleanRead.optionalStart = opt.start;
  return span.start + n;
}

/** Two digits → 0–99; `<<` → -1 (unknown, 9303-3 §4.8); anything else → -2. */
function group(p: number): number {
  const a = CODE[p]! - 48;
  const b = CODE[p + 1]! - 48;
  if (a >= 0 && a <= 9 && b >= 0 && b <= 9) return a * 10 + b;
  return a === 12 && b === 12 ? -1 : -2;
}

/**
 * Date of birth (9303-3 §4.8): `YYMMDD`, `<<` for unknown parts, a real calendar day; check digit
 * with `<` counted as 0; century 20YY unless the earliest possible date lies after the reference
 * date (icao-9303.md §8.3). Sets `birthY/M/D`.
 */
export function birthDateHolds(layout: MrzLayout, ref: ReferenceDate): boolean {
  const p = at(layout.birthDate);
  if (!digitAt(at(layout.birthDateCheck), weightedSum(p, 6, 0))) return false;
  const yy = group(p);
  const mm = group(p + 2);
  const dd = group(p + 4);
  if (yy === -2 || mm === -2 || dd === -2) return false;
  let year = -1;
  if (yy >= 0) {
    year = 2000 + yy;
    if (compareYmd(year, mm < 0 ? 1 : mm, dd < 0 ? 1 : dd, ref.y, ref.m, ref.d) > 0) year = 1900 + yy;
  }
  if (mm >= 0 && (mm < 1 || mm > 12)) return false;
  // A day with the month unknown may be up to 31; with the year unknown February may have 29.
  if (dd >= 0 && (dd < 1 || dd > (mm < 0 ? 31 : daysInMonth(year < 0 ? null : year, mm)))) return false;
  cleanRead.birthY = year;
  cleanRead.birthM = mm;
  cleanRead.birthD = dd;
  return true;
}

/**
 * Date of expiry (9303-3 §4.8): six digits (fillers are the `allowUnknownExpiry` deviation, left to
 * the general reader), a real calendar day, check digit; century 20YY unless more than 50 years
 * after the reference date. Sets `expiryY/M/D`.
 */
export function expiryDateHolds(layout: MrzLayout, ref: ReferenceDate): boolean {
  const p = at(layout.expiryDate);
  const yy = group(p);
  const mm = group(p + 2);
  const dd = group(p + 4);
  if (yy < 0 || mm < 1 || mm > 12 || dd < 1) return false;
  if (!digitAt(at(layout.expiryDateCheck), weightedSum(p, 6, 0))) return false;
  let year = 2000 + yy;
  if (compareYmd(year, mm, dd, ref.y + 50, ref.m, ref.d) > 0) year = 1900 + yy;
  if (dd > daysInMonth(year, mm)) return false;
  cleanRead.expiryY = year;
  cleanRead.expiryM = mm;
  cleanRead.expiryD = dd;
  return true;
}

/** `M`, `F` or `<` (9303-4..7 §4.2.2); `X` (a policy deviation) and anything else → `null`. */
export function sexAt(layout: MrzLayout): MrzSex | null {
  const c = CODE[at(layout.sex)];
  return c === 77 ? 'M' : c === 70 ? 'F' : c === 60 ? '<' : null;
}

/** End column of `span`'s data from `from` with trailing fillers dropped (== `from` when empty). */
export function trimmedEnd(span: MrzSpan, from: number): number {
  const code = CODE;
  const base = codeIndexAt(span.line, 0);
  let end = span.end;
  while (end > from && code[base + end - 1] === 60) end--;
  return end;
}

/**
 * TD3 personal-number check digit (9303-4 §4.2.2): required when the field holds data; may be `<`
 * or `0` when it is empty. True for layouts without it.
 */
export function optionalDataHolds(layout: MrzLayout, empty: boolean): boolean {
  const slot = layout.optionalDataCheck;
  if (slot === null) return true;
  const s = at(slot);
  const c = CODE[s];
  if (empty && (c === 60 || c === 48)) return true;
  const span = layout.optionalData;
  return digitAt(s, weightedSum(at(span), span.end - span.start, 0));
}

/** Composite check digit (9303-4/5/6 §4.2.4) against the weighted sum `loadCodes` made. True for the visas (none). */
export function compositeHolds(layout: MrzLayout, sum: number): boolean {
  const composite = layout.composite;
  return composite === null || digitAt(at(composite.slot), sum);
}
