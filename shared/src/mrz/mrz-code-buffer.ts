/**
 * The character codes of the MRZ being read by the clean-document fast path (`read-clean-mrz.ts`),
 * copied once, with their MRZ values, into two small byte buffers by `loadCodes`, which also
 * rejects any character outside `A–Z 0–9 <` (ICAO 9303-3 §4.3): the fast path's one charset pass.
 * The field checks then read the buffers. Why: counted with callgrind, one `charCodeAt` on the
 * sliced strings that `split` and serial framing produce costs 40–80 machine instructions (V8
 * re-dispatches on the string's representation at every call), a typed-array load a few; the
 * general reader reads most characters two or three times (charset, field, check digit,
 * composite). One buffer per process is enough: parsing is synchronous and never re-entered.
 * The name field is the exception (clean-name.ts checks it with a regular expression).
 */
import { mrzCodeValue } from './check-digit.js';
import type { MrzLayout, MrzSpan } from './mrz-layouts.js';

/** Row of line `l` starts at `l << ROW_SHIFT` (64 ≥ the longest line, 44 characters). */
const ROW_SHIFT = 6;

/** Character codes of the current MRZ, one row per line. */
export const CODE = new Uint8Array(3 << ROW_SHIFT);

/** Their MRZ values (9303-3 §4.9), same layout: check digits read one byte per character, no table lookup. */
export const VALUES = new Uint8Array(3 << ROW_SHIFT);

/** MRZ value of a character code below 128 (`<` = 0, digits 0–9, `A`–`Z` = 10–35; 9303-3 §4.9); -1 elsewhere. */
export const VALUE = new Int8Array(128);
for (let c = 0; c < 128; c++) VALUE[c] = mrzCodeValue(c);

/**
 * Copies every line's codes into `CODE` and values into `VALUES`, except the name field (`name`,
 * which ends its line): its reader checks it with a regular expression instead, cheaper still.
 * On the way it sums `value × compositeWeights[position]`: with the composite check digit's 7-3-1
 * weights laid out per position (`compositeWeightsOf`), that is the composite's weighted sum
 * (9303-4/5/6 §4.2.4), made without a second pass over its 30–40 characters. Returns that sum,
 * or -1 at the first character outside the MRZ alphabet.
 */
export function loadCodes(lines: readonly string[], name: MrzSpan, compositeWeights: Uint8Array): number {
  // Locals, not the module bindings: TurboFan reloads a module-level `const` from its cell, with a
  // hole (TDZ) check and a map check, on every iteration — most of the loop's instructions.
  const code = CODE;
  const values = VALUES;
  const value = VALUE;
  let composite = 0;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    const base = l << ROW_SHIFT;
    const end = l === name.line ? name.start : line.length;
    for (let i = 0; i < end; i++) {
      const c = line.charCodeAt(i);
      const v = c < 128 ? value[c]! : -1;
      if (v < 0) return -1;
      code[base + i] = c;
      values[base + i] = v;
      composite += v * compositeWeights[base + i]!;
    }
  }
  return composite;
}

/**
 * The composite check digit's weight at every buffer position of `layout` (0 where it covers
 * nothing): 7, 3, 1 repeating over its spans in order, continuing across span boundaries.
 */
export function compositeWeightsOf(layout: MrzLayout): Uint8Array {
  const weights = new Uint8Array(CODE.length);
  let k = 0;
  for (const span of layout.composite?.covers ?? []) {
    for (let col = span.start; col < span.end; col++, k++) weights[codeIndexAt(span.line, col)] = [7, 3, 1][k % 3]!;
  }
  return weights;
}

/** Buffer index of the first character of `span`. */
export function codeIndex(span: MrzSpan): number {
  return (span.line << ROW_SHIFT) + span.start;
}

/** Buffer index of column `col` of line `line`. */
export function codeIndexAt(line: number, col: number): number {
  return (line << ROW_SHIFT) + col;
}
