import { describe, expect, it } from 'vitest';
import { encodeMrz, type MrzEncodeInput } from './encode-mrz.js';
import { parseMrz } from './parse-mrz.js';
import type { MrzResult } from './mrz-result.js';

const REF = { referenceDate: '2026-11-27' };

const SPECIMENS = {
  TD3: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
  TD1: ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'],
  TD2: ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'],
  PU: ['PUUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F2606277<<<<<<<8'],
  MRVA: ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<'],
  MRVB: ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109<<<<<<<<'],
};

const base: MrzEncodeInput = {
  format: 'TD3',
  documentCode: 'P',
  issuingState: 'KGZ',
  documentNumber: 'AC1234567',
  nationality: 'KGZ',
  birthDate: '850314',
  sex: 'M',
  expiryDate: '300101',
  surname: 'ZHAPAROV',
  givenNames: 'ASKAR',
};

function lines(over: Partial<MrzEncodeInput> = {}): string[] {
  return encodeMrz({ ...base, ...over }).split('\n');
}

function codes(r: MrzResult): string[] {
  return r.errors.map((e) => e.code);
}

/** Replaces characters that no check digit covers (codes, names, sex). */
function put(ls: string[], line: number, col1: number, text: string): string[] {
  const out = ls.slice();
  const l = out[line - 1]!;
  out[line - 1] = l.slice(0, col1 - 1) + text + l.slice(col1 - 1 + text.length);
  return out;
}

