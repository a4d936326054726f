/**
 * Problems found in an MRZ are data (zod-style issues), never exceptions: a stable `code`, the field,
 * a message for people, and the range of the offending characters so the officer console can
 * underline them. Callers switch on `code`, never on `message`.
 */

/** Every issue code the engine can report. Stable: add codes, never rename or reuse them. */
export const MRZ_ISSUE_CODES = [
  // input and shape (ICAO 9303-3 §4.3–4.4; icao-9303.md §1–2)
  'INPUT_NOT_TEXT',
  'INPUT_TOO_LONG',
  'INPUT_EMPTY',
  'CHARSET_INVALID',
  'SHAPE_UNSUPPORTED',
  // document code (9303-4 §4.4, -5, -6, -7, -8)
  'DOCUMENT_CODE_INVALID',
  'DOCUMENT_CODE_NOT_HARMONISED',
  // issuing State / nationality (9303-3 §5)
  'STATE_CODE_SYNTAX',
  'STATE_CODE_UNKNOWN',
  'STATE_CODE_XXK',
  'SPECIMEN_DOCUMENT',
  // document number (9303-5/6 note j)
  'DOCUMENT_NUMBER_EMPTY',
  'LONG_NUMBER_MALFORMED',
  'LONG_NUMBER_LEGACY_CHECK_DIGIT',
  // check digits (9303-3 §4.9)
  'CHECK_DIGIT_SYNTAX',
  'CHECK_DIGIT_MISMATCH',
  // dates (9303-3 §4.8)
  'DATE_SYNTAX',
  'DATE_INVALID',
  'EXPIRY_UNKNOWN',
  'EXPIRY_NOT_AFTER_BIRTH',
  'DOCUMENT_EXPIRED',
  // sex (9303-4..7)
  'SEX_INVALID',
  'SEX_X',
  // name (9303-3 §4.6)
  'NAME_SYNTAX',
  'NAME_EMPTY',
  'PRIMARY_IDENTIFIER_EMPTY',
  // caller and engine faults, reported as issues because parseMrz never throws
  'REFERENCE_DATE_INVALID',
  'INTERNAL_ERROR',
] as const;

export type MrzIssueCode = (typeof MRZ_ISSUE_CODES)[number];

/** Fields an issue or a repair suggestion can point at. `composite` is the composite check digit. */
export type MrzFieldName =
  | 'documentCode'
  | 'issuingState'
  | 'name'
  | 'documentNumber'
  | 'nationality'
  | 'birthDate'
  | 'sex'
  | 'expiryDate'
  | 'optionalData'
  | 'optionalData2'
  | 'composite';

/**
 * Characters of the normalised MRZ lines (`MrzResult.lines`): `line` 1-based, `start`/`end` 1-based
 * columns, `end` inclusive — the convention of ICAO 9303 tables.
 */
export interface MrzRange {
  line: number;
  start: number;
  end: number;
}

export interface MrzIssue {
  code: MrzIssueCode;
  field?: MrzFieldName;
  message: string;
  range?: MrzRange;
}
