/**
 * The differential comparison between the engine and the `mrz` package (icao-9303.md §15.4): run both,
 * map the package's value conventions (§15.1), and explain every disagreement by a class of the
 * register. Shared by the oracle test and its report.
 */
import { parse, type ParseResult } from 'mrz';
import { checkDigit, parseMrz, type MrzIssue, type MrzPolicy, type MrzResult } from '@aspk/shared';
import type { Verdict } from './mrz-oracle-register.js';
import { ORACLE_REFERENCE_DATE } from './mrz-arbitraries.js';

export interface OracleCase {
  label: string;
  /** What both receive: the lines as an array (normalised), or a raw string for the transport classes. */
  input: string | string[];
  policy?: Partial<MrzPolicy>;
  autocorrect?: boolean;
}

export interface OracleOutcome {
  engine: MrzResult;
  mrz: ParseResult | null;
  mrzVerdict: Verdict;
  engineVerdict: Verdict;
  /** Register ids of the classes that explain the disagreements seen. */
  classes: Set<string>;
  /** Disagreements no class explains (each fails the test). */
  unexplained: string[];
}

const id = (item: number): string => `mrz-15.5-${item}`;

export function runOracle(c: OracleCase): OracleOutcome {
  const engine = parseMrz(c.input, { referenceDate: ORACLE_REFERENCE_DATE, ...(c.policy ? { policy: c.policy } : {}) });
  let mrz: ParseResult | null = null;
  try {
    mrz = parse(c.input, { autocorrect: c.autocorrect ?? false });
  } catch {
    mrz = null;
  }
  const mrzVerdict: Verdict = mrz === null ? 'throws' : mrz.valid ? 'valid' : 'invalid';
  const engineVerdict: Verdict = engine.ok ? 'valid' : 'invalid';
  const out: OracleOutcome = { engine, mrz, mrzVerdict, engineVerdict, classes: new Set(), unexplained: [] };
  if (mrz === null) {
    if (engine.ok) explainThrow(c, out);
    return out;
  }
  if (mrz.format === 'FRENCH_NATIONAL_ID') {
    // §15.5 item 3: the package left ICAO 9303 altogether; nothing else about this input is comparable.
    if (engine.format === 'TD2' || engine.format === 'MRVB') out.classes.add(id(3));
    else out.unexplained.push('mrz chose FRENCH_NATIONAL_ID for a non-TD2 shape');
    return out;
  }
  if (engine.ok && !mrz.valid) explainMrzReject(c, engine, mrz, out);
  else if (!engine.ok && mrz.valid) for (const e of engine.errors) explainEngineReject(c, engine, e, out);
  else if (engine.ok && mrz.valid) compareFields(engine, mrz, out);
  return out;
}

function explainThrow(c: OracleCase, out: OracleOutcome): void {
  // §15.5 item 4: only a raw string with transport noise makes the package throw on a readable MRZ.
  if (typeof c.input === 'string' && /(^|[\r\n])[\r\n]|[\r\n]$| +($|[\r\n])/.test(c.input)) out.classes.add(id(4));
  else out.unexplained.push('mrz threw on an input the engine accepts');
}

function explainMrzReject(c: OracleCase, engine: MrzResult, mrz: ParseResult, out: OracleOutcome): void {
  const doc = engine.document!;
  if (engine.format === 'MRVA' || engine.format === 'MRVB') {
    out.classes.add(id(1));
    return;
  }
  if (doc.documentCode === 'PU') {
    out.classes.add(id(2));
    return;
  }
  for (const d of mrz.details) {
    if (d.valid) continue;
    const raw = ((d.ranges[0] as { raw?: string } | undefined)?.raw ?? '').replace(/<+$/, '');
    if ((d.field === 'issuingState' || d.field === 'nationality') && (raw === 'UTO' || raw === 'XMP')) out.classes.add(id(16));
    else if (d.field === 'firstName' && doc.secondaryIdentifier.length === 0 && fillsUpToFinalSeparator(nameField(engine))) out.classes.add(id(15));
    else if (d.field === 'sex' && c.policy?.allowSexX === true && engine.warnings.some((w) => w.code === 'SEX_X')) out.classes.add(id(19));
    else out.unexplained.push(`mrz rejects ${d.field ?? d.label} (${d.error ?? ''}) where the engine accepts`);
  }
}