describe('parseMrz: ICAO 9303 specimens (icao-9303.md §4)', () => {
  it.each(Object.entries(SPECIMENS))('%s specimen is valid and read field by field', (name, mrz) => {
    const r = parseMrz(mrz, REF);
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.format).toBe(name === 'PU' ? 'TD2' : name);
    expect(r.document).toMatchObject({ issuingState: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', specimen: true, sex: 'F' });
    expect(r.warnings.map((w) => w.code)).toContain('SPECIMEN_DOCUMENT');
  });

  it('reads the TD3 fields with raw dates and derived values', () => {
    const d = parseMrz(SPECIMENS.TD3, REF).document!;
    expect(d).toMatchObject({
      documentCode: 'P<',
      documentNumber: 'L898902C3',
      nationality: 'UTO',
      birthDate: '740812',
      expiryDate: '120415',
      optionalData: 'ZE184226B',
      optionalData2: null,
      birthDateIso: '1974-08-12',
      expiryDateIso: '2012-04-15',
      age: 52,
      expired: true,
      primaryIdentifier: ['ERIKSSON'],
      secondaryIdentifier: ['ANNA', 'MARIA'],
      nameMayBeTruncated: false,
    });
  });

  it('an expired but well-formed document stays ok with a warning (§8.3)', () => {
    const r = parseMrz(SPECIMENS.TD3, REF);
    expect(r.ok).toBe(true);
    expect(r.warnings.find((w) => w.code === 'DOCUMENT_EXPIRED')?.range).toEqual({ line: 2, start: 22, end: 27 });
    const fresh = parseMrz(lines(), REF);
    expect(fresh.warnings).toEqual([]);
    expect(fresh.document!.expired).toBe(false);
  });
});

describe('transport normalisation (§1)', () => {
  const [l1, l2] = SPECIMENS.TD3 as [string, string];
  it.each([
    ['LF', `${l1}\n${l2}`],
    ['CR LF', `${l1}\r\n${l2}\r\n`],
    ['CR', `${l1}\r${l2}`],
    ['blank lines and trailing spaces', `\n\n${l1}   \n \n${l2}  \n\n`],
  ])('accepts %s', (_, text) => {
    expect(parseMrz(text, REF).ok).toBe(true);
  });

  it('reports a leading space, lowercase and NUL as charset errors at their columns', () => {
    const r = parseMrz([` ${l1.slice(1)}`, l2.slice(0, 3) + 'a' + l2.slice(4, 10) + '\u0000' + l2.slice(11)], REF);
    expect(r.ok).toBe(false);
    const charset = r.errors.filter((e) => e.code === 'CHARSET_INVALID');
    expect(charset.map((e) => [e.field, e.range])).toEqual([
      ['documentCode', { line: 1, start: 1, end: 1 }],
      ['documentNumber', { line: 2, start: 4, end: 4 }],
      ['nationality', { line: 2, start: 11, end: 11 }],
    ]);
    expect(r.document).not.toBeNull();
  });

  it('refuses input over 512 characters, empty input and non-text without throwing', () => {
    expect(codes(parseMrz('P'.repeat(513)))).toEqual(['INPUT_TOO_LONG']);
    expect(codes(parseMrz(new Array(600).fill('')))).toEqual(['INPUT_TOO_LONG']);
    expect(codes(parseMrz(' \n\r\n  '))).toEqual(['INPUT_EMPTY']);
    for (const junk of [null, undefined, 42, {}, [1, 2], [l1, null], Symbol('x'), () => 1]) {
      expect(codes(parseMrz(junk as unknown as string))).toEqual(['INPUT_NOT_TEXT']);
    }
  });

  it('rejects unsupported shapes with document null', () => {
    for (const bad of [[l1], [l1, l2.slice(1)], [l1, l2, l2], ['A'.repeat(40), 'A'.repeat(40)]]) {
      const r = parseMrz(bad, REF);
      expect(r.format).toBeNull();
      expect(r.document).toBeNull();
      expect(codes(r)).toContain('SHAPE_UNSUPPORTED');
    }
  });
});

describe('check digits (§3–4)', () => {
  it('reports every failing digit with the slot as range, not only the first', () => {
    const bad = put(put(SPECIMENS.TD3, 2, 10, '7'), 2, 20, '5');
    const r = parseMrz(bad, REF);
    expect(r.errors.map((e) => [e.code, e.field, e.range?.start])).toEqual([
      ['CHECK_DIGIT_MISMATCH', 'documentNumber', 10],
      ['CHECK_DIGIT_MISMATCH', 'birthDate', 20],
      ['CHECK_DIGIT_MISMATCH', 'composite', 44],
    ]);
  });

  it('never reads a space or a letter in a slot as 0', () => {
    const withSpace = parseMrz([SPECIMENS.TD3[0]!, SPECIMENS.TD3[1]!.slice(0, 43) + ' ' + 'X'].map((l) => l.slice(0, 44)), REF);
    expect(withSpace.ok).toBe(false);
    const letter = parseMrz(put(SPECIMENS.TD3, 2, 10, 'A'), REF);
    expect(codes(letter)).toContain('CHECK_DIGIT_SYNTAX');
  });

  it('TD3 position 43 may be < or 0 only when the personal number is empty', () => {
    expect(parseMrz(lines({ optionalData: '' }), REF).ok).toBe(true);
    const zero = lines({ optionalData: '' });
    expect(zero[1]!.charAt(42)).toBe('<');
    // '0' instead of '<' leaves the composite unchanged ('<' and '0' both count 0).
    expect(parseMrz(put(zero, 2, 43, '0'), REF).ok).toBe(true);
    expect(codes(parseMrz(put(zero, 2, 43, '5'), REF))).toContain('CHECK_DIGIT_MISMATCH');
  });
});

describe('long document numbers (§5)', () => {
  const td1 = (number: string): string[] => lines({ format: 'TD1', documentCode: 'I', issuingState: 'NLD', nationality: 'NLD', documentNumber: number });
  it('joins principal and continuation, strips them from the optional data', () => {
    const ls = td1('XR4701K25631');
    expect(ls[0]).toBe('I<NLDXR4701K25<6319<<<<<<<<<<<');
    const r = parseMrz(ls, REF);
    expect(r.ok).toBe(true);
    expect(r.document).toMatchObject({ documentNumber: 'XR4701K25631', documentNumberOverflow: true, optionalData: '' });
  });

  it('rejects the legacy (<-included) check digit unless the policy accepts it with a warning', () => {
    const legacy = td1('XR4701K25631');
    legacy[0] = 'I<NLDXR4701K25<6315<<<<<<<<<<<';
    // Composite over the edited line 1 (legacy cards compute it over the raw characters too).
    const fixed = encodeCompositeTd1(legacy);
    expect(codes(parseMrz(fixed, REF))).toEqual(['LONG_NUMBER_LEGACY_CHECK_DIGIT']);
    const ok = parseMrz(fixed, { ...REF, policy: { allowLegacyLongNumberCheckDigit: true } });
    expect(ok.ok).toBe(true);
    expect(ok.warnings.map((w) => w.code)).toContain('LONG_NUMBER_LEGACY_CHECK_DIGIT');
    expect(ok.document!.documentNumber).toBe('XR4701K25631');
  });

  it('accepts the Part 11 examples', () => {
    const td2 = parseMrz(['I<UTOSTEVENSON<<PETER<JOHN<<<<<<<<<<', 'D23145890<UTO3407127M95071227349<<<8'], { referenceDate: '1995-01-01' });
    expect(td2.errors).toEqual([]);
    expect(td2.document).toMatchObject({ documentNumber: 'D23145890734', optionalData: '' });
  });

  it.each([
    ['no continuation', 'I<NLDXR4701K28<<<<<<<<<<<<<<<<'],
    ['continuation to the end of the field', 'I<NLDXR4701K28<1234567890123456'.slice(0, 30)],
    ['fillers in the principal characters', 'I<NLDXR4701<<<<123<<<<<<<<<<<<'],
  ])('rejects a malformed long number: %s', (_, line1) => {
    const r = parseMrz(encodeCompositeTd1([line1, ...td1('XR4701K25').slice(1)]), REF);
    expect(codes(r)).toContain('LONG_NUMBER_MALFORMED');
  });

  it('a < in the number check-digit slot of a TD3 is an invalid check digit', () => {
    const r = parseMrz(put(lines(), 2, 10, '<'), REF);
    expect(codes(r)).toContain('CHECK_DIGIT_SYNTAX');
  });

  it('TD2 long numbers up to 14 characters', () => {
    const r = parseMrz(lines({ format: 'TD2', documentCode: 'ID', documentNumber: 'AB1234567890', optionalData: 'X1' }), REF);
    expect(r.errors).toEqual([]);
    expect(r.document).toMatchObject({ documentNumber: 'AB1234567890', optionalData: 'X1' });
  });
});

/** Recomputes the TD1 composite after an edit of line 1 (test helper, ICAO 9303-5 §4.2.4). */
function encodeCompositeTd1(ls: string[]): string[] {
  const [a, b, c] = ls as [string, string, string];
  const src = a.slice(5, 30) + b.slice(0, 7) + b.slice(8, 15) + b.slice(18, 29);
  let sum = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src.charCodeAt(i);
    const v = ch === 60 ? 0 : ch >= 65 ? ch - 55 : ch - 48;
    sum += v * [7, 3, 1][i % 3]!;
  }
  return [a, b.slice(0, 29) + String(sum % 10), c];
}

