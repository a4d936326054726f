/**
 * A compact per-token summary for the scorer (watchlist-matching.md §4.8): which letters a list token's
 * spellings contain and how long they are, two words per token in one typed array.
 *
 * Why: most pairs the scorer compares (a query's surname against a candidate's given name) are nowhere
 * near similar, yet deciding that read the token's three strings (raw, first and second fold): six
 * dependent memory reads per new token at 1M entries, the largest part of the scoring time of the slowest
 * queries. `cannotMatch` decides most of those pairs from these two words and the query's own (cached)
 * strings. It only says "cannot match" when every rule of `tokenSim` would score the pair below the match
 * floor; the scorer then skips the pair exactly as it would have (tested against `tokenSim` in
 * `token-meta.test.ts`, short tokens with X and over-long query tokens included: an independent review
 * found both gaps in the first version).
 */
import { jaroWinklerFromMatches } from './jaro-winkler.js';
import { u32 } from './large-arrays.js';

/** Length field value meaning "63 or longer": such tokens are never ruled out. */
const LONG = 63;
const NO_FILTER = 1 << 28;

/** Letter class of a character: A–Z → 0–25, fold symbols 1–5 → 26–30, anything else → 31 (shared). */
function letterIndex(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 49 && c <= 53) return c - 49 + 26;
  return 31;
}

/**
 * Letters that a spelling-variant rule of `tokenSim` lets stand for each other at the same place
 * (`SH_CH_PAIRS`, `NATIONAL_VOWEL_PAIRS`, `STRIPPED_PAIRS`): a token's signature also holds the partners of
 * its letters, so a pair those rules accept always keeps its full letter count here.
 */
const PARTNERS: readonly (readonly [string, string])[] = [['1', '2'], ['O', 'E'], ['I', 'U'], ['3', 'Z'], ['1', 'S'], ['2', '5'], ['3', 'I']];
const partnerBits = new Uint32Array(32);
for (const [a, b] of PARTNERS) {
  partnerBits[letterIndex(a.charCodeAt(0))]! |= 1 << letterIndex(b.charCodeAt(0));
  partnerBits[letterIndex(b.charCodeAt(0))]! |= 1 << letterIndex(a.charCodeAt(0));
}

function signature(s: string): number {
  let sig = 0;
  for (let i = 0; i < s.length; i++) {
    const x = letterIndex(s.charCodeAt(i));
    sig |= (1 << x) | partnerBits[x]!;
  }
  return sig;
}

/** Two words per token: letter signature of all its spellings, then lengths and first letters (layout in the code). */
export function buildTokenMeta(tokens: readonly string[], fold1: readonly string[], fold2: readonly string[]): Uint32Array {
  const meta = u32(tokens.length * 2);
  for (let t = 0; t < tokens.length; t++) {
    const raw = tokens[t]!;
    const f1 = fold1[t]!;
    const f2 = fold2[t]!;
    meta[2 * t] = (signature(raw) | signature(f1) | signature(f2)) >>> 0;
    const long = raw.length >= LONG || f1.length >= LONG || f2.length >= LONG || raw.length === 0 || f1.length === 0;
    meta[2 * t + 1] = long
      ? NO_FILTER
      : raw.length | (f1.length << 6) | (f2.length << 12) | (letterIndex(raw.charCodeAt(0)) << 18) | (letterIndex(f1.charCodeAt(0)) << 23);
  }
  return meta;
}

/** Positions of `s` whose letter is in `sig`: at least as many as `s` can match in any string of those letters. */
function lettersIn(s: string, sig: number): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if ((sig & (1 << letterIndex(s.charCodeAt(i)))) !== 0) n++;
  return n;
}

/** Upper bound of Jaro–Winkler for strings of lengths `la`, `lb` with at most `m` matches (as `jaroWinklerBound` in jaro-winkler.ts). */
function boundFor(m: number, la: number, lb: number, prefixPossible: boolean): number {
  return jaroWinklerFromMatches(Math.min(m, la, lb), la, lb, prefixPossible ? Math.min(4, la, lb) : 0);
}

/** The query side of a token comparison (a `QueryItem`). */
export interface MetaQuery {
  raw: string;
  fold1: string;
  fold2: string;
  prefix: boolean;
}

/**
 * True when token `t` cannot reach `floor` against query item `q` under any rule of `tokenSim`: no fold or
 * spelling-variant rule (each compares two spellings of equal letters but for allowed partners, so the
 * bound of that pair of spellings stays 1; every pair of spellings `tokenSim` compares is bounded here,
 * the two second folds included), no family or prefix rule (checked by the caller and here), no one-edit
 * floor (needs lengths within one and the same first letter), and even an upper bound of every
 * Jaro–Winkler it computes, stretched as it stretches, stays below the floor. Letters of class 31 (outside
 * A–Z and the fold symbols) never count as absent, and tokens of either side with a spelling of 63 letters
 * or more are never ruled out (Jaro–Winkler compares only the first 64 characters).
 */
export function cannotMatch(meta: Uint32Array, t: number, q: MetaQuery, floor: number, oneEditMinLength: number, maxStretch: number): boolean {
  const w = meta[2 * t + 1]!;
  if (q.prefix || (w & NO_FILTER) !== 0 || q.raw.length >= LONG || q.fold1.length >= LONG || q.fold2.length >= LONG) return false;
  const sig = meta[2 * t]!;
  const lenRaw = w & 63;
  const lenF1 = (w >>> 6) & 63;
  const lenF2 = (w >>> 12) & 63;
  const firstRaw = (w >>> 18) & 31;
  const firstF1 = (w >>> 23) & 31;
  const qRaw = letterIndex(q.raw.charCodeAt(0));
  const qF1 = letterIndex(q.fold1.charCodeAt(0));
  // Same first letter, or one that cannot be told apart here (class 31).
  const rawSame = qRaw === firstRaw || qRaw === 31 || firstRaw === 31;
  const f1Same = qF1 === firstF1 || qF1 === 31 || firstF1 === 31;
  const len = Math.max(q.raw.length, lenRaw);
  if (len >= oneEditMinLength && ((f1Same && Math.abs(q.fold1.length - lenF1) <= 1) || (rawSame && Math.abs(q.raw.length - lenRaw) <= 1))) return false;
  const inFold1 = lettersIn(q.fold1, sig);
  let best = boundFor(inFold1, q.fold1.length, lenF1, f1Same);
  if (lenF2 > 0) best = Math.max(best, boundFor(inFold1, q.fold1.length, lenF2, true));
  if (q.fold2 !== '') {
    // Second folds exist for tokens with X (read KS or KH): `tokenSim` compares the query's against the
    // token's first fold and, for the fold rule, against its second fold too.
    const inFold2 = lettersIn(q.fold2, sig);
    best = Math.max(best, boundFor(inFold2, q.fold2.length, lenF1, true));
    if (lenF2 > 0) best = Math.max(best, boundFor(inFold2, q.fold2.length, lenF2, true));
  }
  best = Math.max(best, boundFor(lettersIn(q.raw, sig), q.raw.length, lenRaw, rawSame));
  // `tokenSim` stretches by FUZZY_STRETCH when the first letters differ, else by 1..FUZZY_STRETCH with
  // the length; the smaller stretch (larger value) is taken unless the first letters surely differ.
  const stretch = !rawSame && !f1Same ? maxStretch : 1 + (maxStretch - 1) * Math.min(1, Math.max(0, (len - 5) / 4));
  return 1 - stretch * (1 - best) < floor - 1e-9;
}
