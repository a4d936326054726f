/**
 * `parseMrz`: MRZ text → document, errors, warnings, repair suggestions (icao-9303.md §1 pipeline:
 * normalise → shape → fields → check digits → semantic rules → policy deviations). Never throws:
 * every outcome, including junk input and the engine's own faults, is a value.
 *
 * Hand-written rather than built on the `mrz` package: that package departs from Doc 9303 in the
 * ways listed in README.md (it is the test oracle, not a dependency), and the inspection hot path
 * budgets ~1.5 µs per document (architecture.md) where the package takes ~30 µs
 * (test/bench/suites/mrz.ts measures both; speed notes in README.md).
 */
import { ageAt } from './age-at.js';
import { compareYmd, isoDate } from './calendar.js';
import { expiredWarning, specimenWarning } from './document-warnings.js';
import { detectLayout } from './detect-format.js';
import type { MrzIssue } from './mrz-issue.js';
import type { MrzLayout, MrzSpan } from './mrz-layouts.js';
import { DEFAULT_MRZ_POLICY, resolveMrzPolicy, type MrzPolicy } from './mrz-policy.js';
import type { MrzDocument, MrzResult } from './mrz-result.js';
import { normaliseMrz } from './normalise-mrz.js';
import { describeChars, ParseContext } from './parse-context.js';
import { readCleanMrz } from './read-clean-mrz.js';
import { readBirthDate, readExpiryDate } from './read-dates.js';
import { readDocumentCode } from './read-document-code.js';
import { readDocumentNumber } from './read-document-number.js';
import { readName } from './read-name.js';
import { readOptionalData, trimmedField } from './read-optional-data.js';
import { readSex } from './read-sex.js';
import { readStateCode } from './read-state-code.js';
import { parseReferenceDate, utcToday, type ReferenceDate } from './reference-date.js';
import { suggestRepairs } from './repair-suggestions.js';
import { mrzCodeValue } from './check-digit.js';
import { verifyCheckDigit } from './verify-check-digit.js';

export interface ParseMrzOptions {
  /** Switches for the accepted deviations; unset switches keep the strict default. */
  policy?: Partial<MrzPolicy> | undefined;
  /**
   * `YYYY-MM-DD`: the day against which centuries are inferred and expiry and age judged. Pass it
   * (the agent passes its clock's date); only when absent does the engine use the current UTC date.
   */
  referenceDate?: string | undefined;
}

/**
 * Parses and validates an MRZ under ICAO 9303. `input` is a string (lines split on CR, LF or CR LF)
 * or an array of lines; anything else yields `INPUT_NOT_TEXT`. Never throws.
 */
export function parseMrz(input: string | readonly string[], options?: ParseMrzOptions): MrzResult {
  return parseGuarded(input, options, true);
}

/**
 * `parseMrz` without the clean-document fast path: every input through the general reader. Internal
 * (not exported by index.ts): the equivalence test compares the two paths with it.
 */
export function parseMrzGeneral(input: string | readonly string[], options?: ParseMrzOptions): MrzResult {
  return parseGuarded(input, options, false);
}

function parseGuarded(input: unknown, options: ParseMrzOptions | undefined, fast: boolean): MrzResult {
  try {
    return parseUnguarded(input, options, fast);
  } catch (e) {
    // Defence in depth: a bug must reach the officer as a rejected scan, never as a crashed lane.
    const message = e instanceof Error ? e.message : String(e);
    return failed([], [{ code: 'INTERNAL_ERROR', message: `MRZ engine fault: ${message}` }]);
  }
}

/**
 * The fast path for clean, valid documents (read-clean-mrz.ts); `null` sends the input to the
 * general reader. A hostile array (a proxy or getter that throws) also goes there, which reports it
 * as `INPUT_NOT_TEXT` exactly as without the fast path.
 */
function readCleanMrzGuarded(input: unknown, ref: ReferenceDate): MrzResult | null {
  try {
    return readCleanMrz(input, ref);
  } catch {
    return null;
  }
}

function failed(lines: string[], errors: MrzIssue[]): MrzResult {
  return { ok: false, format: null, document: null, errors, warnings: [], suggestions: [], lines };
}

function parseUnguarded(input: unknown, options: ParseMrzOptions | undefined, fast: boolean): MrzResult {
  let policy: Readonly<MrzPolicy> = DEFAULT_MRZ_POLICY;
  let ref: ReferenceDate | null = null;
  let refIssue: MrzIssue | null = null;
  if (options !== undefined && options !== null && typeof options === 'object') {
    if (options.policy !== undefined) policy = resolveMrzPolicy(options.policy);
    if (options.referenceDate !== undefined) {
      ref = parseReferenceDate(options.referenceDate);
      if (ref === null) {
        const shown = typeof options.referenceDate === 'string' ? JSON.stringify(options.referenceDate).slice(0, 40) : `of type ${typeof options.referenceDate}`;
        refIssue = { code: 'REFERENCE_DATE_INVALID', message: `reference date ${shown} is not a YYYY-MM-DD calendar day` };
      }
    }
  }
  if (fast && refIssue === null) {
    const clean = readCleanMrzGuarded(input, ref ?? utcToday());
    if (clean !== null) return clean;
  }
  const norm = normaliseMrz(input);
  if (norm.fatal !== null) return failed([], refIssue === null ? [norm.fatal] : [refIssue, norm.fatal]);
  const lines = norm.lines;
  const layout = detectLayout(lines);
  if (layout === null) return unsupportedShape(lines, refIssue);
  const ctx = new ParseContext(lines, layout, policy, ref ?? utcToday(), norm.clean);
  if (refIssue !== null) ctx.errors.push(refIssue);
  return readDocument(ctx);
}