describe('document codes (§6)', () => {
  it.each([
    ['TD1 AI', { format: 'TD1', documentCode: 'AI' }, false],
    ['TD1 AC (crew member certificate)', { format: 'TD1', documentCode: 'AC' }, true],
    ['TD1 IV', { format: 'TD1', documentCode: 'IV' }, false],
    ['TD2 AC', { format: 'TD2', documentCode: 'AC' }, false],
    ['TD2 P<', { format: 'TD2', documentCode: 'P' }, false],
    ['TD2 PU', { format: 'TD2', documentCode: 'PU' }, true],
    ['TD3 P1', { format: 'TD3', documentCode: 'P1' }, false],
    ['TD3 PP', { format: 'TD3', documentCode: 'PP' }, true],
    ['TD3 I<', { format: 'TD3', documentCode: 'I' }, false],
    ['MRV-B VX', { format: 'MRVB', documentCode: 'VX' }, true],
  ] as const)('%s', (_, over, ok) => {
    const r = parseMrz(lines(over), REF);
    expect(r.ok).toBe(ok);
    if (!ok) expect(codes(r)).toEqual(['DOCUMENT_CODE_INVALID']);
  });

  it('flags a non-harmonised passport letter without rejecting it', () => {
    const r = parseMrz(lines({ documentCode: 'PX' }), REF);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['DOCUMENT_CODE_NOT_HARMONISED']);
  });
});

describe('sex (§7) and policy deviations (§12)', () => {
  const x = put(lines(), 2, 21, 'X');
  it('rejects X by default, accepts it as < with a warning under the policy', () => {
    expect(codes(parseMrz(x, REF))).toEqual(['SEX_X']);
    const r = parseMrz(x, { ...REF, policy: { allowSexX: true } });
    expect(r.ok).toBe(true);
    expect(r.document!.sex).toBe('<');
    expect(r.warnings.map((w) => w.code)).toEqual(['SEX_X']);
  });
  it('a deviation never masks another error', () => {
    const r = parseMrz(put(x, 2, 10, '0'), { ...REF, policy: { allowSexX: true } });
    expect(r.ok).toBe(false);
    expect(codes(r)).toContain('CHECK_DIGIT_MISMATCH');
  });
  it('rejects other sex characters', () => {
    expect(codes(parseMrz(put(lines(), 2, 21, 'Q'), REF))).toEqual(['SEX_INVALID']);
  });
  it('ignores junk in the policy object', () => {
    expect(parseMrz(x, { ...REF, policy: { allowSexX: 'yes' as unknown as boolean } }).ok).toBe(false);
  });
});

