/**
 * Fast path of `parseMrz` for the usual case at a lane: a clean, valid document given as its 2 or 3
 * lines (an array, or one string with LF between the lines). The general reader (a `ParseContext`,
 * one reader per field, each able to name every error) costs about 1.5 µs per document, spread
 * over many small steps; this one makes one charset pass that copies the codes into a byte buffer
 * (`loadCodes`, mrz-code-buffer.ts), checks every field off that buffer (clean-field-checks.ts,
 * clean-name.ts) without a context, issue lists or per-field objects, and builds the same
 * `MrzResult`.
 *
 * It only ever *accepts*: at the first deviation of any kind (a character outside `A–Z 0–9 <`
 * (9303-3 §4.3), a failed or non-digit check digit (§4.9), an invalid code, State, date or name, a
 * policy deviation, a transport variant such as CR or trailing spaces, anything it does not
 * handle) it returns `null` and `parseMrz` runs the general reader, which finds and names the
 * problem. A result from here must be identical to the general reader's, property order included;
 * `read-clean-mrz.test.ts` compares both over 120,000 generated, mutated, policy-switched inputs.
 * Because it accepts no deviation, the policy never changes its result (every switch only turns a
 * deviation's error into a warning), so it runs under any policy. The warnings a valid document can
 * carry without a deviation (expired, specimen, non-harmonised passport code) are built by the
 * same functions as in the general reader (document-warnings.ts).
 */
import { ageAt } from './age-at.js';
import { compareYmd, isoDate } from './calendar.js';
import {
  birthDateHolds,
  cleanRead,
  compositeHolds,
  documentCodeVerdict,
  documentNumberEnd,
  expiryDateHolds,
  optionalDataHolds,
  sexAt,
  stateCode,
  trimmedEnd,
} from './clean-field-checks.js';
import { readCleanName } from './clean-name.js';
import { detectLayout } from './detect-format.js';
import { expiredWarning, notHarmonisedWarning, specimenWarning } from './document-warnings.js';
import type { MrzIssue } from './mrz-issue.js';
import { compositeWeightsOf, loadCodes } from './mrz-code-buffer.js';
import { MRVA_LAYOUT, TD1_LAYOUT, TD2_LAYOUT, TD3_LAYOUT, type MrzLayout } from './mrz-layouts.js';
import type { MrzDatePart, MrzDocument, MrzResult } from './mrz-result.js';
import type { ReferenceDate } from './reference-date.js';
import { STATE_ISSUER, STATE_NATIONALITY, STATE_SPECIMEN } from './state-code-table.js';

/**
 * Reads `input` when it is a clean, valid document given as 2 or 3 lines — an array of strings, or
 * one string with the lines separated by LF (one final LF allowed, as readers send it); `null` for
 * anything else (the caller then runs the general reader, which also handles CR, spaces and every
 * other transport variant). Never throws for strings and arrays of strings; the caller guards
 * against hostile arrays (proxies, getters).
 */
export function readCleanMrz(input: unknown, ref: ReferenceDate): MrzResult | null {
  if (typeof input === 'string') return readCleanText(input, ref);
  return Array.isArray(input) ? readCleanArray(input, ref) : null;
}

function readCleanArray(input: readonly unknown[], ref: ReferenceDate): MrzResult | null {
  const n = input.length;
  if (n !== 2 && n !== 3) return null;
  const l0 = input[0];
  const l1 = input[1];
  if (typeof l0 !== 'string' || typeof l1 !== 'string') return null;
  if (n === 2) return readLines([l0, l1], ref);
  const l2 = input[2];
  return typeof l2 === 'string' ? readLines([l0, l1, l2], ref) : null;
}

/** The longest clean MRZ text: TD1, 3 × 30 characters, two LFs and a final LF. */
const MAX_CLEAN_TEXT = 3 * 30 + 3;

