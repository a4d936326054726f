/**
 * Allocation-free lookup of a 3-character State field (ICAO 9303-3 §5): the characters index a
 * 27³-entry byte table (`<` = 0, `A`–`Z` = 1–26), so the hot path never builds a substring.
 */
import { ICAO_SPECIAL_STATE_CODES, ISO_3166_ALPHA3, type StateCodeUse } from './state-codes.js';

export const STATE_ISSUER = 1;
export const STATE_NATIONALITY = 2;
export const STATE_SPECIMEN = 4;
export const STATE_XXK = 8;
export const STATE_NEVER = 16;

const USE_FLAGS: Record<StateCodeUse, number> = {
  'issuer-and-nationality': STATE_ISSUER | STATE_NATIONALITY,
  'nationality-only': STATE_NATIONALITY,
  specimen: STATE_ISSUER | STATE_NATIONALITY | STATE_SPECIMEN,
  'deviation-xxk': STATE_XXK,
  never: STATE_NEVER,
};

const table = new Uint8Array(27 * 27 * 27);

function slotOf(c: number): number {
  return c === 60 ? 0 : c >= 65 && c <= 90 ? c - 64 : -1;
}

function indexOfCode(code: string): number {
  const padded = (code + '<<<').slice(0, 3);
  return slotOf(padded.charCodeAt(0)) * 729 + slotOf(padded.charCodeAt(1)) * 27 + slotOf(padded.charCodeAt(2));
}

for (const code of ISO_3166_ALPHA3) table[indexOfCode(code)] = STATE_ISSUER | STATE_NATIONALITY;
for (const s of ICAO_SPECIAL_STATE_CODES) table[indexOfCode(s.code)] = USE_FLAGS[s.use];

/**
 * One bit per field value: set for the ordinary codes (valid as issuer and nationality, nothing
 * special), i.e. nearly every real document. 2.5 KB instead of the 19.7 KB byte table, so the two
 * lookups per parse hit a table small enough to stay cached (on the loaded shared machine a large
 * memo table of ISO dates measurably slowed parsing through cache misses; this applies the same
 * lesson, its own gain is within the noise). The byte table answers everything else.
 */
const ORDINARY = new Int32Array(Math.ceil(table.length / 32));
for (let i = 0; i < table.length; i++) if (table[i] === (STATE_ISSUER | STATE_NATIONALITY)) ORDINARY[i >>> 5]! |= 1 << (i & 31);

/**
 * Flags of the State field at `text[start..start+3)`: `STATE_*` bits, 0 when unknown. The caller has
 * checked the syntax (letters left-aligned, `<` padding), so every character is `A`–`Z` or `<`.
 */
export function stateCodeFlags(text: string, start: number): number {
  const a = slotOf(text.charCodeAt(start));
  const b = slotOf(text.charCodeAt(start + 1));
  const c = slotOf(text.charCodeAt(start + 2));
  if (a < 0 || b < 0 || c < 0) return 0;
  return stateCodeFlagsAt(a * 729 + b * 27 + c);
}

/**
 * Flags of the State field whose characters give `index` = a·27² + b·27 + c (`<` = 0, `A`–`Z` =
 * 1–26), for callers that already hold the character codes (the clean-document fast path).
 */
export function stateCodeFlagsAt(index: number): number {
  if ((ORDINARY[index >>> 5]! >>> (index & 31)) & 1) return STATE_ISSUER | STATE_NATIONALITY;
  return table[index] ?? 0;
}