describe('dates (§8)', () => {
  it.each(['850230', '850229', '310431', '851301', '850000'])('rejects the impossible date of birth %s', (d) => {
    expect(codes(parseMrz(lines({ birthDate: d }), REF))).toEqual(['DATE_INVALID']);
  });
  it('accepts 29 February of a leap year, including 2000', () => {
    expect(parseMrz(lines({ birthDate: '840229' }), REF).ok).toBe(true);
    expect(parseMrz(lines({ birthDate: '000229' }), REF).document!.birthDateIso).toBe('2000-02-29');
  });
  it('reads unknown birth-date parts and reports them', () => {
    const r = parseMrz(lines({ birthDate: '85<<<<' }), REF);
    expect(r.ok).toBe(true);
    expect(r.document).toMatchObject({ birthDateIso: '1985', birthDateUnknown: ['month', 'day'], birthDateParts: { year: 1985, month: null, day: null } });
    // Smallest possible age: born 31 December 1985 at the latest.
    expect(r.document!.age).toBe(40);
    expect(parseMrz(lines({ birthDate: '8503<<' }), REF).document!.birthDateIso).toBe('1985-03');
    expect(parseMrz(lines({ birthDate: '<<0229' }), REF).ok).toBe(true);
  });
  it('rejects a group mixing a digit and a filler', () => {
    expect(codes(parseMrz(lines({ birthDate: '8503<4' }), REF))).toEqual(['DATE_SYNTAX']);
  });
  it('infers centuries against the reference date', () => {
    expect(parseMrz(lines({ birthDate: '251126' }), REF).document!.birthDateIso).toBe('2025-11-26');
    expect(parseMrz(lines({ birthDate: '261128', expiryDate: '400101' }), REF).document!.birthDateIso).toBe('1926-11-28');
    expect(parseMrz(lines({ expiryDate: '761127' }), REF).document!.expiryDateIso).toBe('2076-11-27');
    expect(parseMrz(lines({ birthDate: '500101', expiryDate: '761128' }), REF).document!.expiryDateIso).toBe('1976-11-28');
  });
  it('rejects expiry on or before birth', () => {
    expect(codes(parseMrz(lines({ birthDate: '850314', expiryDate: '850314' }), { referenceDate: '1990-01-01' }))).toEqual(['EXPIRY_NOT_AFTER_BIRTH']);
  });
  it('rejects an all-filler expiry unless the policy accepts it (expiry checks skipped)', () => {
    const ls = lines({ expiryDate: '<<<<<<' });
    expect(codes(parseMrz(ls, REF))).toEqual(['EXPIRY_UNKNOWN']);
    const r = parseMrz(ls, { ...REF, policy: { allowUnknownExpiry: true } });
    expect(r.ok).toBe(true);
    expect(r.document).toMatchObject({ expiryDateIso: null, expired: null });
  });
  it('reports a bad reference date instead of throwing', () => {
    expect(codes(parseMrz(lines(), { referenceDate: '2026-02-30' }))).toEqual(['REFERENCE_DATE_INVALID']);
    expect(codes(parseMrz(lines(), { referenceDate: Object.create(null) as string }))).toEqual(['REFERENCE_DATE_INVALID']);
    expect(codes(parseMrz(lines(), null as unknown as undefined))).toEqual([]);
  });
});

describe('state codes (§9)', () => {
  it('accepts D, ICAO codes and nationality-only codes where they belong', () => {
    expect(parseMrz(lines({ issuingState: 'D', nationality: 'D' }), REF).document).toMatchObject({ issuingState: 'D', nationality: 'D' });
    expect(parseMrz(lines({ issuingState: 'UNO', nationality: 'XXA' }), REF).ok).toBe(true);
    expect(parseMrz(lines({ issuingState: 'XMP', nationality: 'RKS' }), REF).ok).toBe(true);
  });
  it.each([
    ['XXA', 'issuingState', 'STATE_CODE_UNKNOWN'],
    ['IAO', 'nationality', 'STATE_CODE_UNKNOWN'],
    ['ZZZ', 'nationality', 'STATE_CODE_UNKNOWN'],
    ['DE', 'nationality', 'STATE_CODE_UNKNOWN'],
  ])('rejects %s as %s', (code, field, expected) => {
    const r = parseMrz(lines({ [field]: code }), REF);
    expect(r.errors.map((e) => [e.code, e.field])).toEqual([[expected, field]]);
  });
  it('rejects badly formed codes', () => {
    expect(codes(parseMrz(put(lines(), 1, 3, '<AB'), REF))).toEqual(['STATE_CODE_SYNTAX']);
    expect(codes(parseMrz(put(lines(), 1, 3, 'A<B'), REF))).toEqual(['STATE_CODE_SYNTAX']);
  });
  it('XXK is a deviation', () => {
    const ls = lines({ nationality: 'XXK' });
    expect(codes(parseMrz(ls, REF))).toEqual(['STATE_CODE_XXK']);
    expect(parseMrz(ls, { ...REF, policy: { allowXxk: true } }).ok).toBe(true);
  });
});

