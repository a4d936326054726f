/**
 * ICAO 9303-3 §4.9 check digits. Hot path: no allocation, no regex.
 */

/** Character code → MRZ value for codes below 128 (-1 = not an MRZ character): one load instead of three comparisons. */
const VALUE = new Int8Array(128).fill(-1);
for (let c = 48; c <= 57; c++) VALUE[c] = c - 48; // '0'..'9'
for (let c = 65; c <= 90; c++) VALUE[c] = c - 55; // 'A'..'Z' -> 10..35
VALUE[60] = 0; // '<'

/** Value of one MRZ character code, or -1 outside `[0-9A-Z<]` (a charset error; never thrown). */
export function mrzCodeValue(c: number): number {
  return c < 128 ? VALUE[c]! : -1;
}

/** True when `text[start..end)` holds only MRZ characters. A table loop: measured faster than a regex on MRZ-sized lines. */
export function isMrzText(text: string, start = 0, end = text.length): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || VALUE[c]! < 0) return false;
  }
  return true;
}

/** Value of one MRZ character, or -1 outside `[0-9A-Z<]`. */
export function mrzCharValue(ch: string): number {
  return ch.length === 1 ? mrzCodeValue(ch.charCodeAt(0)) : -1;
}

const WEIGHTS = [7, 3, 1] as const;

/**
 * ICAO 9303-3 §4.9: weights 7, 3, 1 repeating; sum modulo 10. `null` if a character is not MRZ.
 * `start`/`end` select a slice of `text` without allocating a substring.
 */
export function checkDigit(text: string, start = 0, end = text.length): number | null {
  let sum = 0;
  for (let i = start; i < end; i++) {
    const value = mrzCodeValue(text.charCodeAt(i));
    if (value < 0) return null;
    sum += value * WEIGHTS[(i - start) % 3]!;
  }
  return sum % 10;
}

/**
 * Check digit over several slices concatenated (the composite check digits of ICAO 9303-4/5/6 §4.2.4),
 * continuing the 7-3-1 weighting across slice boundaries. `null` if a character is not MRZ.
 */
export function compositeCheckDigit(parts: readonly (readonly [text: string, start: number, end: number])[]): number | null {
  let sum = 0;
  let k = 0;
  for (const [text, start, end] of parts) {
    for (let i = start; i < end; i++, k++) {
      const value = mrzCodeValue(text.charCodeAt(i));
      if (value < 0) return null;
      sum += value * WEIGHTS[k % 3]!;
    }
  }
  return sum % 10;
}
