/**
 * Differential property test: the engine against the `mrz` package (icao-9303.md §15.4). Thousands of
 * generated valid documents of every format the package supports (TD1, TD2, TD3), the formats it does
 * not (MRV-A, MRV-B, PU), random mutations, and targeted defects for each known disagreement class.
 * Every disagreement must be explained by a class of `mrz-oracle-register.ts`; every class must occur.
 * Seeded: MRZ_ORACLE_SEED=<n> reruns with another seed (the seed is printed on failure).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDigit, type MrzEncodeInput } from '@aspk/shared';
import { encodeLines, mutatedDocument, validDocument, type GeneratedKind } from './mrz-arbitraries.js';
import { runOracle, type OracleCase } from './mrz-oracle.js';
import { MRZ_ORACLE_REGISTER } from './mrz-oracle-register.js';

const SEED = Number(process.env['MRZ_ORACLE_SEED'] ?? 20261127);

const sample = <T>(arb: fc.Arbitrary<T>, n: number, salt: number): T[] => fc.sample(arb, { seed: SEED + salt, numRuns: n });
const docs = (kind: GeneratedKind, n: number, salt: number): MrzEncodeInput[] => sample(validDocument(kind), n, salt);

function setAt(line: string, col0: number, text: string): string {
  return line.slice(0, col0) + text + line.slice(col0 + text.length);
}

/** Recomputes the TD1 composite (9303-5 §4.2.4) after an edit of a covered character. */
function td1Composite(lines: string[]): string[] {
  const [a, b, c] = lines as [string, string, string];
  const d = checkDigit(a.slice(5, 30) + b.slice(0, 7) + b.slice(8, 15) + b.slice(18, 29));
  return [a, b.slice(0, 29) + String(d), c];
}

function nameSpan(format: string): { line: number; start: number; width: number } {
  return format === 'TD1' ? { line: 2, start: 0, width: 30 } : { line: 0, start: 5, width: format === 'TD3' ? 39 : 31 };
}

function withName(doc: MrzEncodeInput, field: string): string[] {
  const ls = encodeLines(doc);
  const s = nameSpan(doc.format);
  ls[s.line] = setAt(ls[s.line]!, s.start, field.padEnd(s.width, '<').slice(0, s.width));
  return ls;
}

const OCR_LOWER = (d: string): string => String.fromCharCode(103 + Number(d));

/** Cases built to show each class of the register (deterministic from the seed). */
function targetedCases(): OracleCase[] {
  const out: OracleCase[] = [];
  const add = (label: string, input: string | string[], extra: Partial<OracleCase> = {}): void => void out.push({ label, input, ...extra });
  for (const kind of ['MRVA', 'MRVB', 'PU'] as const) for (const d of docs(kind, 100, 1)) add(`valid ${kind}`, encodeLines(d));
  for (const d of docs('TD2', 60, 3)) {
    const ls = encodeLines(d);
    add('TD2 digit in line 1 positions 31–35', [setAt(ls[0]!, 30 + (d.surname.length % 5), String(d.surname.length % 10)), ls[1]!]);
  }
  for (const d of docs('TD3', 30, 4)) {
    add('raw string with trailing newline', encodeLines(d).join('\n') + '\n');
    add('raw string with trailing spaces', encodeLines(d).map((l) => l + '  ').join('\n'));
  }
  for (const kind of ['TD1', 'TD2', 'TD3'] as const) {
    for (const d of docs(kind, 60, 5)) {
      const ls = encodeLines(d);
      const line = kind === 'TD1' ? 0 : 1;
      const start = kind === 'TD1' ? 5 : 0;
      const at = [...ls[line]!.slice(start, start + 9)].findIndex((ch) => ch >= '0' && ch <= '9');
      if (at >= 0) {
        ls[line] = setAt(ls[line]!, start + at, OCR_LOWER(ls[line]![start + at]!));
        add(`${kind} lowercase look-alike in the document number`, ls);
      }
    }
  }
  for (const d of docs('TD3', 300, 6)) {
    const ls = encodeLines(d);
    if (ls[1]!.endsWith('0')) add('composite 0 written as a trailing space', [ls[0]!, ls[1]!.slice(0, 43) + ' ']);
  }
  for (const d of docs('TD1', 300, 7)) {
    if (d.documentNumber.length !== 9 || checkDigit(d.documentNumber) !== 0) continue;
    const ls = encodeLines({ ...d, optionalData: '' });
    add('TD1 < in the number slot, no continuation', [setAt(ls[0]!, 14, '<'), ls[1]!, ls[2]!]);
  }
  for (const d of docs('TD1', 400, 8)) {
    if (d.documentNumber.length < 10) continue;
    const ls = encodeLines(d);
    const cont = d.documentNumber.slice(9);
    const legacy = String(checkDigit(`${d.documentNumber.slice(0, 9)}<${cont}`));
    if (legacy === String(checkDigit(d.documentNumber))) continue;
    add('TD1 legacy long-number check digit', td1Composite([setAt(ls[0]!, 15 + cont.length, legacy), ls[1]!, ls[2]!]));
  }
  for (const d of docs('TD3', 40, 9)) {
    add('impossible day in the date of birth', encodeLines({ ...d, birthDate: d.birthDate.slice(0, 2) + ['0230', '0229', '0431', '0631', '1131'][d.surname.length % 5]!.replace('0229', d.birthDate.slice(0, 2) === '00' ? '0230' : Number(d.birthDate.slice(0, 2)) % 4 === 0 ? '0230' : '0229') }));
    add('all-filler expiry', encodeLines({ ...d, expiryDate: '<<<<<<' }));
    add('half-filled birth group', encodeLines({ ...d, birthDate: '8503<4' }));
    add('expiry before birth', encodeLines({ ...d, birthDate: '900101', expiryDate: '850101' }));
  }
  const badNames = ['NOVAK<<<PETRA', 'NOVAK<<PETRA<<JANA', '<NOVAK<<PETRA', '<<PETRA', ''];
  for (const [i, d] of docs('TD3', 25, 10).entries()) add('malformed name', withName(d, badNames[i % badNames.length]!));
  for (const [i, d] of docs('TD1', 25, 11).entries()) add('malformed name TD1', withName(d, badNames[i % badNames.length]!));
  for (const kind of ['TD1', 'TD2', 'TD3'] as const) {
    const width = nameSpan(kind).width;
    for (const d of docs(kind, 10, 12)) {
      add('primary-only name filling the field', withName(d, ('ABCDEFGHIJ<KLMNOPQRST<UVWXYZABCDEFGHIJKLMNOP').slice(0, width)));
      add('primary up to a final <<', withName(d, 'Q'.repeat(width - 2) + '<<'));
    }
  }
  for (const d of docs('TD3', 20, 13)) {
    add('UTO issuer', encodeLines({ ...d, issuingState: 'UTO' }));
    add('XMP issuer', encodeLines({ ...d, issuingState: 'XMP' }));
    add('XXK nationality', encodeLines({ ...d, nationality: 'XXK' }));
    add('sex X under allowSexX', encodeLines({ ...d, sex: 'X' as 'M' }), { policy: { allowSexX: true } });
  }
  for (const d of docs('TD1', 20, 14)) add('TD1 AI', encodeLines({ ...d, documentCode: 'AI' }));
  for (const d of docs('TD2', 20, 15)) add('TD2 AC', encodeLines({ ...d, documentCode: 'AC' }));
  return out;
}

