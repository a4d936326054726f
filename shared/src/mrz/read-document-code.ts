/**
 * Document code rules per format (icao-9303.md §6): TD3 9303-4 §4.4, TD1 9303-5, TD2 9303-6,
 * visas 9303-7, `PU` 9303-8. The first character also chose the layout (detect-format.ts).
 */
import { notHarmonisedWarning } from './document-warnings.js';
import type { ParseContext } from './parse-context.js';

/** 9303-4 §4.4 harmonised second letters of passport document codes. */
const HARMONISED_PASSPORT_LETTERS = 'PEDORTSLM';
/** The same letters as a bitmask over `A`–`Z`: one shift per parse instead of `raw[1]` (a one-character string) and `includes`. */
const HARMONISED_MASK = [...HARMONISED_PASSPORT_LETTERS].reduce((mask, ch) => mask | (1 << (ch.charCodeAt(0) - 65)), 0);

const isLetter = (c: number): boolean => c >= 65 && c <= 90;

// A module-level function, not a closure: the hot path allocates nothing it does not return.
function fail(ctx: ParseContext, raw: string, why: string): string {
  ctx.error('DOCUMENT_CODE_INVALID', 'documentCode', `document code '${raw}' ${why}`, ctx.layout.documentCode);
  return raw;
}

/** Validates the code; returns its raw two characters. */
export function readDocumentCode(ctx: ParseContext): string {
  const span = ctx.layout.documentCode;
  const raw = ctx.lines[span.line]!.slice(span.start, span.end);
  if (!ctx.clean(span)) return raw;
  const a = raw.charCodeAt(0);
  const b = raw.charCodeAt(1);
  const second = isLetter(b) || b === 60;
  switch (ctx.layout.format) {
    case 'TD3':
      if (a !== 80) return fail(ctx, raw, 'does not fit a 2×44 MRZ: a passport starts with P, a visa (MRV-A) with V (ICAO 9303-4 §4.2.2, 9303-7)');
      if (!second) return fail(ctx, raw, 'must have a letter or < in position 2 (ICAO 9303-4 §4.2.2)');
      if (b !== 60 && ((HARMONISED_MASK >>> (b - 65)) & 1) === 0) {
        ctx.warnings.push(notHarmonisedWarning(raw, span));
      }
      return raw;
    case 'TD2':
      if (a === 80) return b === 85 ? raw : fail(ctx, raw, 'on a 2×36 MRZ: P is valid only as PU, the TD2-size emergency travel document (ICAO 9303-8)');
      if (a !== 65 && a !== 67 && a !== 73) return fail(ctx, raw, 'does not fit a 2×36 MRZ: TD2 starts with A, C or I, a visa (MRV-B) with V, an emergency document with PU (ICAO 9303-6, -7, -8)');
      if (!second) return fail(ctx, raw, 'must have a letter or < in position 2 (ICAO 9303-6 §4.2.2)');
      if (b === 86) return fail(ctx, raw, 'may not have V in position 2 (ICAO 9303-6 §4.2.2)');
      if (a === 65 && b === 67) return fail(ctx, raw, 'AC is reserved for the crew member certificate on TD1 (ICAO 9303-5 Appendix C); not valid on TD2');
      return raw;
    case 'TD1':
      if (a !== 65 && a !== 67 && a !== 73) return fail(ctx, raw, 'does not fit a 3×30 MRZ: TD1 starts with A, C or I (ICAO 9303-5 §4.2.2)');
      if (!second) return fail(ctx, raw, 'must have a letter or < in position 2 (ICAO 9303-5 §4.2.2)');
      if (b === 86) return fail(ctx, raw, 'may not have V in position 2 (ICAO 9303-5 §4.2.2)');
      if (a === 65 && b === 73) return fail(ctx, raw, 'AI is not a valid TD1 document code (ICAO 9303-5 §4.2.2)');
      return raw;
    case 'MRVA':
    case 'MRVB':
      if (!second) return fail(ctx, raw, 'must have a letter or < in position 2 (ICAO 9303-7 §4.2.2)');
      return raw;
  }
}
