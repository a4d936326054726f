/**
 * Writes the MRZ of a document from its fields: the inverse of the parser. Used by the hardware
 * simulator's traveller generator, by property tests and by benchmarks; never on the inspection path.
 * Field layouts follow ICAO 9303-4 (TD3), -5 (TD1), -6 (TD2), -7 (MRV-A/B) and -8 (PU, TD2 layout);
 * check digits ICAO 9303-3 §4.9.
 */
import { checkDigit } from './check-digit.js';

export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';

export interface MrzEncodeInput {
  /** `TD2` with `documentCode: 'PU'` is the TD2-size emergency travel document (ICAO 9303-8). */
  format: MrzFormat;
  /** One or two characters (`P`, `PP`, `I`, `ID`, `V`, `PU`); padded with `<`. */
  documentCode: string;
  /** 1–3 letters (`D`, `UTO`); padded with `<`. */
  issuingState: string;
  /** `[A-Z0-9]`; over 9 characters overflows into the optional data on TD1 (≤ 22) and TD2 (≤ 14), ICAO 9303-5/6 note j. */
  documentNumber: string;
  nationality: string;
  /** `YYMMDD`; `<<` groups for unknown parts (ICAO 9303-3 §4.8). */
  birthDate: string;
  sex: 'M' | 'F' | '<';
  /** `YYMMDD`. */
  expiryDate: string;
  /** Primary identifier, components separated by spaces or hyphens. */
  surname: string;
  /** Secondary identifier, components separated by spaces; may be empty. */
  givenNames: string;
  /** TD3 personal number, TD1 line-1 optional data, TD2/MRV optional data. */
  optionalData?: string;
  /** TD1 line-2 optional data. */
  optionalData2?: string;
}

/** Pads with `<` or cuts to `width`. */
export function padMrz(text: string, width: number): string {
  return text.length >= width ? text.slice(0, width) : text + '<'.repeat(width - text.length);
}

function cd(text: string): string {
  const d = checkDigit(text);
  if (d === null) throw new RangeError(`not MRZ characters: ${JSON.stringify(text)}`);
  return String(d);
}

function components(name: string): string[] {
  return name
    .toUpperCase()
    .replace(/['’]/g, '')
    .split(/[\s\-,<]+/)
    .filter((c) => c.length > 0);
}

/**
 * The name field (ICAO 9303-3 §4.6): primary `<<` secondary, components joined by `<`, filler to
 * `width`. A name that does not fit is cut so the field ends in a letter (the truncation signal).
 */
export function encodeName(surname: string, givenNames: string, width: number): string {
  const primary = components(surname).join('<');
  const secondary = components(givenNames).join('<');
  let field = secondary.length > 0 ? `${primary}<<${secondary}` : primary;
  if (field.length > width) {
    field = field.slice(0, width);
    while (field.endsWith('<')) field = field.slice(0, -1);
  }
  return padMrz(field, width);
}

/** Number field, its check-digit slot and the continuation that opens the optional data (note j). */
function numberParts(number: string, overflowMax: number): { field: string; slot: string; continuation: string } {
  if (number.length <= 9 || overflowMax === 0) {
    const field = padMrz(number.slice(0, 9), 9);
    return { field, slot: cd(field), continuation: '' };
  }
  if (number.length > overflowMax) throw new RangeError(`document number longer than ${overflowMax}`);
  return { field: number.slice(0, 9), slot: '<', continuation: number.slice(9) + cd(number) + '<' };
}

/** The MRZ lines of a document, joined by `\n`. Throws `RangeError` for fields that cannot be written. */
export function encodeMrz(input: MrzEncodeInput): string {
  const code = padMrz(input.documentCode, 2);
  const state = padMrz(input.issuingState, 3);
  const nat = padMrz(input.nationality, 3);
  const opt = input.optionalData ?? '';
  switch (input.format) {
    case 'TD1': {
      const n = numberParts(input.documentNumber, 22);
      const l1 = code + state + n.field + n.slot + padMrz(n.continuation + opt, 15);
      const l2head = input.birthDate + cd(input.birthDate) + input.sex + input.expiryDate + cd(input.expiryDate) + nat;
      const l2body = l2head + padMrz(input.optionalData2 ?? '', 11);
      const composite = cd(l1.slice(5, 30) + l2body.slice(0, 7) + l2body.slice(8, 15) + l2body.slice(18, 29));
      return [l1, l2body + composite, encodeName(input.surname, input.givenNames, 30)].join('\n');
    }
    case 'TD2': {
      const n = numberParts(input.documentNumber, 14);
      const l2 = n.field + n.slot + nat + input.birthDate + cd(input.birthDate) + input.sex + input.expiryDate + cd(input.expiryDate) + padMrz(n.continuation + opt, 7);
      const composite = cd(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 35));
      return [code + state + encodeName(input.surname, input.givenNames, 31), l2 + composite].join('\n');
    }
    case 'TD3': {
      const n = numberParts(input.documentNumber, 0);
      const personal = padMrz(opt, 14);
      const personalCd = /^<*$/.test(personal) ? '<' : cd(personal);
      const l2 = n.field + n.slot + nat + input.birthDate + cd(input.birthDate) + input.sex + input.expiryDate + cd(input.expiryDate) + personal + personalCd;
      const composite = cd(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43));
      return [code + state + encodeName(input.surname, input.givenNames, 39), l2 + composite].join('\n');
    }
    case 'MRVA':
    case 'MRVB': {
      const width = input.format === 'MRVA' ? 44 : 36;
      const n = numberParts(input.documentNumber, 0);
      const l2 = n.field + n.slot + nat + input.birthDate + cd(input.birthDate) + input.sex + input.expiryDate + cd(input.expiryDate) + padMrz(opt, width - 28);
      return [code + state + encodeName(input.surname, input.givenNames, width - 5), l2].join('\n');
    }
  }
}