function readCleanText(text: string, ref: ReferenceDate): MrzResult | null {
  // Like the general reader's 512-character cap: no work at all on long input.
  if (text.length > MAX_CLEAN_TEXT) return null;
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  const a = text.indexOf('\n');
  if (a < 0 || a >= end) return null;
  const b = text.indexOf('\n', a + 1);
  if (b < 0 || b >= end) return readLines([text.slice(0, a), text.slice(a + 1, end)], ref);
  const c = text.indexOf('\n', b + 1);
  if (c >= 0 && c < end) return null;
  return readLines([text.slice(0, a), text.slice(a + 1, b), text.slice(b + 1, end)], ref);
}

/**
 * Lines of MRZ characters are exactly what transport normalisation keeps (no CR, no trailing space,
 * no empty line); a line with anything else fails a field test below and goes to the general reader.
 */
function readLines(lines: string[], ref: ReferenceDate): MrzResult | null {
  const layout = detectLayout(lines);
  return layout === null ? null : readLayout(lines, layout, ref);
}

const TD1_WEIGHTS = compositeWeightsOf(TD1_LAYOUT);
const TD2_WEIGHTS = compositeWeightsOf(TD2_LAYOUT);
const TD3_WEIGHTS = compositeWeightsOf(TD3_LAYOUT);
const NO_WEIGHTS = compositeWeightsOf(MRVA_LAYOUT);

/** Composite weights per layout, made once (the visas have no composite: all zero). */
function compositeWeights(layout: MrzLayout): Uint8Array {
  return layout === TD3_LAYOUT ? TD3_WEIGHTS : layout === TD1_LAYOUT ? TD1_WEIGHTS : layout === TD2_LAYOUT ? TD2_WEIGHTS : NO_WEIGHTS;
}

/**
 * Checks every field (any failure: `null`), then builds the result. One long function on purpose:
 * the result literal needs nearly every value read, and the checks leave theirs in locals.
 */
