/**
 * Register of the known disagreement classes between the project's MRZ engine and `mrz@5.0.2`
 * (icao-9303.md §15.5). Every disagreement the differential test sees must fall into one of these
 * classes; each names the ICAO 9303 rule that decides it (in every class here, Doc 9303 sides with
 * the engine). Each class carries one recorded example that must still disagree exactly as recorded,
 * so an upgrade of `mrz` that fixes a class shows up as a failing example: re-run and update.
 */

export type Verdict = 'valid' | 'invalid' | 'throws';

export interface DisagreementClass {
  /** Stable id, `mrz-15.5-<item>`. */
  id: string;
  /** Item number in icao-9303.md §15.5. */
  item: number;
  title: string;
  /** The ICAO 9303 rule that decides the class. */
  rule: string;
  /** What the engine does (and why that follows the rule). */
  engine: string;
  /** One input that shows the class (lines as fed to both), with both verdicts. */
  example: { input: string | string[]; engine: Verdict; mrz: Verdict; engineCodes?: string[]; autocorrect?: boolean; policy?: Record<string, boolean> };
  /** Produced by the generated run (false: only the example shows it, e.g. autocorrect). */
  inRun: boolean;
}

export const MRZ_ORACLE_REGISTER: readonly DisagreementClass[] = [
  {
    id: 'mrz-15.5-1',
    item: 1,
    title: 'No MRV-A / MRV-B: visas parsed as TD3/TD2 and rejected',
    rule: 'ICAO 9303-7 §4.2.2/§5.2.2: visas have no personal-number check digit and no composite; MRV-B optional data is 29–36',
    engine: 'detects MRV-A/MRV-B by shape and document code V; valid',
    example: { input: ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<'], engine: 'valid', mrz: 'invalid' },
    inRun: true,
  },
  {
    id: 'mrz-15.5-2',
    item: 2,
    title: 'No PU emergency travel document (TD2 code rule rejects P)',
    rule: 'ICAO 9303-8: single-sheet ETD MRZ in TD2 layout with document code PU',
    engine: 'accepts PU on 2×36 lines, reports format TD2',
    example: { input: ['PUUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F2606277<<<<<<<8'], engine: 'valid', mrz: 'invalid' },
    inRun: true,
  },
  {
    id: 'mrz-15.5-3',
    item: 3,
    title: 'A digit in positions 31–35 of a 36-character line 1 routes a TD2 to the French ID parser',
    rule: 'ICAO 9303-6 §4.2.2: line 1 positions 6–36 are the name (letters and <); a digit there is a name error, not another format',
    engine: 'parses as TD2 and rejects the digit in the name (NAME_SYNTAX)',
    example: { input: ['I<D<<ERIKSSON<<ANNA<MARIA<<<<<<0<<<<', 'D231458907D<<7408122F3001019<<<<<<<2'], engine: 'invalid', mrz: 'invalid', engineCodes: ['NAME_SYNTAX', 'NAME_SYNTAX'] },
    inRun: true,
  },
  {
    id: 'mrz-15.5-4',
    item: 4,
    title: 'No transport normalisation: a trailing newline or trailing spaces make mrz throw',
    rule: 'icao-9303.md §1 (transport normalisation: split on CR/LF/CR LF, strip trailing spaces, drop empty lines); ICAO 9303-3 §4.3 defines only the MRZ characters',
    engine: 'normalises transport and parses',
    example: { input: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n', engine: 'valid', mrz: 'throws' },
    inRun: true,
  },
  {
    id: 'mrz-15.5-5',
    item: 5,
    title: 'No character-set check on the document number (lowercase g–p count as 0–9)',
    rule: 'ICAO 9303-3 §4.3: MRZ characters are A–Z, 0–9 and < only',
    engine: 'CHARSET_INVALID at the character',
    example: { input: ['P<D<<ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8989g2C36D<<7408122F3001019ZE184226B<<<<<16'], engine: 'invalid', mrz: 'valid', engineCodes: ['CHARSET_INVALID'] },
    inRun: true,
  },
  {
    id: 'mrz-15.5-6',
    item: 6,
    title: 'Whitespace counts as 0 in a check-digit slot (final composite 0 written as a space)',
    rule: 'ICAO 9303-3 §4.9: a check digit is a digit 0–9; a space is not an MRZ character (§4.3)',
    engine: 'the trailing space is transport (stripped), so the line is one character short: SHAPE_UNSUPPORTED',
    example: { input: ['P<D<<ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C69D<<7408122F3001019ZE184226B<<<<<1 '], engine: 'invalid', mrz: 'valid', engineCodes: ['SHAPE_UNSUPPORTED'] },
    inRun: true,
  },
  {
    id: 'mrz-15.5-7',
    item: 7,
    title: 'Missing long-number check digit passes when the computed value is 0',
    rule: 'ICAO 9303-5 §4.2.4 note j / 9303-6 note j: after < in the slot come the continuation, the check digit of the whole number, then <',
    engine: 'LONG_NUMBER_MALFORMED',
    example: { input: ['I<NLDXR4701K28<<<<<<<<<<<<<<<<', '7408122F3001019NLD<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'], engine: 'invalid', mrz: 'valid', engineCodes: ['LONG_NUMBER_MALFORMED'] },
    inRun: true,
  },
  {
    id: 'mrz-15.5-8',
    item: 8,
    title: 'Legacy long-number check digit (< of the slot included) accepted silently',
    rule: 'ICAO 9303-5 §4.2.4 note j: the check digit covers principal + continuation, excluding the slot; legacy TD1 cards are a policy deviation (icao-9303.md §12)',
    engine: 'LONG_NUMBER_LEGACY_CHECK_DIGIT (error by default; warning under allowLegacyLongNumberCheckDigit); on TD2 a plain CHECK_DIGIT_MISMATCH',
    example: { input: ['I<NLDXR4701K25<6315<<<<<<<<<<<', '7408122F3001019NLD<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'], engine: 'invalid', mrz: 'valid', engineCodes: ['LONG_NUMBER_LEGACY_CHECK_DIGIT'] },
    inRun: true,
  },
  {
    id: 'mrz-15.5-9',
    item: 9,
    title: 'Long-number continuation and its check digit left in the optional data',
    rule: 'ICAO 9303-5 §4.2.4 note j: the continuation belongs to the document number; the optional data starts after the terminating <',
    engine: 'documentNumber holds the whole number, optionalData only what follows',
    example: { input: ['I<NLDXR4701K25<6319<<<<<<<<<<<', '7408122F3001019NLD<<<<<<<<<<<8', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'], engine: 'valid', mrz: 'valid' },
    inRun: true,
  },
  {
    id: 'mrz-15.5-10',
    item: 10,
    title: 'Day checked only against 1–31 (no month lengths, no leap years)',
    rule: 'ICAO 9303-3 §4.8: dates are Gregorian calendar dates',
    engine: 'DATE_INVALID',
    example: { input: ['P<D<<ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36D<<8502304F3001019ZE184226B<<<<<16'], engine: 'invalid', mrz: 'valid', engineCodes: ['DATE_INVALID'] },
    inRun: true,
  },
  {
    id: 'mrz-15.5-11',
    item: 11,
    title: 'Fillers accepted in every date (expiry <<<<<<, half-filled birth groups)',
    rule: 'ICAO 9303-3 §4.8: only the date of birth may hold unknown parts, each group two digits or <<; all-filler expiry is a policy deviation (icao-9303.md §12)',
    engine: 'EXPIRY_UNKNOWN (deviation) or DATE_SYNTAX',
    example: { input: ['P<D<<ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36D<<7408122F<<<<<<0ZE184226B<<<<<10'], engine: 'invalid', mrz: 'valid', engineCodes: ['EXPIRY_UNKNOWN'] },
    inRun: true,
  },
  {
    id: 'mrz-15.5-12',
    item: 12,
    title: 'No century inference and no expiry-after-birth check',
    rule: 'ICAO 9303-3 §4.8 (two-digit years; icao-9303.md §8.3 century inference): a document cannot expire on or before its holder is born',
    engine: 'EXPIRY_NOT_AFTER_BIRTH',
    example: { input: ['P<D<<ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36D<<9001011F8501019ZE184226B<<<<<16'], engine: 'invalid', mrz: 'valid', engineCodes: ['EXPIRY_NOT_AFTER_BIRTH'] },
    inRun: true,
  },
  {
    id: 'mrz-15.5-13',
    item: 13,
    title: 'Name structure not validated (<<<, second <<, leading <, empty primary, all fillers)',
    rule: 'ICAO 9303-3 §4.6: primary identifier (mandatory), <<, secondary identifier, components separated by one <',
    engine: 'NAME_SYNTAX / NAME_EMPTY / PRIMARY_IDENTIFIER_EMPTY',
    example: { input: ['P<D<<NOVAK<<<PETRA<<<<<<<<<<<<<<<<<<<<<<<<<<', 'L898902C36D<<7408122F3001019ZE184226B<<<<<16'], engine: 'invalid', mrz: 'valid', engineCodes: ['NAME_SYNTAX'] },
    inRun: true,
  },
  {
    id: 'mrz-15.5-14',
    item: 14,
    title: 'Primary-only name without << copied into both surname and given names',
    rule: 'ICAO 9303-3 §4.6: a name with only a primary identifier has an empty secondary identifier',
    engine: 'surname = the name, givenNames empty',
    example: { input: ['P<D<<ABCDEFGHIJKLMNOPQRSTUVWXYZ<ABCDEFGHIJKL', 'L898902C36D<<7408122F3001019ZE184226B<<<<<16'], engine: 'valid', mrz: 'valid' },
    inRun: true,
  },
  {
    id: 'mrz-15.5-15',
    item: 15,
    title: 'Primary identifier filling the field up to a final << rejected',
    rule: 'ICAO 9303-3 §4.6 truncation rules: primary + << with an empty secondary identifier is valid',
    engine: 'valid, givenNames empty',
    example: { input: ['P<D<<ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJK<<', 'L898902C36D<<7408122F3001019ZE184226B<<<<<16'], engine: 'valid', mrz: 'invalid' },
    inRun: true,
  },
  {
    id: 'mrz-15.5-16',
    item: 16,
    title: 'UTO and XMP missing from the package\'s state list',
    rule: 'ICAO 9303-3 §5: UTO is the specimen State; XMP (Parliamentary Assembly of the Mediterranean) is in the ICAO list',
    engine: 'valid; UTO sets specimen and a SPECIMEN_DOCUMENT warning',
    example: { input: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3001019ZE184226B<<<<<16'], engine: 'valid', mrz: 'invalid' },
    inRun: true,
  },
  {
    id: 'mrz-15.5-17',
    item: 17,
    title: 'XXK accepted as an ordinary code',
    rule: 'ICAO 9303-3 §5: XXK is not a Doc 9303 code (policy deviation, icao-9303.md §12)',
    engine: 'STATE_CODE_XXK (error by default; warning under allowXxk)',
    example: { input: ['P<D<<ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36XXK7408122F3001019ZE184226B<<<<<16'], engine: 'invalid', mrz: 'valid', engineCodes: ['STATE_CODE_XXK'] },
    inRun: true,
  },
  {
    id: 'mrz-15.5-18',
    item: 18,
    title: 'Document-code rules incomplete: TD1 AI and TD2 AC accepted; on TD1/TD2 any second character but V passes (digits, lowercase, NUL)',
    rule: 'ICAO 9303-5 §4.2.2 (TD1: second character a letter or <, not V, not AI; AC only for the crew member certificate) and 9303-6 §4.2.2 (TD2: likewise, not AC)',
    engine: 'DOCUMENT_CODE_INVALID (CHARSET_INVALID for a non-MRZ second character)',
    example: { input: ['AID<<D231458907<<<<<<<<<<<<<<<', '7408122F3001019D<<<<<<<<<<<<<2', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'], engine: 'invalid', mrz: 'valid', engineCodes: ['DOCUMENT_CODE_INVALID'] },
    inRun: true,
  },
  {
    id: 'mrz-15.5-19',
    item: 19,
    title: 'Sex X: rejected by both by default; accepted with a warning under the allowSexX policy',
    rule: 'ICAO 9303-4 §4.2.2: MRZ sex is M, F or <; X is the VIZ spelling (policy deviation, icao-9303.md §12)',
    engine: 'SEX_X error by default; with allowSexX valid, sex <, warning SEX_X',
    example: { input: ['P<D<<ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36D<<7408122X3001019ZE184226B<<<<<16'], engine: 'valid', mrz: 'invalid', policy: { allowSexX: true } },
    inRun: true,
  },
  {
    id: 'mrz-15.5-20',
    item: 20,
    title: 'autocorrect: true rewrites names and codes without any check digit to confirm it',
    rule: 'ICAO 9303-3 §4.9 / icao-9303.md §11: names, codes and sex have no check digit; a repair is only a check-digit-guided suggestion, never applied',
    engine: 'never rewrites; NAME_SYNTAX for the digit, no suggestion for names',
    example: { input: ['P<D<<N0VAK<<PETRA<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'L898902C36D<<7408122F3001019ZE184226B<<<<<16'], engine: 'invalid', mrz: 'valid', engineCodes: ['NAME_SYNTAX'], autocorrect: true },
    inRun: false,
  },
];
