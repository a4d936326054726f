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