function readLayout(lines: string[], layout: MrzLayout, ref: ReferenceDate): MrzResult | null {
  const compositeSum = loadCodes(lines, layout.name, compositeWeights(layout));
  if (compositeSum < 0) return null;
  const code = documentCodeVerdict(layout);
  if (code < 0) return null;
  const issuingSpan = layout.issuingState;
  const issuingState = stateCode(lines, issuingSpan, STATE_ISSUER);
  if (issuingState === null) return null;
  const issuerFlags = cleanRead.flags;
  const nameSpan = layout.name;
  const name = readCleanName(lines[nameSpan.line]!, nameSpan);
  if (name === null) return null;
  const numberSpan = layout.documentNumber;
  const numberEnd = documentNumberEnd(layout);
  if (numberEnd < 0) return null;
  const nationalitySpan = layout.nationality;
  const nationality = stateCode(lines, nationalitySpan, STATE_NATIONALITY);
  if (nationality === null) return null;
  const nationalityFlags = cleanRead.flags;
  if (!birthDateHolds(layout, ref)) return null;
  const sex = sexAt(layout);
  if (sex === null || !expiryDateHolds(layout, ref)) return null;
  const optSpan = layout.optionalData;
  const optStart = cleanRead.optionalStart;
  const optEnd = trimmedEnd(optSpan, optStart);
  if (!optionalDataHolds(layout, optEnd === optStart) || !compositeHolds(layout, compositeSum)) return null;
  const { birthY, birthM, birthD, expiryY, expiryM, expiryD } = cleanRead;
  // 9303-3 §4.8: expiry on or before the earliest possible birth date is an error.
  if (birthY >= 0 && compareYmd(expiryY, expiryM, expiryD, birthY, birthM < 0 ? 1 : birthM, birthD < 0 ? 1 : birthD) <= 0) return null;

  const codeSpan = layout.documentCode;
  const documentCode = lines[codeSpan.line]!.slice(codeSpan.start, codeSpan.end);
  const expiryDateIso = isoDate(expiryY, expiryM, expiryD);
  const expired = compareYmd(expiryY, expiryM, expiryD, ref.y, ref.m, ref.d) < 0;
  // The issuing State is read first, so it names the specimen when both fields hold UTO.
  const specimenField = (issuerFlags & STATE_SPECIMEN) !== 0 ? 'issuingState' : (nationalityFlags & STATE_SPECIMEN) !== 0 ? 'nationality' : null;
  const warnings = warningsOf(
    code === 1 ? notHarmonisedWarning(documentCode, codeSpan) : null,
    expired ? expiredWarning(expiryDateIso, ref, layout.expiryDate) : null,
    specimenField === null ? null : specimenWarning(specimenField),
  );
  const numberLine = lines[numberSpan.line]!;
  const optLine = lines[optSpan.line]!;
  const continuationEnd = cleanRead.continuationEnd;
  const year = birthY < 0 ? null : birthY;
  const month = birthM < 0 ? null : birthM;
  const day = birthD < 0 ? null : birthD;
  const unknown = unknownParts(year === null, month === null, day === null);
  const bs = layout.birthDate;
  const es = layout.expiryDate;
  const span2 = layout.optionalData2;
  let optionalData2: string | null = null;
  if (span2 !== null) {
    const end2 = trimmedEnd(span2, span2.start);
    optionalData2 = end2 > span2.start ? lines[span2.line]!.slice(span2.start, end2) : '';
  }
  // Same properties in the same order as the general reader's literal (parse-mrz.ts): one hidden
  // class for every result, and JSON-identical output (the equivalence test compares both).
  const document: MrzDocument = {
    lines,
    documentCode,
    issuingState,
    documentNumber: continuationEnd === 0 ? numberLine.slice(numberSpan.start, numberEnd) : numberLine.slice(numberSpan.start, numberEnd) + optLine.slice(optSpan.start, continuationEnd),
    documentNumberOverflow: continuationEnd !== 0,
    nationality,
    birthDate: lines[bs.line]!.slice(bs.start, bs.end),
    expiryDate: lines[es.line]!.slice(es.start, es.end),
    sex,
    surname: name.surname,
    givenNames: name.givenNames,
    primaryIdentifier: name.primary,
    secondaryIdentifier: name.secondary,
    nameMayBeTruncated: name.truncated,
    optionalData: optEnd > optStart ? optLine.slice(optStart, optEnd) : '',
    optionalData2,
    birthDateIso: year === null ? null : isoDate(year, month, month === null ? null : day),
    birthDateParts: { year, month, day },
    birthDateUnknown: unknown,
    expiryDateIso,
    age: ageAt(year, month, day, ref),
    expired,
    specimen: specimenField !== null,
  };
  return { ok: true, format: layout.format, document, errors: [], warnings, suggestions: [], lines };
}

/*
 * Arrays are built as literals of their final length where the length is known, rather than by
 * `push` onto `[]`: the first push reserves room for 17 elements, a literal only what it holds
 * (garbage collection was about a tenth of a parse in the CPU profile).
 */

/** Warnings in the general reader's order: document code, expiry, specimen. */
function warningsOf(code: MrzIssue | null, expiry: MrzIssue | null, specimen: MrzIssue | null): MrzIssue[] {
  if (code === null && specimen === null) return expiry === null ? [] : [expiry];
  const out: MrzIssue[] = [];
  if (code !== null) out.push(code);
  if (expiry !== null) out.push(expiry);
  if (specimen !== null) out.push(specimen);
  return out;
}

/** `birthDateUnknown`: the parts printed as `<<`, in the order year, month, day (9303-3 §4.8). */
function unknownParts(year: boolean, month: boolean, day: boolean): MrzDatePart[] {
  // The usual patterns (nothing, day, month and day, everything unknown) as literals.
  if (!year && !month) return day ? ['day'] : [];
  if (day && month) return year ? ['year', 'month', 'day'] : ['month', 'day'];
  const out: MrzDatePart[] = [];
  if (year) out.push('year');
  if (month) out.push('month');
  if (day) out.push('day');
  return out;
}