function explainEngineReject(c: OracleCase, engine: MrzResult, e: MrzIssue, out: OracleOutcome): void {
  const doc = engine.document;
  const chars = e.range ? engine.lines[e.range.line - 1]?.slice(e.range.start - 1, e.range.end) ?? '' : '';
  switch (e.code) {
    case 'CHARSET_INVALID':
      if (e.field === 'documentNumber') return void out.classes.add(id(5));
      if (e.field === 'documentCode' && e.range?.start === 2 && isIdCard(engine)) return void out.classes.add(id(18));
      break;
    case 'SHAPE_UNSUPPORTED':
      // The package read a trailing space of the final composite slot as 0 (item 6).
      if (Array.isArray(c.input) && c.input.some((l) => / $/.test(l))) return void out.classes.add(id(6));
      break;
    case 'DATE_INVALID':
      return void out.classes.add(id(10));
    case 'EXPIRY_UNKNOWN':
      return void out.classes.add(id(11));
    case 'DATE_SYNTAX':
      if (chars.includes('<')) return void out.classes.add(id(11));
      break;
    case 'EXPIRY_NOT_AFTER_BIRTH':
      return void out.classes.add(id(12));
    case 'NAME_SYNTAX':
    case 'NAME_EMPTY':
    case 'PRIMARY_IDENTIFIER_EMPTY':
      if (c.autocorrect === true) return void out.classes.add(id(20));
      return void out.classes.add(id(13));
    case 'STATE_CODE_XXK':
      return void out.classes.add(id(17));
    case 'DOCUMENT_CODE_INVALID':
      // The package checks only the first character (A, C, I) and a second character other than V.
      if (isIdCard(engine)) return void out.classes.add(id(18));
      break;
    case 'LONG_NUMBER_LEGACY_CHECK_DIGIT':
      return void out.classes.add(id(8));
    case 'LONG_NUMBER_MALFORMED':
      return void out.classes.add(id(7));
    case 'CHECK_DIGIT_MISMATCH':
      if (e.field === 'documentNumber' && doc?.documentNumberOverflow && legacyDigitMatches(engine)) return void out.classes.add(id(8));
      break;
    default:
      break;
  }
  out.unexplained.push(`engine rejects with ${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message}; mrz accepts`);
}

/** TD1/TD2 shape with a first character the package accepts (A, C, I). */
function isIdCard(engine: MrzResult): boolean {
  return (engine.format === 'TD1' || engine.format === 'TD2') && 'ACI'.includes(engine.lines[0]!.charAt(0)) && engine.lines[0]!.charAt(1) !== 'V';
}

/** The long number's digit equals the legacy variant (slot `<` included), icao-9303.md §5. */
function legacyDigitMatches(engine: MrzResult): boolean {
  const doc = engine.document!;
  const principal = doc.documentNumber.slice(0, 9);
  const cont = doc.documentNumber.slice(9);
  const line = engine.format === 'TD1' ? doc.lines[0]! : doc.lines[1]!;
  const start = engine.format === 'TD1' ? 15 : 28;
  return String(checkDigit(`${principal}<${cont}`)) === line.charAt(start + cont.length);
}

const spaced = (s: string | null): string => (s ?? '').replaceAll('<', ' ').trimEnd();

function compareFields(engine: MrzResult, mrz: ParseResult, out: OracleOutcome): void {
  const doc = engine.document!;
  const f = mrz.fields;
  const sexes: Record<string, string> = { M: 'male', F: 'female', '<': 'nonspecified' };
  const check = (name: string, ours: string | null, theirs: string | null | undefined, explain?: () => number | null): void => {
    if ((ours ?? '') === (theirs ?? '')) return;
    const item = explain?.() ?? null;
    if (item !== null) out.classes.add(id(item));
    else out.unexplained.push(`${name}: engine ${JSON.stringify(ours)} vs mrz ${JSON.stringify(theirs)}`);
  };
  check('documentCode', doc.documentCode.replace(/<$/, ''), f.documentCode);
  check('issuingState', doc.issuingState, f.issuingState);
  check('nationality', doc.nationality, f.nationality);
  check('documentNumber', spaced(doc.documentNumber), mrz.documentNumber);
  check('birthDate', doc.birthDate, f.birthDate);
  check('expiryDate', doc.expiryDate, f.expirationDate);
  check('sex', doc.sex === null ? null : sexes[doc.sex]!, f.sex);
  check('surname', doc.surname, f.lastName);
  check('givenNames', doc.givenNames, f.firstName, () => (doc.secondaryIdentifier.length === 0 && !nameField(engine).includes('<<') ? 14 : null));
  const overflow = (): number | null => (doc.documentNumberOverflow ? 9 : null);
  if (engine.format === 'TD3') check('optionalData', spaced(doc.optionalData), f.personalNumber);
  if (engine.format === 'TD2') check('optionalData', spaced(doc.optionalData), f.optional, overflow);
  if (engine.format === 'TD1') {
    check('optionalData', spaced(doc.optionalData), f.optional1, overflow);
    check('optionalData2', spaced(doc.optionalData2), f.optional2);
  }
}

/** Primary identifier up to a final `<<` and nothing else (icao-9303.md §10 rule 5). */
function fillsUpToFinalSeparator(field: string): boolean {
  return field.endsWith('<<') && field.indexOf('<<') === field.length - 2;
}

function nameField(engine: MrzResult): string {
  const lines = engine.document!.lines;
  return engine.format === 'TD1' ? lines[2]! : lines[0]!.slice(5);
}
