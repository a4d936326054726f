/** What `parseMrz` returns. Plain data: JSON-serialisable, no methods, no getters. */
import type { MrzFormat } from './encode-mrz.js';
import type { MrzFieldName, MrzIssue, MrzRange } from './mrz-issue.js';

/** `M`, `F` or `<` (unspecified); ICAO 9303-4..7. */
export type MrzSex = 'M' | 'F' | '<';

/** A part of the date of birth printed as `<<` (ICAO 9303-3 §4.8). */
export type MrzDatePart = 'year' | 'month' | 'day';

/**
 * A check-digit-guided OCR repair *proposal* (icao-9303.md §11): replacing one character by its
 * OCR look-alike makes the failing check digit pass, and it is the only such replacement. Never
 * applied by the engine; never made for names, codes or sex (no check digit covers them).
 */
export interface MrzRepairSuggestion {
  /** Field whose check digit guided the repair. */
  field: MrzFieldName;
  /** The one character to replace. */
  range: MrzRange;
  found: string;
  replacement: string;
  /** Raw characters of the repaired field (check-digit slot excluded). */
  value: string;
  message: string;
}

/**
 * The fields of a recognised MRZ. Filled also when fields are invalid (best effort, raw characters),
 * so the console can show them next to the underlined errors; trust them only when `ok`.
 */
export interface MrzDocument {
  /** Normalised MRZ lines (ranges refer to these). */
  lines: string[];
  /** Raw two characters, e.g. `P<`, `ID`, `PU`. */
  documentCode: string;
  /** 1–3 letters, fillers dropped (`D`, `UTO`). */
  issuingState: string;
  /** Whole number: principal characters plus a TD1/TD2 overflow continuation; trailing fillers dropped. */
  documentNumber: string;
  /** True when the number overflowed into the optional data (9303-5/6 note j). */
  documentNumberOverflow: boolean;
  nationality: string;
  /** The six MRZ characters `YYMMDD` (may hold `<<` groups). */
  birthDate: string;
  /** The six MRZ characters `YYMMDD`. */
  expiryDate: string;
  /** `X` accepted under `allowSexX` is reported as `<`; `null` when the character is invalid. */
  sex: MrzSex | null;
  /** Primary identifier components joined by a space. */
  surname: string;
  /** Secondary identifier components joined by a space. */
  givenNames: string;
  primaryIdentifier: string[];
  secondaryIdentifier: string[];
  /** The name field ends in a letter: the name may have been cut (9303-3 §4.6); match components as prefixes. */
  nameMayBeTruncated: boolean;
  /** TD3 personal number; TD1 line-1, TD2, `PU` and visa optional data (without any number continuation). Trailing fillers dropped, inner `<` kept. */
  optionalData: string;
  /** TD1 line-2 optional data; `null` for the other formats. */
  optionalData2: string | null;
  /**
   * Date of birth with the inferred century, as far as it is known: `YYYY-MM-DD`, `YYYY-MM` (day
   * unknown) or `YYYY` (month unknown); `null` when the year is unknown or the date is invalid.
   * The exact parts are in `birthDateParts`.
   */
  birthDateIso: string | null;
  birthDateParts: { year: number | null; month: number | null; day: number | null };
  birthDateUnknown: MrzDatePart[];
  /** `YYYY-MM-DD`, or `null` when unknown (`<<<<<<` under `allowUnknownExpiry`) or invalid. */
  expiryDateIso: string | null;
  /**
   * Completed years at the reference date. With unknown birth-date parts, the *smallest* possible age
   * (latest possible birth date), so a possible minor is never missed; `null` if the year is unknown.
   */
  age: number | null;
  /** Expiry date before the reference date (valid through the expiry day); `null` when expiry unknown/invalid. */
  expired: boolean | null;
  /** Issuing State or nationality `UTO` (ICAO specimen). A specimen at a live lane is itself an alert. */
  specimen: boolean;
}

export interface MrzResult {
  /** No errors (warnings allowed). */
  ok: boolean;
  /** Layout used; `PU` reports `TD2`; `null` when no MRZ shape matches. */
  format: MrzFormat | null;
  document: MrzDocument | null;
  errors: MrzIssue[];
  warnings: MrzIssue[];
  suggestions: MrzRepairSuggestion[];
  /** Normalised lines, also when no shape matched (ranges of input issues refer to these). */
  lines: string[];
}
