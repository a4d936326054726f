/**
 * Name scoring (watchlist-matching.md §4.8): Jaro–Winkler on folded tokens, family and prefix rules,
 * greedy one-to-one order-free alignment (merged/split tokens included), weighted mean with a cheap
 * missing patronymic and an expensive contradicted one. Hot path: no allocation unless `detail` is asked for.
 */
import { jaroWinkler, jaroWinklerBound } from './jaro-winkler.js';
import { foldClassesOf, FOLD_CLASS_LABEL, TOKEN_PATRONYMIC, TOKEN_SURNAME } from './fold-name.js';
import { FAMILY_NAMES } from './token-keys.js';
import type { PreparedQuery } from './person-query.js';
import type { TokenSimCache } from './token-sim-cache.js';
import { cannotMatch } from './token-meta.js';

/** Token similarity below this counts as unmatched. */
export const TOKEN_MATCH_MIN = 0.8;
/** Tokens folded to the same string (spelling-variant classes). */
export const SIM_FOLDED = 0.98;
/** Factor applied to (1 − Jaro–Winkler) of tokens that no fold, family or prefix rule explains. */
export const FUZZY_STRETCH = 2.5;
/** Tokens whose folds differ only between the SH and CH classes (Soviet-era Ш = CH). */
export const SIM_SH_CH = 0.95;
/** Tokens whose folds differ only by O/E or U/I in the same places (Ө and Ү routes). */
export const SIM_NATIONAL_VOWEL = 0.93;
/**
 * Tokens whose folds differ only where a table with diacritics lost them (ISO 9 and scientific
 * transliteration without háčeks: Ж → Z, Ш/Щ → S, Ч → C; Й → J against I), e.g. ZHANYSHBOLOVA ~ ZANYSBOLOVA.
 */
export const SIM_STRIPPED = 0.93;
/** Floor for tokens (≥ 5 letters) one edit apart after an agreeing first letter: a single keying/OCR error. */
export const SIM_ONE_EDIT = 0.88;
/** Tokens of the same curated name family. */
export const SIM_FAMILY = 0.92;

export const WEIGHT = { surname: 1.3, other: 1.0, unmatchedQuery: 0.6, unmatchedInitial: 0.2, unmatchedEntry: 0.3, unmatchedPatronymic: 0.05, orderPenalty: 0.02 } as const;

const KIND_EXACT = 0;
const KIND_FOLDED = 1;
const KIND_FAMILY = 2;
const KIND_FUZZY = 3;
const KIND_PREFIX = 4;
const KIND_STRIPPED = 5;

/** Token data of the index the scorer reads. */
export interface TokenSource {
  tokens: string[];
  tokFold1: string[];
  tokFold2: string[];
  tokFamily: Int16Array;
  tokenIdOf(text: string): number | undefined;
  /** True for a token common enough on the list to be a name in its own right (common-name guard, §4.6). */
  isCommon(token: number): boolean;
  /**
   * Per-query memo of `tokenSim` by (query item, token id); the owner calls `begin(items.length)` before each
   * query. Without it every pair is computed afresh.
   */
  readonly simCache?: TokenSimCache;
  /** Letter signatures and lengths per token (`buildTokenMeta`), to rule out far-apart pairs without their strings. */
  readonly tokMeta?: Uint32Array;
  /**
   * Length of each token capped at 255 (`tokenLengths`), so the length tests of merged/split pairs read one
   * byte of a small array instead of the token's string (a cache miss per token at 1M entries).
   */
  readonly tokLen?: Uint8Array;
}

/** Token lengths capped at 255, for `TokenSource.tokLen`. */
export function tokenLengths(tokens: readonly string[]): Uint8Array {
  // A loop, not `Uint8Array.from(tokens, f)` (V8's generic iterator path: ~20 ms of a 1M-entry snapshot load).
  const out = new Uint8Array(tokens.length);
  for (let t = 0; t < tokens.length; t++) out[t] = Math.min(255, tokens[t]!.length);
  return out;
}

/** Length of token `t` (from `tokLen` unless capped). */
function tokenLength(src: TokenSource, t: number): number {
  const n = src.tokLen === undefined ? 255 : src.tokLen[t]!;
  return n < 255 ? n : src.tokens[t]!.length;
}