function generatedCases(): OracleCase[] {
  const out: OracleCase[] = [];
  for (const [i, kind] of (['TD1', 'TD2', 'TD3'] as const).entries()) {
    for (const d of docs(kind, 1500, 100 + i)) out.push({ label: `valid ${kind}`, input: encodeLines(d) });
    for (const ls of sample(mutatedDocument(kind), 2000, 200 + i)) out.push({ label: `mutated ${kind}`, input: ls });
  }
  return out;
}

describe('differential test against mrz@5.0.2 (icao-9303.md §15)', () => {
  it('explains every disagreement by a registered class, and every class occurs', () => {
    const cases = [...generatedCases(), ...targetedCases()];
    const seen = new Map<string, number>();
    const unexplained: string[] = [];
    let agreeValid = 0;
    for (const c of cases) {
      const r = runOracle(c);
      for (const cls of r.classes) seen.set(cls, (seen.get(cls) ?? 0) + 1);
      if (r.unexplained.length > 0 && unexplained.length < 10) unexplained.push(`${c.label} ${JSON.stringify(c.input)} → engine ${r.engineVerdict}, mrz ${r.mrzVerdict}: ${r.unexplained.join('; ')}`);
      if (r.engineVerdict === 'valid' && r.mrzVerdict === 'valid') agreeValid++;
    }
    const missing = MRZ_ORACLE_REGISTER.filter((k) => k.inRun && !seen.has(k.id)).map((k) => k.id);
    const context = `seed ${SEED}, ${cases.length} cases`;
    expect(unexplained, `unlisted disagreements (${context})`).toEqual([]);
    expect(missing, `registered classes that never occurred (${context})`).toEqual([]);
    expect(cases.length).toBeGreaterThan(10_000);
    // Where the package is right the engine agrees: thousands of documents both accept, fields equal.
    expect(agreeValid).toBeGreaterThan(2000);
  });

  it.each(MRZ_ORACLE_REGISTER.map((k) => [k.id, k] as const))('%s: the recorded example still disagrees as recorded', (_, k) => {
    const r = runOracle({ label: k.id, input: k.example.input, ...(k.example.policy ? { policy: k.example.policy } : {}), ...(k.example.autocorrect ? { autocorrect: true } : {}) });
    expect({ engine: r.engineVerdict, mrz: r.mrzVerdict }).toEqual({ engine: k.example.engine, mrz: k.example.mrz });
    if (k.example.engineCodes) expect(r.engine.errors.map((e) => e.code)).toEqual(k.example.engineCodes);
    expect(r.unexplained).toEqual([]);
    expect([...r.classes]).toContain(k.id);
  });
});
