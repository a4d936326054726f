/**
 * The clean-document fast path must never change a result: for every input, `parseMrz` (fast path
 * first) and `parseMrzGeneral` (general reader only) give deep-equal, JSON-identical results, and
 * whenever `readCleanMrz` accepts an input its result is the general reader's. Inputs: generated
 * documents of every format (long numbers, unknown birth-date parts, specimens, deviations,
 * invalid dates and codes), the same with 1–3 random character mutations, under several policies,
 * reference dates and input forms. A completeness check makes sure the fast path really carries
 * the valid documents (a fast path that always declined would pass the equality checks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeMrz, type MrzEncodeInput, type MrzFormat } from './encode-mrz.js';
import type { MrzPolicy } from './mrz-policy.js';
import { parseMrz, parseMrzGeneral, type ParseMrzOptions } from './parse-mrz.js';
import { readCleanMrz } from './read-clean-mrz.js';
import { parseReferenceDate, utcToday } from './reference-date.js';
import { ISO_3166_ALPHA3 } from './state-codes.js';

const SEED = Number(process.env['MRZ_FAST_PATH_SEED'] ?? 9303);
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

const word = (min: number, max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...LETTERS), minLength: min, maxLength: max });
const alnum = (min: number, max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...(LETTERS + DIGITS)), minLength: min, maxLength: max });
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Mostly ordinary codes, plus every special case the State rules know (9303-3 §5). */
const STATES = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...ISO_3166_ALPHA3.filter((c) => c !== 'DEU')) },
  { weight: 2, arbitrary: fc.constantFrom('D', 'UTO', 'XXA', 'XXB', 'XXK', 'GBD', 'EUE', 'RKS', 'IAO', 'ZZZ', 'AB') },
);

const CODES: Record<MrzFormat | 'PU', readonly string[]> = {
  TD3: ['P', 'PP', 'PD', 'PO', 'PX', 'PZ', 'PA'],
  TD1: ['I', 'ID', 'IR', 'A', 'AR', 'C', 'AC', 'AI', 'IV'],
  TD2: ['I', 'ID', 'A', 'AR', 'C', 'AC', 'IV', 'PP'],
  MRVA: ['V', 'VA', 'VC'],
  MRVB: ['V', 'VB'],
  PU: ['PU'],
};

/** `YYMMDD` with some impossible days and months, or `<<` groups (birth) / all fillers (expiry). */
const date = (unknowns: boolean): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 31 }), fc.constantFrom('none', 'none', 'none', 'none', 'none', 'day', 'monthDay', 'all', 'year'))
    .map(([y, m, d, u]) => {
      const ok = `${pad2(y)}${pad2(m === 0 ? 1 : m)}${pad2(d === 0 ? 1 : d)}`;
      if (!unknowns && u === 'all') return '<<<<<<';
      if (!unknowns || u === 'none') return ok;
      return u === 'day' ? ok.slice(0, 4) + '<<' : u === 'monthDay' ? ok.slice(0, 2) + '<<<<' : u === 'year' ? '<<' + ok.slice(2) : '<<<<<<';
    });

