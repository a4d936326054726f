/**
 * fast-check generators of MRZ documents for the differential test, the never-throws fuzz test and
 * the benchmark: valid documents of every format (written with the project's `encodeMrz`), targeted
 * defects that reproduce each known disagreement with the `mrz` package, and random mutations.
 */
import fc from 'fast-check';
import { encodeMrz, ICAO_SPECIAL_STATE_CODES, ISO_3166_ALPHA3, type MrzEncodeInput, type MrzFormat } from '@aspk/shared';

/** Reference date of every generated case (centuries are inferred against it). */
export const ORACLE_REFERENCE_DATE = '2026-11-27';

const ISSUERS = [...ISO_3166_ALPHA3.filter((c) => c !== 'DEU'), 'D', 'GBD', 'RKS', 'EUE', 'UNO', 'UNK', 'XPO'];
const NATIONALITIES = [...ISSUERS, 'XXA', 'XXB', 'XXX'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = LETTERS + '0123456789';

const word = (min: number, max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...LETTERS), minLength: min, maxLength: max });
const alnum = (min: number, max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...ALNUM), minLength: min, maxLength: max });
const pad2 = (n: number): string => String(n).padStart(2, '0');

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const ymd = (fromYear: number, toYear: number): fc.Arbitrary<{ y: number; m: number; d: number }> =>
  fc.tuple(fc.integer({ min: fromYear, max: toYear }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => ({ y, m, d: Math.min(d, daysIn(y, m)) }));

const DOCUMENT_CODES: Record<MrzFormat | 'PU', readonly string[]> = {
  TD3: ['P', 'PP', 'PD', 'PO', 'PE', 'PR'],
  TD1: ['I', 'ID', 'IR', 'A', 'AR', 'C', 'CR', 'AC'],
  TD2: ['I', 'ID', 'IR', 'A', 'AR', 'C'],
  MRVA: ['V', 'VA', 'VC'],
  MRVB: ['V', 'VB'],
  PU: ['PU'],
};

export type GeneratedKind = MrzFormat | 'PU';

/** A valid document of `kind`: every field within Doc 9303's rules, dates consistent with the reference date. */
export function validDocument(kind: GeneratedKind): fc.Arbitrary<MrzEncodeInput> {
  const format: MrzFormat = kind === 'PU' ? 'TD2' : kind;
  const maxNumber = format === 'TD1' ? 22 : format === 'TD2' ? 14 : 9;
  return fc
    .record({
      documentCode: fc.constantFrom(...DOCUMENT_CODES[kind]),
      issuingState: fc.constantFrom(...ISSUERS),
      nationality: fc.constantFrom(...NATIONALITIES),
      // Long numbers only where the format has the overflow mechanism, and not too often.
      numberLength: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 5, max: 9 }) }, { weight: maxNumber > 9 ? 1 : 0, arbitrary: fc.integer({ min: 10, max: Math.max(10, maxNumber) }) }),
      numberSeed: alnum(22, 22),
      birth: ymd(1930, 2025),
      birthUnknown: fc.constantFrom('none', 'none', 'none', 'none', 'day', 'monthDay', 'all'),
      expiryYears: fc.integer({ min: 1, max: 44 }),
      expiryMd: ymd(2000, 2000),
      sex: fc.constantFrom<'M' | 'F' | '<'>('M', 'F', '<'),
      surname: fc.array(word(1, 12), { minLength: 1, maxLength: 3 }),
      givenNames: fc.array(word(1, 10), { minLength: 0, maxLength: 3 }),
      optional: alnum(0, 14),
      optional2: alnum(0, 11),
    })
    .map((r): MrzEncodeInput => {
      const number = r.numberSeed.slice(0, format === 'TD3' || format === 'MRVA' || format === 'MRVB' ? Math.min(9, r.numberLength) : r.numberLength);
      const yy = pad2(r.birth.y % 100);
      const birthDate = r.birthUnknown === 'none' ? `${yy}${pad2(r.birth.m)}${pad2(r.birth.d)}` : r.birthUnknown === 'day' ? `${yy}${pad2(r.birth.m)}<<` : r.birthUnknown === 'monthDay' ? `${yy}<<<<` : '<<<<<<';
      const ey = Math.max(r.birth.y + 1, 1990) + r.expiryYears;
      const expiryYear = Math.min(ey, 2070);
      const expiryDate = `${pad2(expiryYear % 100)}${pad2(r.expiryMd.m)}${pad2(Math.min(r.expiryMd.d, daysIn(expiryYear, r.expiryMd.m)))}`;
      const continuation = number.length > 9 ? number.length - 9 + 2 : 0;
      const optionalRoom = (format === 'TD3' ? 14 : format === 'TD1' ? 15 : format === 'TD2' ? 7 : format === 'MRVA' ? 16 : 8) - continuation;
      return {
        format,
        documentCode: r.documentCode,
        issuingState: r.issuingState,
        documentNumber: number,
        nationality: r.nationality,
        birthDate,
        sex: r.sex,
        expiryDate,
        surname: r.surname.join(' '),
        givenNames: r.givenNames.join(' '),
        optionalData: r.optional.slice(0, Math.max(0, optionalRoom)),
        ...(format === 'TD1' ? { optionalData2: r.optional2 } : {}),
      };
    });
}

export function encodeLines(input: MrzEncodeInput): string[] {
  return encodeMrz(input).split('\n');
}

/** Characters a mutation writes: mostly the MRZ alphabet and OCR look-alikes, sometimes junk. */
const MUTATION_CHARS = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...(LETTERS + '0123456789<')) },
  { weight: 3, arbitrary: fc.constantFrom('O', '0', 'D', 'I', '1', 'B', '8', 'S', '5', 'Z', '2', 'G', '6', 'K', 'Q', 'X') },
  { weight: 1, arbitrary: fc.constantFrom('a', 'g', 'o', ' ', '_', '\u0000', '«', 'Ä') },
);

export interface Mutation {
  kind: 'replace' | 'swap';
  line: number;
  col: number;
  ch: string;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<'replace' | 'swap'>('replace', 'replace', 'replace', 'swap'),
  line: fc.nat(2),
  col: fc.nat(43),
  ch: MUTATION_CHARS,
});

export function applyMutations(lines: readonly string[], mutations: readonly Mutation[]): string[] {
  const out = lines.slice();
  for (const m of mutations) {
    const li = m.line % out.length;
    const text = out[li]!;
    const col = m.col % text.length;
    if (m.kind === 'replace') out[li] = text.slice(0, col) + m.ch + text.slice(col + 1);
    else if (col + 1 < text.length) out[li] = text.slice(0, col) + text[col + 1] + text[col] + text.slice(col + 2);
  }
  return out;
}

/** A valid document of `kind` with 1–3 random character mutations. */
export function mutatedDocument(kind: GeneratedKind): fc.Arbitrary<string[]> {
  return fc.tuple(validDocument(kind), fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([doc, ms]) => applyMutations(encodeLines(doc), ms));
}

/** Random text shaped like an MRZ or not at all, for the never-throws fuzz. */
export const junkInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: fc.constantFrom(...(LETTERS + '0123456789<\n\r \u0000a')), maxLength: 100 }),
  fc.array(fc.string({ unit: fc.constantFrom(...(LETTERS + '0123456789<')), minLength: 28, maxLength: 46 }), { minLength: 1, maxLength: 4 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.anything(),
);

/** State codes the special list marks for a use, for targeted cases. */
export const specialCodes = (use: string): string[] => ICAO_SPECIAL_STATE_CODES.filter((s) => s.use === use).map((s) => s.code);
