/**
 * Document-number keys (watchlist-matching.md §4.9, icao-9303.md §11). Key 1 is the number as issued; key 2
 * folds the confusions an OCR or keying error can introduce and the MRZ check digit may not catch.
 */
import { canonicalState } from './state-code.js';

/** Uppercase `A–Z0–9` only (fillers, spaces and hyphens dropped). */
export function normalizeDocumentNumber(number: string): string {
  if (CLEAN_RE.test(number)) return number; // MRZ numbers are already clean: skip the allocations
  return number.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
const CLEAN_RE = /^[A-Z0-9]*$/;

// O→0; I L→1; Z→2; S 5 B 8 one class; G Q→6 (§4.9).
const OCR_FOLD: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1', Z: '2', S: '8', '5': '8', B: '8', G: '6', Q: '6' };

/**
 * OCR-folded number: confusable characters mapped to one class, leading zeros stripped, and trailing `0`
 * and `K` stripped like fillers (`<`↔`0` and `K`↔`<` only occur where fillers pad the number, §11).
 */
export function ocrFoldDocumentNumber(normalized: string): string {
  let s = '';
  for (const c of normalized) s += OCR_FOLD[c] ?? c;
  return s.replace(/^0+/, '').replace(/[0K]+$/, '');
}

/** Key 1: canonical issuing state and normalised number. */
export function exactDocumentKey(issuingState: string, number: string): string {
  return `${canonicalState(issuingState)}|${normalizeDocumentNumber(number)}`;
}

/** Key 2: canonical issuing state and OCR-folded number. */
export function foldedDocumentKey(issuingState: string, number: string): string {
  return `${canonicalState(issuingState)}|${ocrFoldDocumentNumber(normalizeDocumentNumber(number))}`;
}

/** The confusable character pairs that explain how two numbers of equal length differ, e.g. `O/0, S/5`. */
export function describeOcrDifference(a: string, b: string): string {
  const pairs = new Set<string>();
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) pairs.add(`${a[i]}/${b[i]}`);
  if (a.length !== b.length) pairs.add('leading zeros or trailing fillers');
  return [...pairs].join(', ');
}

// Byte versions of the keys for the lookup hot path (document-table.ts): building `STATE|NUMBER` strings,
// folding them with per-character string concatenation and two regex replaces cost ~3 µs per lookup; the
// same keys written into a reused byte buffer cost a few hundred ns. `document-key.test.ts` proves they
// equal the string functions above.
const OCR_FOLD_BYTE = new Uint8Array(128);
for (let c = 0; c < 128; c++) OCR_FOLD_BYTE[c] = c;
for (const [from, to] of Object.entries(OCR_FOLD)) OCR_FOLD_BYTE[from.charCodeAt(0)] = to.charCodeAt(0);
const ZERO = 48;
const K = 75;

/** Longest key the byte functions write (state, `|`, number); longer input cannot be on a list (22 characters max). */
export const MAX_DOCUMENT_KEY_BYTES = 64;

/**
 * Writes key 1 (`exactDocumentKey`) as ASCII into `out` and returns its length, or −1 when the number is
 * empty after normalisation or the key would exceed `MAX_DOCUMENT_KEY_BYTES`. `out` needs that many bytes.
 */
export function writeExactDocumentKey(issuingState: string, number: string, out: Uint8Array): number {
  const state = canonicalState(issuingState);
  if (state.length + 1 >= MAX_DOCUMENT_KEY_BYTES) return -1;
  let n = 0;
  for (let i = 0; i < state.length; i++) out[n++] = state.charCodeAt(i);
  out[n++] = 124; // '|'
  const head = n;
  for (let i = 0; i < number.length; i++) {
    let c = number.charCodeAt(i);
    if (c >= 0x80) return writeExactDocumentKey(issuingState, normalizeDocumentNumber(number), out); // Unicode case rules: rare, take the string path
    if (c >= 97 && c <= 122) c -= 32;
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
      if (n >= MAX_DOCUMENT_KEY_BYTES) return -1;
      out[n++] = c;
    }
  }
  return n === head ? -1 : n;
}

/**
 * Writes key 2 (`foldedDocumentKey`) of an exact key held in `src[0, len)` into `out`; returns its length.
 * Same rules as `ocrFoldDocumentNumber`: fold, then strip leading `0` and trailing `0`/`K`.
 */
export function writeFoldedDocumentKey(src: Uint8Array, from: number, to: number, out: Uint8Array): number {
  let n = 0;
  let i = from;
  for (; i < to; i++) {
    const c = src[i]!;
    out[n++] = c;
    if (c === 124) break;
  }
  let a = i + 1;
  while (a < to && OCR_FOLD_BYTE[src[a]!] === ZERO) a++;
  let b = to;
  while (b > a) {
    const f = OCR_FOLD_BYTE[src[b - 1]!];
    if (f !== ZERO && f !== K) break;
    b--;
  }
  for (let j = a; j < b; j++) out[n++] = OCR_FOLD_BYTE[src[j]!]!;
  return n;
}