describe('names (§10)', () => {
  const name = (field: string): MrzResult => parseMrz(put(lines(), 1, 6, field.padEnd(39, '<')), REF);
  it('splits primary and secondary identifiers', () => {
    expect(name('VAN<DER<BERG<<ANNA<MARIA').document).toMatchObject({ surname: 'VAN DER BERG', givenNames: 'ANNA MARIA', primaryIdentifier: ['VAN', 'DER', 'BERG'] });
  });
  it('flags a name ending in a letter as possibly truncated', () => {
    const r = name('ABDURAKHMANOVA<<ZHYLDYZ<KANYBEKOVNA<KYZ');
    expect(r.ok).toBe(true);
    expect(r.document!.nameMayBeTruncated).toBe(true);
  });
  it('accepts a primary-only name, also one filling the field up to a final <<', () => {
    expect(name('MADONNA').document).toMatchObject({ surname: 'MADONNA', givenNames: '', secondaryIdentifier: [] });
    const r = name('A'.repeat(37) + '<<');
    expect(r.ok).toBe(true);
    expect(r.document!.givenNames).toBe('');
  });
  it.each(['NOVAK<<<PETRA', 'NOVAK<<PETRA<<JANA', '<NOVAK<<PETRA', 'NOVAK<<PETRA2', '<<<PETRA'])('rejects %s', (f) => {
    expect(codes(name(f))).toContain('NAME_SYNTAX');
  });
  it('rejects an all-filler name', () => {
    expect(codes(name(''))).toEqual(['NAME_EMPTY']);
  });
  it('an empty primary identifier is a deviation', () => {
    expect(codes(name('<<PETRA'))).toEqual(['PRIMARY_IDENTIFIER_EMPTY']);
    const r = parseMrz(put(lines(), 1, 6, '<<PETRA'.padEnd(39, '<')), { ...REF, policy: { allowEmptyPrimaryIdentifier: true } });
    expect(r.ok).toBe(true);
    expect(r.document).toMatchObject({ surname: '', givenNames: 'PETRA' });
  });
});

describe('OCR repair suggestions (§11)', () => {
  it('proposes the single look-alike that makes the digit pass, without applying it', () => {
    const bad = put(SPECIMENS.TD3, 2, 6, 'O');
    const r = parseMrz(bad, REF);
    expect(r.ok).toBe(false);
    expect(r.document!.documentNumber).toBe('L8989O2C3');
    expect(r.suggestions).toEqual([expect.objectContaining({ field: 'documentNumber', range: { line: 2, start: 6, end: 6 }, found: 'O', replacement: '0', value: 'L898902C3' })]);
  });
  it('repairs a letter misread in a date', () => {
    const r = parseMrz(put(SPECIMENS.TD3, 2, 16, 'O'), REF);
    expect(codes(r)).toContain('DATE_SYNTAX');
    expect(r.suggestions.map((s) => [s.field, s.replacement])).toEqual([['birthDate', '0']]);
  });
  it('repairs TD1 optional data through the composite only', () => {
    const ls = lines({ format: 'TD1', documentCode: 'I', optionalData: 'AB1234', optionalData2: '' });
    const r = parseMrz(put(ls, 1, 18, 'I'), REF);
    expect(codes(r)).toEqual(['CHECK_DIGIT_MISMATCH']);
    expect(r.suggestions.map((s) => [s.field, s.found, s.replacement, s.range.start])).toEqual([['composite', 'I', '1', 18]]);
  });
  it('proposes nothing when several candidates pass or none does, and never touches names', () => {
    const r = parseMrz(put(SPECIMENS.TD3, 1, 6, '0'), REF);
    expect(r.suggestions).toEqual([]);
    // Several look-alike replacements fix this digit: ambiguous, so no suggestion.
    const many = parseMrz(put(lines({ documentNumber: 'OOOOOOOOO' }), 2, 10, '0'), REF);
    expect(many.ok).toBe(false);
    expect(many.suggestions.filter((s) => s.field === 'documentNumber')).toEqual([]);
  });
});