/** One aligned pair, for reasons. */
export interface AlignedPair {
  query: string;
  entry: string;
  kind: number;
  sim: number;
  entryRole: number;
  family: number;
  merged: boolean;
}

/** Why a name scored as it did (filled only when asked). */
export interface NameDetail {
  pairs: AlignedPair[];
  missingPatronymic: string[];
  contradicted: [string, string] | undefined;
  swapped: boolean;
}

const MAX_E = 16;
const eTok = new Int32Array(MAX_E);
const eMask = new Uint32Array(MAX_E);
const eRole = new Uint8Array(MAX_E);
const eBase = new Int32Array(MAX_E);
const MAX_P = 8 * MAX_E;
const pSim = new Float64Array(MAX_P);
const pQ = new Uint8Array(MAX_P);
const pE = new Uint8Array(MAX_P);
const pKind = new Uint8Array(MAX_P);
const order = new Uint16Array(MAX_P);

let lastKind = 0;

/** Tokens of at least this many letters get the one-edit floor. */
const ONE_EDIT_MIN_LENGTH = 5;

/** Similarity of query item `q` and list token `t` (kind in `lastKind`); exported for tests of its shortcuts. */
export function tokenSim(src: TokenSource, q: PreparedQuery['items'][number], t: number): number {
  // Pairs that no rule below can bring to the match floor, decided without reading the token's strings
  // (see token-meta.ts); any value under the floor drops a pair alike.
  const meta = src.tokMeta;
  if (meta !== undefined && !(q.family >= 0 && q.family === src.tokFamily[t]) && cannotMatch(meta, t, q, TOKEN_MATCH_MIN, ONE_EDIT_MIN_LENGTH, FUZZY_STRETCH)) {
    return (lastKind = KIND_FUZZY), 0;
  }
  const raw = src.tokens[t]!;
  if (q.raw === raw) return (lastKind = KIND_EXACT), 1;
  const f1 = src.tokFold1[t]!;
  const f2 = src.tokFold2[t]!;
  if (q.fold1 === f1 || (f2 !== '' && q.fold1 === f2) || (q.fold2 !== '' && (q.fold2 === f1 || q.fold2 === f2))) {
    return (lastKind = KIND_FOLDED), SIM_FOLDED;
  }
  // Soviet-era passports wrote Ш as CH (French-based table, §3.2), so the SH and CH classes meet here
  // (ALICHER ~ ALISHER, CHAMCHYALOV ~ SHAMSHYALOV), a little below a true fold.
  if (sameModuloPairs(q.fold1, f1, SH_CH_PAIRS) || (f2 !== '' && sameModuloPairs(q.fold1, f2, SH_CH_PAIRS)) || (q.fold2 !== '' && sameModuloPairs(q.fold2, f1, SH_CH_PAIRS))) {
    return (lastKind = KIND_FOLDED), SIM_SH_CH;
  }
  // Kyrgyz/Kazakh Ө and Ү by their other routes (§3.3): Ө as E (a Russian record's Ё: ÜSÖN → USEN), Ү as
  // Y (folded to I): DÖÖLÖT = DOOLOT = DEELET, BÜBÜNURA = BUBUNURA = BYBYNURA.
  if (sameModuloPairs(q.fold1, f1, NATIONAL_VOWEL_PAIRS)) return (lastKind = KIND_FOLDED), SIM_NATIONAL_VOWEL;
  // Lists and documents written with ISO 9 / GOST 7.79 whose diacritics were dropped (§3.2, T2 of §5.2).
  if (sameModuloPairs(q.fold1, f1, STRIPPED_PAIRS) || (f2 !== '' && sameModuloPairs(q.fold1, f2, STRIPPED_PAIRS)) || (q.fold2 !== '' && sameModuloPairs(q.fold2, f1, STRIPPED_PAIRS))) {
    return (lastKind = KIND_STRIPPED), SIM_STRIPPED;
  }
  // Stretch plain Jaro–Winkler below 1 (s → 1 − 2(1 − s)): its prefix bonus rates different names that
  // share a long stem (SABYRMYRZOV/SAPARMYRZOV 0.86) about as high as a one-letter typo (0.93 → 0.86);
  // measured on the evaluation set, this halves false positives at the same recall. Single typos do not pay
  // for it: they get the one-edit floor below.
  // Short tokens keep plain Jaro–Winkler (its strength on JON/JOHN); the stretch grows to FUZZY_STRETCH from 6 to 9 letters.
  const len = Math.max(q.raw.length, raw.length);
  // A different first letter that no fold or family explains (VETROV/PETROV) gets the full stretch at any
  // length: keying errors rarely hit the first letter, different surnames often differ only there.
  const firstDiffers = q.fold1.charCodeAt(0) !== f1.charCodeAt(0) && q.raw.charCodeAt(0) !== raw.charCodeAt(0);
  const stretch = firstDiffers ? FUZZY_STRETCH : 1 + (FUZZY_STRETCH - 1) * Math.min(1, Math.max(0, (len - 5) / 4));
  // Most pairs a candidate brings (the query's surname against its given name) are nowhere near similar:
  // when even an upper bound of every Jaro–Winkler below, stretched, stays under the match floor, the exact
  // values cannot reach it either, and any value under the floor drops the pair alike (`scoreName`). The
  // floors below still apply. Measured at 1M entries: a third of the slowest queries' scoring time was here.
  let best = jaroWinklerBound(q.fold1, f1);
  if (f2 !== '') best = Math.max(best, jaroWinklerBound(q.fold1, f2));
  if (q.fold2 !== '') best = Math.max(best, jaroWinklerBound(q.fold2, f1));
  best = Math.max(best, jaroWinklerBound(q.raw, raw));
  if (1 - stretch * (1 - best) >= TOKEN_MATCH_MIN) {
    best = jaroWinkler(q.fold1, f1);
    if (f2 !== '') best = Math.max(best, jaroWinkler(q.fold1, f2));
    if (q.fold2 !== '') best = Math.max(best, jaroWinkler(q.fold2, f1));
    // The fold can amplify a one-letter OCR error (ZHYIAI → 3AI against ZHYLAI → 3ILAI): the raw spelling then scores better.
    if (best < 0.9) best = Math.max(best, jaroWinkler(q.raw, raw));
  }
  best = Math.max(0, 1 - stretch * (1 - best));
  // One keying/OCR error (substitution, insertion, deletion, adjacent transposition) after the first letter
  // of a token of five letters or more (§5.2 E1): Jaro–Winkler loses its prefix bonus when the error sits in
  // the second or third letter (TOLEBEKOVA/TELEBEKOVA 0.87 → 0.75 stretched), so such pairs get a floor.
  // The first letter must agree: an error there is indistinguishable from another name (VETROV/PETROV).
  if (best < SIM_ONE_EDIT && len >= ONE_EDIT_MIN_LENGTH && (oneEditAfterFirst(q.fold1, f1) || oneEditAfterFirst(q.raw, raw))) best = SIM_ONE_EDIT;
  lastKind = KIND_FUZZY;
  // Common-name guard: two different names that are both common on the list (NURLAN/ERLAN, ASKAR/ASKAT)
  // are different names, not spelling variants or typos of each other.
  // A suffix added or dropped (IVANOV/IVANOVA, RAHMON/RAHMONOV) is a variant, not another name.
  if (q.common && src.isCommon(t) && !f1.startsWith(q.fold1) && !q.fold1.startsWith(f1) && !raw.startsWith(q.raw) && !q.raw.startsWith(raw)) best = Math.min(best, TOKEN_MATCH_MIN - 0.01);
  if (q.family >= 0 && q.family === src.tokFamily[t] && best < SIM_FAMILY) (best = SIM_FAMILY), (lastKind = KIND_FAMILY);
  if (q.prefix && (f1.startsWith(q.fold1) || raw.startsWith(q.raw))) {
    const p = q.raw.length >= 3 ? 0.95 : 0.9;
    if (p > best) (best = p), (lastKind = KIND_PREFIX);
  }
  return best;
}

