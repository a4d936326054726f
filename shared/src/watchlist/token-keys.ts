/**
 * Index keys of one name token (watchlist-matching.md §4.4): skeleton of each fold (`s:`), skeleton of the
 * unfolded token (`r:`, so a typo that breaks a digraph still lands near), and the name-family symbol (`f:`).
 * Concatenations of adjacent tokens (`ABDUL RAHMAN` → `ABDULRAHMAN`) carry skeleton and family keys only.
 */
import { NAME_FAMILIES } from './name-families.js';
import { familyOf, foldToken, skeleton } from './fold-name.js';

/** Family names in a fixed order; a token's family is an index into this list (−1 = none). */
export const FAMILY_NAMES: readonly string[] = Object.keys(NAME_FAMILIES);
const FAMILY_INDEX = new Map(FAMILY_NAMES.map((f, i) => [f, i]));

/** Folds, family and keys of one token. */
export interface TokenAnalysis {
  fold1: string;
  /** Second fold of a token containing `X`, else ''. */
  fold2: string;
  family: number;
  keys: string[];
}

/**
 * Minimum key length (after the two-character type prefix) that gets one-edit neighbours (§4.6). The doc
 * says 4 characters of key; skeletons drop vowels, so most surnames have 3–4-letter skeletons and 3 keeps
 * one-letter typos in them retrievable (measured on the evaluation set: E1 recall rises sharply).
 */
export const MIN_NEIGHBOUR_KEY_LENGTH = 3;

/** Analyses a normalised token (`A–Z`). `concat` = the token is two adjacent tokens joined. */
export function analyzeToken(token: string, concat = false): TokenAnalysis {
  const folds = foldToken(token);
  const fold1 = folds[0];
  const fold2 = folds[1] ?? '';
  let familyName = familyOf(fold1);
  if (familyName === undefined && fold2 !== '') familyName = familyOf(fold2);
  const family = familyName === undefined ? -1 : (FAMILY_INDEX.get(familyName) ?? -1);
  const keys = [`s:${skeleton(fold1)}`];
  if (fold2 !== '') keys.push(`s:${skeleton(fold2)}`);
  if (!concat) keys.push(`r:${skeleton(token)}`);
  if (family >= 0) keys.push(`f:${family}`);
  return { fold1, fold2, family, keys: [...new Set(keys)] };
}

/** True when key `k` (with its type prefix) should get one-edit neighbours. */
export function neighbourable(k: string): boolean {
  return (k.startsWith('s:') || k.startsWith('r:')) && k.length - 2 >= MIN_NEIGHBOUR_KEY_LENGTH;
}

/** The key itself and all its one-deletion variants (type prefix kept), for the symmetric-deletion map. */
export function deletionVariants(k: string): string[] {
  const head = k.slice(0, 2);
  const body = k.slice(2);
  const out = [k];
  for (let i = 0; i < body.length; i++) out.push(head + body.slice(0, i) + body.slice(i + 1));
  return out;
}