function readDocument(ctx: ParseContext): MrzResult {
  const { layout, lines, ref } = ctx;
  ctx.reportCharset();
  const documentCode = readDocumentCode(ctx);
  const issuing = readStateCode(ctx, layout.issuingState, 'issuingState');
  const name = readName(ctx);
  const number = readDocumentNumber(ctx);
  const nationality = readStateCode(ctx, layout.nationality, 'nationality');
  const birth = readBirthDate(ctx);
  const sex = readSex(ctx);
  const expiry = readExpiryDate(ctx);
  const optionalData = readOptionalData(ctx, number.optionalStart);
  const optionalData2 = layout.optionalData2 === null ? null : trimmedField(ctx, layout.optionalData2, layout.optionalData2.start);
  if (layout.composite !== null) verifyCheckDigit(ctx, 'composite', 'composite', layout.composite.covers, layout.composite.slot, false);

  if (birth.valid && expiry.valid && birth.year !== null && expiry.year !== null && expiry.month !== null && expiry.day !== null) {
    // §8.3: expiry on or before the (earliest possible) date of birth cannot be right.
    if (compareYmd(expiry.year, expiry.month, expiry.day, birth.year, birth.month ?? 1, birth.day ?? 1) <= 0) {
      ctx.error('EXPIRY_NOT_AFTER_BIRTH', 'expiryDate', 'date of expiry is on or before the date of birth (ICAO 9303-3 §4.8)', layout.expiryDate);
    }
  }
  let expired: boolean | null = null;
  let expiryDateIso: string | null = null;
  if (expiry.valid && expiry.year !== null && expiry.month !== null && expiry.day !== null) {
    expiryDateIso = isoDate(expiry.year, expiry.month, expiry.day);
    expired = compareYmd(expiry.year, expiry.month, expiry.day, ref.y, ref.m, ref.d) < 0;
    if (expired) ctx.warnings.push(expiredWarning(expiryDateIso, ref, layout.expiryDate));
  }
  const specimen = ctx.specimenField !== null;
  if (ctx.specimenField !== null) ctx.warnings.push(specimenWarning(ctx.specimenField));

  const document: MrzDocument = {
    lines: lines as string[],
    documentCode,
    issuingState: issuing,
    documentNumber: number.number,
    documentNumberOverflow: number.overflow,
    nationality,
    birthDate: field(lines, layout.birthDate),
    expiryDate: field(lines, layout.expiryDate),
    sex,
    surname: name.surname,
    givenNames: name.givenNames,
    primaryIdentifier: name.primary,
    secondaryIdentifier: name.secondary,
    nameMayBeTruncated: name.truncated,
    optionalData,
    optionalData2,
    birthDateIso: birth.valid && birth.year !== null ? isoDate(birth.year, birth.month, birth.month === null ? null : birth.day) : null,
    birthDateParts: { year: birth.year, month: birth.month, day: birth.day },
    birthDateUnknown: birth.unknown,
    expiryDateIso,
    age: birth.valid ? ageAt(birth.year, birth.month, birth.day, ref) : null,
    expired,
    specimen,
  };
  // Repair suggestions only when a check digit failed (never on the happy path).
  const suggestions = ctx.failedChecks === null ? [] : suggestRepairs(lines, ctx.failedChecks, fieldCheckedSpans(layout, number.optionalStart));
  return { ok: ctx.errors.length === 0, format: layout.format, document, errors: ctx.errors, warnings: ctx.warnings, suggestions, lines: lines as string[] };
}

function field(lines: readonly string[], span: MrzSpan): string {
  return lines[span.line]!.slice(span.start, span.end);
}

/** Spans covered by some field check digit (the rest of a composite's cover is composite-only). */
function fieldCheckedSpans(layout: MrzLayout, optionalStart: number): MrzSpan[] {
  const spans = [layout.documentNumber, layout.documentNumberCheck, layout.birthDate, layout.birthDateCheck, layout.expiryDate, layout.expiryDateCheck];
  if (layout.optionalDataCheck !== null) spans.push(layout.optionalData, layout.optionalDataCheck);
  // A long number's continuation and its check digit are covered by the number's digit.
  else if (optionalStart > layout.optionalData.start) spans.push({ line: layout.optionalData.line, start: layout.optionalData.start, end: optionalStart - 1 });
  return spans;
}

function unsupportedShape(lines: string[], refIssue: MrzIssue | null): MrzResult {
  const errors: MrzIssue[] = refIssue === null ? [] : [refIssue];
  for (let l = 0; l < lines.length && errors.length < 64; l++) {
    const line = lines[l]!;
    let i = 0;
    while (i < line.length && errors.length < 64) {
      if (mrzCodeValue(line.charCodeAt(i)) >= 0) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < line.length && mrzCodeValue(line.charCodeAt(j)) < 0) j++;
      errors.push({ code: 'CHARSET_INVALID', message: `${describeChars(line.slice(i, j))} not in the MRZ alphabet A–Z, 0–9, < (ICAO 9303-3 §4.3)`, range: { line: l + 1, start: i + 1, end: j } });
      i = j;
    }
  }
  const lengths = lines.map((l) => l.length).join(', ');
  errors.push({
    code: 'SHAPE_UNSUPPORTED',
    message: `${lines.length} line(s) of ${lengths} characters match no MRZ format: TD1 is 3×30, TD2/MRV-B/PU 2×36, TD3/MRV-A 2×44 (ICAO 9303-4..8)`,
  });
  return failed(lines, errors);
}