// Letter pairs as `min * 128 + max` of their char codes. Fold symbols (fold-name.ts): 1 = SH class, 2 = CH
// class, 3 = ZH/J class, 5 = TS/C class.
const pair = (x: string, y: string): number => Math.min(x.charCodeAt(0), y.charCodeAt(0)) * 128 + Math.max(x.charCodeAt(0), y.charCodeAt(0));
/** Soviet-era Ш written CH: the SH and CH fold classes meet. */
const SH_CH_PAIRS = new Set([pair('1', '2')]);
/** Ө and Ү by their other routes: O/E and U/I at the same places. */
const NATIONAL_VOWEL_PAIRS = new Set([pair('O', 'E'), pair('I', 'U')]);
/** ISO 9 without diacritics: Ж as Z (3/Z), Ш as S (1/S), Ч as C (2/5), Й as J against I (3/I). */
const STRIPPED_PAIRS = new Set([pair('3', 'Z'), pair('1', 'S'), pair('2', '5'), pair('3', 'I')]);

/** Equal strings except for letter pairs of `pairs` at the same positions (at least one). No allocation. */
function sameModuloPairs(a: string, b: string, pairs: ReadonlySet<number>): boolean {
  if (a.length !== b.length) return false;
  let differs = false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (!pairs.has(x < y ? x * 128 + y : y * 128 + x)) return false;
    differs = true;
  }
  return differs;
}

