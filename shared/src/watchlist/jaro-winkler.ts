/**
 * Jaro–Winkler similarity (prefix scale 0.1, prefix up to 4), watchlist-matching.md §4.8. Hand-written
 * rather than taken from a package because it runs on the screening hot path (a few hundred calls per query)
 * and must not allocate: match flags live in two reused buffers. Names are short (≤ 64 characters compared).
 */
const MAX = 64;
const flagsA = new Uint8Array(MAX);
const flagsB = new Uint8Array(MAX);

/** Jaro–Winkler similarity of two strings in 0..1 (1 = equal). Strings longer than 64 are compared on their first 64 characters. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = Math.min(a.length, MAX);
  const lb = Math.min(b.length, MAX);
  if (la === 0 || lb === 0) return 0;
  const range = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - t / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const letterCounts = new Int8Array(128);

/**
 * An upper bound of `jaroWinkler(a, b)`: the Jaro formula with the letters the two strings share as
 * multisets (a superset of Jaro's matches, which must also lie within the match window) and no
 * transpositions, plus the true prefix bonus. About a third of the work of `jaroWinkler`; the scorer uses
 * it to skip the exact similarity of token pairs that cannot come near the match floor (most pairs of a
 * query's tokens with a candidate's other names). Letters are counted by their low 7 bits, so a
 * non-ASCII letter can only meet more partners than it has, which keeps this a bound.
 */
export function jaroWinklerBound(a: string, b: string): number {
  if (a === b) return 1;
  const la = Math.min(a.length, MAX);
  const lb = Math.min(b.length, MAX);
  if (la === 0 || lb === 0) return 0;
  for (let i = 0; i < la; i++) letterCounts[a.charCodeAt(i) & 127]!++;
  let m = 0;
  for (let j = 0; j < lb; j++) {
    const c = b.charCodeAt(j) & 127;
    if (letterCounts[c]! > 0) letterCounts[c]!--, m++;
  }
  for (let i = 0; i < la; i++) letterCounts[a.charCodeAt(i) & 127] = 0;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaroWinklerFromMatches(m, la, lb, prefix);
}

/**
 * Jaro–Winkler of strings of lengths `la`, `lb` (at most 64 each, as compared) with `m` matches, no
 * transpositions and a common prefix of `prefix` letters: the upper bound `jaroWinklerBound` and the
 * scorer's string-free bound (token-meta.ts) both come down to it.
 */
export function jaroWinklerFromMatches(m: number, la: number, lb: number, prefix: number): number {
  if (m === 0) return 0;
  const jaro = (m / la + m / lb + 1) / 3;
  return jaro + prefix * 0.1 * (1 - jaro);
}