function document(kind: MrzFormat | 'PU'): fc.Arbitrary<MrzEncodeInput> {
  const format: MrzFormat = kind === 'PU' ? 'TD2' : kind;
  const maxNumber = format === 'TD1' ? 22 : format === 'TD2' ? 14 : 9;
  return fc
    .record({
      documentCode: fc.constantFrom(...CODES[kind]),
      issuingState: STATES,
      nationality: STATES,
      number: maxNumber > 9 ? fc.oneof({ weight: 4, arbitrary: alnum(1, 9) }, { weight: 2, arbitrary: alnum(10, maxNumber) }) : alnum(1, 9),
      birthDate: date(true),
      expiryDate: fc.oneof({ weight: 12, arbitrary: date(false) }, { weight: 1, arbitrary: fc.constant('<<<<<<') }),
      // `X` is outside the encoder's type on purpose: the `allowSexX` deviation (9303-4 §4.2.2).
      sex: fc.constantFrom('M', 'F', '<', 'M', 'F', 'X') as fc.Arbitrary<MrzEncodeInput['sex']>,
      surname: fc.array(word(1, 14), { minLength: 0, maxLength: 3 }),
      givenNames: fc.array(word(1, 12), { minLength: 0, maxLength: 4 }),
      optional: fc.oneof(alnum(0, 16), fc.constant('')),
      optional2: alnum(0, 11),
    })
    .map((r): MrzEncodeInput => {
      const continuation = r.number.length > 9 ? r.number.length - 9 + 2 : 0;
      const room = (format === 'TD3' ? 14 : format === 'TD1' ? 15 : format === 'TD2' ? 7 : format === 'MRVA' ? 16 : 8) - continuation;
      return {
        format,
        documentCode: r.documentCode,
        issuingState: r.issuingState,
        documentNumber: r.number,
        nationality: r.nationality,
        birthDate: r.birthDate,
        sex: r.sex,
        expiryDate: r.expiryDate,
        surname: r.surname.join(' '),
        givenNames: r.givenNames.join(' '),
        optionalData: r.optional.slice(0, Math.max(0, room)),
        ...(format === 'TD1' ? { optionalData2: r.optional2 } : {}),
      };
    });
}

/** Characters a mutation writes: the MRZ alphabet, OCR look-alikes, and junk (lowercase, space, NUL, non-Latin). */
const MUTATION = fc.record({
  line: fc.nat(2),
  col: fc.nat(43),
  ch: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...(LETTERS + DIGITS + '<')) },
    { weight: 2, arbitrary: fc.constantFrom('a', ' ', '\u0000', '_', 'Ä', '«', '\u0141', '\r') },
  ),
});

function mutate(lines: string[], ms: readonly { line: number; col: number; ch: string }[]): string[] {
  const out = lines.slice();
  for (const m of ms) {
    const l = m.line % out.length;
    const text = out[l]!;
    const col = m.col % text.length;
    out[l] = text.slice(0, col) + m.ch + text.slice(col + 1);
  }
  return out;
}

const POLICIES: (Partial<MrzPolicy> | undefined)[] = [
  undefined,
  { allowSexX: true, allowLegacyLongNumberCheckDigit: true, allowUnknownExpiry: true, allowEmptyPrimaryIdentifier: true, allowXxk: true },
  { allowUnknownExpiry: true, allowXxk: true },
];
const REFERENCE_DATES = ['2026-11-27', '2000-02-29', '1995-06-15', '2071-01-01'];

/** The warnings a valid document may carry without any deviation: the fast path must take those documents. */
const PLAIN_WARNINGS = new Set(['DOCUMENT_EXPIRED', 'SPECIMEN_DOCUMENT', 'DOCUMENT_CODE_NOT_HARMONISED']);

interface Tally {
  compared: number;
  fast: number;
  plainValid: number;
}

function compare(input: string | string[], options: ParseMrzOptions | undefined, tally: Tally): void {
  const general = parseMrzGeneral(input, options);
  const full = parseMrz(input, options);
  expect(full).toStrictEqual(general);
  expect(JSON.stringify(full)).toBe(JSON.stringify(general));
  const ref = options?.referenceDate === undefined ? utcToday() : parseReferenceDate(options.referenceDate)!;
  const fast = readCleanMrz(input, ref);
  if (fast !== null) {
    tally.fast++;
    expect(JSON.stringify(fast)).toBe(JSON.stringify(general));
  }
  if (general.ok && general.warnings.every((w) => PLAIN_WARNINGS.has(w.code))) {
    tally.plainValid++;
    // Completeness: a valid document without deviations is the fast path's to read.
    if (Array.isArray(input) || !input.includes('\r')) expect(fast, JSON.stringify(input)).not.toBeNull();
  }
  tally.compared++;
}

