/**
 * The warnings a valid document can carry without any policy deviation. Built here once so the
 * general reader (`parse-mrz.ts`, `read-document-code.ts`) and the clean-document fast path
 * (`read-clean-mrz.ts`) cannot drift apart in code, message or property order.
 */
import type { MrzFieldName, MrzIssue } from './mrz-issue.js';
import type { MrzSpan } from './mrz-layouts.js';
import { toRange } from './parse-context.js';
import type { ReferenceDate } from './reference-date.js';

/** Expired at the reference date: a warning, the document stays `ok` (the officer decides). */
export function expiredWarning(expiryDateIso: string, ref: ReferenceDate, span: MrzSpan): MrzIssue {
  return { code: 'DOCUMENT_EXPIRED', field: 'expiryDate', message: `document expired on ${expiryDateIso} (reference date ${ref.iso})`, range: toRange(span) };
}

/** `UTO` as issuing State or nationality (ICAO 9303-3 §5): a specimen, never a real traveller. */
export function specimenWarning(field: MrzFieldName): MrzIssue {
  return { code: 'SPECIMEN_DOCUMENT', field, message: 'UTO (Utopia) marks an ICAO specimen document, not a real one' };
}

/** Passport code whose second letter is outside the harmonised list of ICAO 9303-4 §4.4 (informational). */
export function notHarmonisedWarning(raw: string, span: MrzSpan): MrzIssue {
  return {
    code: 'DOCUMENT_CODE_NOT_HARMONISED',
    field: 'documentCode',
    message: `second letter of '${raw}' is not one of the harmonised P, E, D, O, R, T, S, L, M (ICAO 9303-4 §4.4); informational`,
    range: toRange(span),
  };
}