/**
 * Optimal-string-alignment distance exactly 1 with the first letters equal, without allocating
 * (the hot-path twin of `withinOneEdit` in fold-name.ts, which slices strings).
 */
export function oneEditAfterFirst(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (a === b || Math.abs(la - lb) > 1 || la === 0 || lb === 0 || a.charCodeAt(0) !== b.charCodeAt(0)) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  let j = la - 1;
  let k = lb - 1;
  while (j >= i && k >= i && a.charCodeAt(j) === b.charCodeAt(k)) j--, k--;
  // Remaining differing windows a[i..j], b[i..k].
  const wa = j - i + 1;
  const wb = k - i + 1;
  if (wa <= 1 && wb <= 1) return true; // one substitution, insertion or deletion
  return wa === 2 && wb === 2 && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i);
}

function similarLength(a: number, b: number): boolean {
  return Math.min(a, b) >= 0.75 * Math.max(a, b);
}

function popcount(x: number): number {
  let c = 0;
  while (x !== 0) (x &= x - 1), c++;
  return c;
}

/**
 * Score in 0..1 of the query's name against one entry name (token occurrences `from..to` of `occTok`).
 * With `detail`, also records the alignment for reasons.
 */
export function scoreName(src: TokenSource, q: PreparedQuery, occTok: Uint32Array, occRole: Uint8Array, from: number, to: number, detail?: NameDetail): number {
  // Entry items: tokens, then adjacent same-field concatenations that exist in the dictionary.
  let ne = 0;
  const nTok = Math.min(to - from, 12);
  for (let i = 0; i < nTok; i++) (eTok[ne] = occTok[from + i]!), (eMask[ne] = 1 << i), (eRole[ne] = occRole[from + i]!), ne++;
  const items = q.items;
  for (let i = 0; i + 1 < nTok && ne < MAX_E; i++) {
    const r = occRole[from + i]!;
    const r2 = occRole[from + i + 1]!;
    if ((r & TOKEN_SURNAME) !== (r2 & TOKEN_SURNAME) || ((r | r2) & TOKEN_PATRONYMIC) !== 0) continue;
    // A concatenation pairs only with a single query token of similar length (see the pair loop below):
    // when there is none, it is not looked up (joining the two strings and hashing the result cost more
    // than the rest of this loop).
    const joined = tokenLength(src, occTok[from + i]!) + tokenLength(src, occTok[from + i + 1]!);
    let pairable = false;
    for (let qi = 0; qi < items.length && !pairable; qi++) {
      const m = items[qi]!.mask;
      pairable = !(m > 0 && (m & (m - 1)) !== 0) && similarLength(items[qi]!.raw.length, joined);
    }
    if (!pairable) continue;
    const id = src.tokenIdOf(src.tokens[occTok[from + i]!]! + src.tokens[occTok[from + i + 1]!]!);
    if (id === undefined) continue;
    (eTok[ne] = id), (eMask[ne] = 3 << i), (eRole[ne] = r & ~TOKEN_PATRONYMIC), ne++;
  }
  // Candidate pairs above the match floor (a merged item never pairs with a merged item).
  let np = 0;
  const cache = src.simCache;
  // Memo positions per entry item, looked up once here rather than once per pair.
  if (cache !== undefined) for (let ei = 0; ei < ne; ei++) eBase[ei] = cache.base(eTok[ei]!);
  for (let qi = 0; qi < items.length; qi++) {
    const qMerged = items[qi]!.mask > 0 && (items[qi]!.mask & (items[qi]!.mask - 1)) !== 0;
    for (let ei = 0; ei < ne; ei++) {
      if (qMerged && ei >= nTok) continue;
      // A surname on the document is not the list's patronymic (ALISHEROV vs ALISHEROVICH).
      // (An initial or a patronymic-shaped token in the surname field of a swapped name may still be one.)
      if ((eRole[ei]! & TOKEN_PATRONYMIC) !== 0 && (items[qi]!.role & (TOKEN_SURNAME | TOKEN_PATRONYMIC)) === TOKEN_SURNAME && items[qi]!.raw.length > 1) continue;
      // Merged/split pairs only between items of similar length: Jaro–Winkler's prefix bonus would
      // otherwise pair a short token with a long concatenation.
      if ((qMerged || ei >= nTok) && !similarLength(items[qi]!.raw.length, tokenLength(src, eTok[ei]!))) continue;
      let s: number;
      let kind: number;
      if (cache !== undefined) {
        // Memoised per query (see token-sim-cache.ts): survivors share few distinct tokens.
        const cell = eBase[ei]! < 0 ? -1 : eBase[ei]! + qi;
        s = cache.sim(cell);
        if (s < 0) (s = tokenSim(src, items[qi]!, eTok[ei]!)), (kind = lastKind), cache.set(cell, s, kind);
        else kind = cache.kind(cell);
      } else (s = tokenSim(src, items[qi]!, eTok[ei]!)), (kind = lastKind);
      if (s < TOKEN_MATCH_MIN) continue;
      (pSim[np] = s), (pQ[np] = qi), (pE[np] = ei), (pKind[np] = kind), (order[np] = np), np++;
    }
  }
  // Insertion sort by similarity, best first (np is small).
  for (let i = 1; i < np; i++) {
    const o = order[i]!;
    let j = i - 1;
    while (j >= 0 && pSim[order[j]!]! < pSim[o]!) (order[j + 1] = order[j]!), j--;
    order[j + 1] = o;
  }
  let usedQ = 0;
  let usedE = 0;
  let num = 0;
  let den = 0;
  let swapped = false;
  for (let k = 0; k < np; k++) {
    const p = order[k]!;
    const qm = items[pQ[p]!]!.mask;
    const em = eMask[pE[p]!]!;
    if ((usedQ & qm) !== 0 || (usedE & em) !== 0) continue;
    usedQ |= qm;
    usedE |= em;
    const role = eRole[pE[p]!]!;
    const w = ((role & TOKEN_SURNAME) !== 0 ? WEIGHT.surname : WEIGHT.other) * Math.max(popcount(qm), popcount(em));
    num += w * pSim[p]!;
    den += w;
    if ((role & TOKEN_SURNAME) !== (items[pQ[p]!]!.role & TOKEN_SURNAME)) swapped = true;
    if (detail !== undefined) {
      const qi = items[pQ[p]!]!;
      detail.pairs.push({ query: qi.raw, entry: src.tokens[eTok[pE[p]!]!]!, kind: pKind[p]!, sim: pSim[p]!, entryRole: role, family: qi.family, merged: popcount(qm) + popcount(em) > 2 });
    }
  }
  // Unmatched tokens; a query patronymic facing an unmatched entry patronymic is a contradiction.
  let qPatr = -1;
  let ePatr = -1;
  for (let i = 0; i < q.tokenCount; i++) {
    if ((usedQ & (1 << i)) !== 0) continue;
    if ((items[i]!.role & TOKEN_PATRONYMIC) !== 0 && qPatr < 0) qPatr = i;
    else den += items[i]!.raw.length === 1 ? WEIGHT.unmatchedInitial : WEIGHT.unmatchedQuery;
  }
  for (let i = 0; i < nTok; i++) {
    if ((usedE & (1 << i)) !== 0) continue;
    if ((eRole[i]! & TOKEN_PATRONYMIC) !== 0) {
      if (ePatr < 0) ePatr = i;
      else den += WEIGHT.unmatchedPatronymic;
    } else den += WEIGHT.unmatchedEntry;
  }
  if (qPatr >= 0 && ePatr >= 0) {
    const s = jaroWinkler(items[qPatr]!.fold1, src.tokFold1[eTok[ePatr]!]!);
    num += s;
    den += 1;
    if (detail !== undefined) detail.contradicted = [items[qPatr]!.raw, src.tokens[eTok[ePatr]!]!];
  } else {
    if (qPatr >= 0) den += WEIGHT.unmatchedQuery;
    if (ePatr >= 0) {
      den += WEIGHT.unmatchedPatronymic;
      if (detail !== undefined) detail.missingPatronymic.push(src.tokens[eTok[ePatr]!]!);
    }
  }
  if (detail !== undefined) detail.swapped = swapped;
  if (den === 0) return 0;
  return num / den - (swapped ? WEIGHT.orderPenalty : 0);
}

