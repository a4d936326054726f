/**
 * Verifies one check-digit slot against the characters it covers (ICAO 9303-3 §4.9; positions in
 * icao-9303.md §4). A slot must hold a digit — compared by character code, never `Number(slot)`,
 * which reads a space as 0 (the `mrz` package's bug, icao-9303.md §15.5 item 6).
 */
import { mrzCodeValue } from './check-digit.js';
import type { MrzFieldName } from './mrz-issue.js';
import type { MrzSpan } from './mrz-layouts.js';
import type { ParseContext } from './parse-context.js';

/**
 * Weighted values per weight position (7, 3, 1) for character codes below 128: one table load per
 * character instead of a lookup, a range check and a multiplication. A non-MRZ character adds a large
 * negative sentinel, so one sign test at the end replaces a branch per character.
 */
const INVALID = -1_000_000;
const W: readonly Int32Array[] = [7, 3, 1].map((w) => {
  const t = new Int32Array(128).fill(INVALID);
  for (let c = 0; c < 128; c++) {
    const v = mrzCodeValue(c);
    if (v >= 0) t[c] = v * w;
  }
  return t;
});
const W7 = W[0]!;
const W3 = W[1]!;
const W1 = W[2]!;

function weighted(table: Int32Array, c: number): number {
  return c < 128 ? table[c]! : INVALID;
}

/** Check digit over `spans` concatenated (weights continue across spans); -1 if a character is not MRZ. */
export function checkDigitOver(lines: readonly string[], spans: readonly MrzSpan[]): number {
  let sum = 0;
  // `phase`: position of the next character in the 7-3-1 cycle, carried across spans.
  let phase = 0;
  for (let s = 0; s < spans.length; s++) {
    const span = spans[s]!;
    const line = lines[span.line]!;
    let i = span.start;
    const end = span.end;
    while (phase !== 0 && i < end) {
      sum += weighted(phase === 1 ? W3 : W1, line.charCodeAt(i++));
      phase = phase === 1 ? 2 : 0;
    }
    for (; i + 2 < end; i += 3) sum += weighted(W7, line.charCodeAt(i)) + weighted(W3, line.charCodeAt(i + 1)) + weighted(W1, line.charCodeAt(i + 2));
    for (; i < end; i++) {
      sum += weighted(phase === 0 ? W7 : phase === 1 ? W3 : W1, line.charCodeAt(i));
      phase = phase === 2 ? 0 : phase + 1;
    }
    if (sum < 0) return -1;
  }
  return sum % 10;
}

/**
 * Checks the digit in `slot` against `covers`. Reports `CHECK_DIGIT_SYNTAX` or `CHECK_DIGIT_MISMATCH`
 * and records the failure for the repair step; returns whether the digit is right. Skips silently
 * (returns false) when a character is outside the MRZ alphabet: that is already a charset error.
 */
export function verifyCheckDigit(ctx: ParseContext, field: MrzFieldName, label: string, covers: readonly MrzSpan[], slot: MrzSpan, numeric: boolean): boolean {
  const computed = checkDigitOver(ctx.lines, covers);
  if (computed < 0 || !ctx.clean(slot)) return false;
  const c = ctx.code(slot.line, slot.start);
  if (c >= 48 && c <= 57) {
    if (c - 48 === computed) return true;
    ctx.error('CHECK_DIGIT_MISMATCH', field, `${label} check digit is ${c - 48}, the characters it covers give ${computed} (ICAO 9303-3 §4.9)`, slot);
  } else {
    ctx.error('CHECK_DIGIT_SYNTAX', field, `${label} check digit must be a digit, found '${String.fromCharCode(c)}' (ICAO 9303-3 §4.9)`, slot);
  }
  (ctx.failedChecks ??= []).push({ field, covers: covers.slice(), slot, numeric });
  return false;
}