function variants(lines: string[], i: number): { input: string | string[]; options: ParseMrzOptions | undefined }[] {
  const policy = POLICIES[i % POLICIES.length];
  const referenceDate = REFERENCE_DATES[i % REFERENCE_DATES.length]!;
  return [
    { input: lines, options: { referenceDate } },
    { input: lines, options: { referenceDate, policy } },
    { input: lines.join('\n') + (i % 2 === 0 ? '\n' : ''), options: { policy, referenceDate } },
    { input: i % 7 === 0 ? lines.join('\r\n') : lines, options: i % 5 === 0 ? undefined : { referenceDate: REFERENCE_DATES[(i + 1) % REFERENCE_DATES.length]! } },
  ];
}

const KINDS: (MrzFormat | 'PU')[] = ['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB', 'PU'];

function run(kind: MrzFormat | 'PU', mutated: boolean, count: number): Tally {
  const tally: Tally = { compared: 0, fast: 0, plainValid: 0 };
  const docs = fc.sample(fc.tuple(document(kind), fc.array(MUTATION, { minLength: 1, maxLength: 3 })), { seed: SEED, numRuns: count });
  docs.forEach(([doc, ms], i) => {
    const lines = encodeMrz(doc).split('\n');
    const input = mutated ? mutate(lines, ms) : lines;
    for (const v of variants(input, i)) compare(v.input, v.options, tally);
  });
  return tally;
}

describe(`readCleanMrz: identical to the general reader (seed ${SEED}, MRZ_FAST_PATH_SEED to change)`, () => {
  it.each(KINDS)('%s: generated documents, policies, reference dates, input forms', (kind) => {
    const t = run(kind, false, 2500);
    expect(t.compared).toBe(10_000);
    // The generator mixes in deviations and invalid fields, yet most documents stay valid.
    expect(t.plainValid).toBeGreaterThan(1000);
    expect(t.fast).toBeGreaterThanOrEqual(t.plainValid - t.compared / 20);
  });

  it.each(KINDS)('%s: the same with 1–3 mutated characters', (kind) => {
    const t = run(kind, true, 2500);
    expect(t.compared).toBe(10_000);
  });

  it('declines what only the general reader may judge, and hostile arrays', () => {
    const ref = parseReferenceDate('2026-11-27')!;
    const lines = encodeMrz({ format: 'TD3', documentCode: 'P', issuingState: 'UTO', documentNumber: 'L898902C3', nationality: 'UTO', birthDate: '740812', sex: 'F', expiryDate: '340415', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', optionalData: 'ZE184226B' }).split('\n');
    expect(readCleanMrz(lines, ref)?.warnings.map((w) => w.code)).toEqual(['SPECIMEN_DOCUMENT']);
    expect(readCleanMrz([lines[0]!, lines[1]! + ' '], ref)).toBeNull();
    expect(readCleanMrz([lines[0]!.toLowerCase(), lines[1]!], ref)).toBeNull();
    expect(readCleanMrz([lines[0]!.replace('<<ANNA', '<<<ANNA'), lines[1]!], ref)).toBeNull();
    expect(readCleanMrz([lines[0]!, lines[1]!.replace('F', 'X')], ref)).toBeNull();
    expect(readCleanMrz(lines.join('\r\n'), ref)).toBeNull();
    expect(readCleanMrz(lines.join('\n') + '\n\n', ref)).toBeNull();
    expect(readCleanMrz(lines.join('\n') + '\n' + '<'.repeat(100_000), ref)).toBeNull();
    expect(readCleanMrz(lines.join('\n'), ref)).toStrictEqual(parseMrzGeneral(lines.join('\n'), { referenceDate: '2026-11-27' }));
    const hostile = new Proxy(lines, {
      get(target, key) {
        if (key === '0') throw new Error('boom');
        return Reflect.get(target, key);
      },
    });
    expect(parseMrz(hostile as unknown as string[], { referenceDate: '2026-11-27' })).toStrictEqual(parseMrzGeneral(hostile as unknown as string[], { referenceDate: '2026-11-27' }));
    expect(parseMrz(hostile as unknown as string[]).errors[0]!.code).toBe('INPUT_NOT_TEXT');
  });
});