function variantLabel(q: string, e: string): string {
  const a = foldClassesOf(q);
  const b = foldClassesOf(e);
  const labels: string[] = [];
  for (const sym of new Set([...a.keys(), ...b.keys()])) {
    const qa = (a.get(sym) ?? []).join('+');
    const eb = (b.get(sym) ?? []).join('+');
    if (qa !== eb) labels.push(`${qa || '-'}/${eb || '-'}`.replace(/^-\//, `${FOLD_CLASS_LABEL[sym] ?? sym}: -/`));
  }
  if (/X/.test(q) !== /X/.test(e)) labels.push('X/KS');
  if (labels.length === 0) labels.push(/Y/.test(q) !== /Y/.test(e) || /Y/.test(q) ? 'Y/I, iotated vowel or double letter' : 'vowel or double letter');
  return labels.join(', ');
}

/** Human-readable reasons with their stable codes, for one aligned name. */
export function nameReasons(d: NameDetail): { code: string; text: string }[] {
  const out: { code: string; text: string }[] = [];
  for (const p of d.pairs) {
    const part = (p.entryRole & TOKEN_SURNAME) !== 0 ? 'surname' : (p.entryRole & TOKEN_PATRONYMIC) !== 0 ? 'patronymic' : 'given name';
    const merged = p.merged ? ' (merged/split tokens)' : '';
    if (p.kind === KIND_EXACT) out.push({ code: 'name-exact', text: `${part} ${p.query} matches${merged}` });
    else if (p.kind === KIND_FOLDED) out.push({ code: 'name-folded', text: `${part} ${p.query} ~ ${p.entry}: ${variantLabel(p.query, p.entry)} variant${merged}` });
    else if (p.kind === KIND_STRIPPED) out.push({ code: 'name-folded', text: `${part} ${p.query} ~ ${p.entry}: transliteration without diacritics (ISO 9: Ž Š Č → Z S C, Й → J)${merged}` });
    else if (p.kind === KIND_FAMILY) out.push({ code: 'name-family', text: `${part} ${p.query} ~ ${p.entry}: same name family (${FAMILY_NAMES[p.family] ?? '?'})${merged}` });
    else if (p.kind === KIND_PREFIX) out.push({ code: 'name-truncated', text: `${part} ${p.query} is the start of ${p.entry} (MRZ name may be truncated)` });
    else out.push({ code: 'name-fuzzy', text: `${part} ${p.query} ~ ${p.entry}: similar spelling (${p.sim.toFixed(2)})${merged}` });
  }
  for (const m of d.missingPatronymic) out.push({ code: 'patronymic-missing', text: `patronymic ${m} on the list, not on the document` });
  if (d.contradicted !== undefined) out.push({ code: 'patronymic-differs', text: `patronymic ${d.contradicted[0]} differs from ${d.contradicted[1]} on the list` });
  if (d.swapped) out.push({ code: 'name-order', text: 'given name and surname in swapped roles' });
  return out;
}
