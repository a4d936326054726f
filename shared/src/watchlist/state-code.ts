/**
 * Issuing-state and nationality codes as the matcher compares them (icao-9303.md §9, §12): `D` (or `D<<`)
 * is Germany's `DEU`, and `XXK` (a non-9303 code seen for Kosovo) is `RKS`.
 */
const CLEAN_RE = /^[A-Z]{3}$/;
const ALIASES: Readonly<Record<string, string>> = { D: 'DEU', XXK: 'RKS' };

/** Canonical form of an ICAO state code: uppercase, fillers dropped, `D` → `DEU`, `XXK` → `RKS`. */
export function canonicalState(code: string): string {
  if (code.length === 3 && CLEAN_RE.test(code) && code !== 'XXK') return code; // fast path for the lookup hot path
  const c = code.toUpperCase().replace(/[^A-Z]/g, '');
  return ALIASES[c] ?? c;
}
