/**
 * Name normalisation and folding (watchlist-matching.md §4.3, icao-9303.md §14), applied identically to
 * list names and MRZ names. The fold is lossy on purpose: it serves retrieval and scoring, never display.
 */
import { NAME_FAMILIES } from './name-families.js';
import { transliterateCyrillic } from './transliterate-cyrillic.js';

/** Patronymic markers (Kyrgyz UULU/KYZY, Kazakh ULY, Uzbek OGLI/QIZI, Azerbaijani OGLU/GYZY), MRZ spelling. */
const MARKERS = ['UULU', 'KYZY', 'ULY', 'OGLU', 'OGLI', 'OGLY', 'QIZI', 'KIZI', 'GYZY', 'UULY', 'KYZI'];
const MARKER_SET = new Set(MARKERS);
const PARTICLES = new Set(['AL', 'EL', 'BIN', 'IBN', 'BINT']);
// Russian and Ukrainian patronymic endings (§3.5); only tagged in a given-name position after the first.
const PATRONYMIC_RE = /(?:OVICH|EVICH|OVYCH|EVYCH|ICH|OVNA|EVNA|ICHNA|IVNA|YIVNA|INICHNA)$/;

/** Latin letters ICAO 9303 Part 3 §6 A writes with more than one letter; the rest lose their diacritics. */
const LATIN_SPECIAL: Readonly<Record<string, string>> = { ß: 'SS', ẞ: 'SS', Æ: 'AE', æ: 'AE', Ø: 'OE', ø: 'OE', Þ: 'TH', þ: 'TH', Ð: 'D', ð: 'D', Ł: 'L', ł: 'L', Œ: 'OE', œ: 'OE', İ: 'I', ı: 'I' };
const LATIN_SPECIAL_RE = /[ßẞÆæØøÞþÐðŁłŒœİı]/g;

/** Role bits of a token inside a name. */
export const TOKEN_SURNAME = 1;
export const TOKEN_PATRONYMIC = 2;

/** One normalised name component. */
export interface NameToken {
  /** Uppercase `A–Z` only, markers and particles removed. */
  text: string;
  /** `TOKEN_SURNAME` when it came from the surname field; `TOKEN_PATRONYMIC` when tagged as patronymic. */
  role: number;
}

/** A normalised name: its tokens in order and whether a patronymic marker was present. */
export interface NormalizedName {
  tokens: NameToken[];
  hadMarker: boolean;
}

/** Optimal-string-alignment distance ≤ 1 (substitution, insertion, deletion, adjacent transposition). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** True for a marker token, including one-edit misspellings of the four-letter markers (§4.3) and other spellings that fold alike (`OUOULOU`). */
export function isMarker(token: string): boolean {
  if (MARKER_SET.has(token)) return true;
  if (token.length > 8) return false;
  // A misspelt four-letter marker may contain any letter (`KVZY` for `KYZY`); other spellings that fold
  // to a marker use only the marker letters.
  if (!MARKER_LETTERS_RE.test(token) && (token.length < 3 || token.length > 5)) return false;
  // Memoised: the build asks this for every word of a million names, and the answer is per word.
  let v = markerMemo.get(token);
  if (v === undefined) {
    v = (MARKER_LETTERS_RE.test(token) && FOLDED_MARKERS.has(foldToken(token)[0])) || (token.length >= 3 && token.length <= 5 && MARKERS.some((m) => m.length === 4 && withinOneEdit(token, m)));
    if (markerMemo.size > 100_000) markerMemo.clear();
    markerMemo.set(token, v);
  }
  return v;
}
const markerMemo = new Map<string, boolean>();
// Only words made of these letters can fold to a marker (UULU, KYZY, OGLI, QIZI, GYZY and their spellings).
const MARKER_LETTERS_RE = /^[UOLYIKZQGEH]+$/;

/** True when `token` is the start of a patronymic marker (a truncated MRZ field may cut one). */
export function isMarkerPrefix(token: string): boolean {
  return MARKERS.some((m) => m.startsWith(token));
}

function stripGluedMarker(token: string): string | undefined {
  for (const m of MARKERS) {
    if (token.length >= m.length + 3 && token.endsWith(m)) return token.slice(0, token.length - m.length);
  }
  return undefined;
}

const PLAIN_RE = /^[A-Z <-]*$/;

/** Uppercase Latin `A–Z` words of one Latin string (diacritics stripped, apostrophes dropped, ICAO 9303-3 §4.6). */
export function latinWords(text: string): string[] {
  // Fast path for MRZ-style input (the common case on both sides): no diacritics to strip.
  if (PLAIN_RE.test(text)) return text.split(/[^A-Z]+/).filter((w) => w.length > 0);
  const s = text
    .replace(LATIN_SPECIAL_RE, (c) => LATIN_SPECIAL[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/['’ʼ`]/g, '');
  return s.split(/[^A-Z]+/).filter((w) => w.length > 0);
}

function pushField(words: string[], role: number, out: NormalizedName): void {
  const field: NameToken[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (isMarker(w) && words.length > 1) {
      out.hadMarker = true;
      // The name before a marker is the father's: a patronymic unless it fills the surname field.
      const prev = field[field.length - 1];
      if (prev !== undefined && role === 0 && field.length > 1) prev.role |= TOKEN_PATRONYMIC;
      continue;
    }
    if (PARTICLES.has(w) && words.length > 1) continue;
    const glued = stripGluedMarker(w);
    if (glued !== undefined) {
      out.hadMarker = true;
      field.push({ text: glued, role: role | (role === 0 && field.length > 0 ? TOKEN_PATRONYMIC : 0) });
      continue;
    }
    // Also after the first surname-field token: a document with given names and surname swapped (§3.6)
    // carries the patronymic in the primary identifier (`AISULUU ALMAZBEKOVNA << NURMYRZOVA`).
    const patronymic = field.length > 0 && w.length >= 6 && PATRONYMIC_RE.test(w);
    field.push({ text: w, role: role | (patronymic ? TOKEN_PATRONYMIC : 0) });
  }
  out.tokens.push(...field);
}

/**
 * Normalises one Latin name (surname and given names as separate fields) into tokens. Cyrillic input must
 * first go through `transliterateCyrillic` (see `normalizeNameVariants`).
 */
export function normalizeLatinName(surname: string, givenNames: string): NormalizedName {
  const out: NormalizedName = { tokens: [], hadMarker: false };
  pushField(latinWords(surname), TOKEN_SURNAME, out);
  pushField(latinWords(givenNames), 0, out);
  return out;
}

// Memoised per field: list fields repeat (surnames, given names), and transliteration is per character.
const readingsMemo = new Map<string, string[]>();
function fieldReadings(text: string): string[] {
  let r = readingsMemo.get(text);
  if (r === undefined) {
    r = transliterateCyrillic(text);
    if (readingsMemo.size > 200_000) readingsMemo.clear();
    readingsMemo.set(text, r);
  }
  return r;
}

/**
 * Drops the per-word memos of `isMarker` and `normalizeNameVariants`. They are bounded (100k and 200k words)
 * but module-level: without this, up to ~300k strings and arrays from the last build stay in the old
 * generation for the life of the process and lengthen every major GC on the agent. The build calls it when
 * it is done with names; the next build repopulates them.
 */
export function clearNameMemos(): void {
  markerMemo.clear();
  readingsMemo.clear();
}

/** Every normalised reading of a name that may be written in Cyrillic (one per transliteration). */
export function normalizeNameVariants(surname: string, givenNames: string): NormalizedName[] {
  const s = fieldReadings(surname);
  const g = fieldReadings(givenNames);
  const out: NormalizedName[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < Math.max(s.length, g.length); i++) {
    const n = normalizeLatinName(s[Math.min(i, s.length - 1)]!, g[Math.min(i, g.length - 1)]!);
    const key = n.tokens.map((t) => `${t.text}/${t.role}`).join(' ');
    if (n.tokens.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}

// One pass, alternatives longest first at each position (steps 1–6 of §4.3). Symbols are digits so they
// can never collide with a letter: 1 = SH class, 2 = CH class, 3 = ZH/J class, 4 = KH/H class, 5 = TS/C class.
// `TS`/`TZ` before `H` are Т + Ш/Ж (`BAKHTZHON`), not the Ц class, hence the look-aheads.
const DIGRAPH_RE = /SHCH|SCH|SHH|SH|TCH|CH|DZH|DJ|ZH|J|KH|GH|H|TS(?!H)|TC|TZ(?!H)|C|PH|Q|W/g;
const DIGRAPH: Readonly<Record<string, string>> = {
  SHCH: '1', SCH: '1', SHH: '1', SH: '1', TCH: '2', CH: '2', DZH: '3', DJ: '3', ZH: '3', J: '3', KH: '4', H: '4', GH: 'G',
  TS: '5', TC: '5', TZ: '5', C: '5', PH: 'F', Q: 'K', W: 'V',
};

/** Human-readable names of the fold classes, for hit reasons. */
export const FOLD_CLASS_LABEL: Readonly<Record<string, string>> = {
  '1': 'SH/SHCH/SCH', '2': 'CH/TCH', '3': 'ZH/J/DZH', '4': 'KH/H/G', '5': 'TS/TC/C', G: 'GH/G', F: 'PH/F', K: 'Q/K', V: 'W/V',
};

// Steps 7–9, then the Latin-umlaut and Ң folds (icao-9303.md §14: AE/A, OE/O, UE/U, NG/N) last, so that
// NAZARBAYEV → NAZARBAIEV → NAZARBAEV meets NAZARBAEV after the iotated-vowel step.
function foldRest(s: string): string {
  return s
    .replace(/IOU|OU/g, 'U')
    .replace(/Y/g, 'I')
    .replace(/(.)\1+/g, '$1')
    .replace(/I([AUEO])/g, '$1')
    .replace(/UE/g, 'U')
    .replace(/OE/g, 'O')
    .replace(/AE/g, 'A')
    .replace(/NG/g, 'N')
    // G joins the KH/H class last (icao-9303.md §14 `G / H`: Ukrainian/Belarusian Г written Russian-style,
    // and Russian records writing H as G: GASAN/HASAN, AGMED/AKHMED, GALINA/HALINA).
    .replace(/G/g, '4')
    .replace(/(.)\1+/g, '$1');
}

/**
 * Folds one normalised token (`A–Z`) by the ordered rules of watchlist-matching.md §4.3. Returns one fold,
 * or two when the token contains `X` (read as `KS` and as the KH symbol, Uzbek Latin).
 */
export function foldToken(token: string): [string] | [string, string] {
  const base = token.replace(DIGRAPH_RE, (m) => DIGRAPH[m] ?? m);
  if (base.indexOf('X') < 0) return [foldRest(base)];
  const a = foldRest(base.replace(/X/g, 'KS'));
  const b = foldRest(base.replace(/X/g, '4'));
  return a === b ? [a] : [a, b];
}

/** Fold classes a token used (`3` for ZH/J…, plus `Y/I`, `double letter`, …), for reasons. */
export function foldClassesOf(token: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of token.matchAll(DIGRAPH_RE)) {
    const sym = DIGRAPH[m[0]] ?? m[0];
    const list = out.get(sym) ?? [];
    list.push(m[0]);
    out.set(sym, list);
  }
  return out;
}

const VOWEL = new Set(['A', 'E', 'I', 'O', 'U', 'Y']);

/** Skeleton key (§4.4): first letter, then the following consonants with runs collapsed; ≤ 3 letters whole. */
export function skeleton(folded: string): string {
  if (folded.length <= 3) return folded;
  let out = folded[0]!;
  for (let i = 1; i < folded.length; i++) {
    const c = folded[i]!;
    if (VOWEL.has(c) || c === out[out.length - 1]) continue;
    out += c;
  }
  return out;
}

const FOLDED_MARKERS = new Set(MARKERS.map((m) => foldToken(m)[0]));

const FAMILY_OF = new Map<string, string>();
for (const [family, forms] of Object.entries(NAME_FAMILIES)) {
  for (const f of forms) for (const folded of foldToken(f)) FAMILY_OF.set(folded, family);
}

/** The name family (§3.7) of a folded token, if any. */
export function familyOf(folded: string): string | undefined {
  return FAMILY_OF.get(folded);
}

/**
 * The search key the central server uses for name search: the same normalisation and fold as the matcher,
 * folded tokens (first fold) sorted and joined by one space, so word order, markers, transliteration era
 * and spelling-variant classes do not matter: `foldNameKey('Жапаров Садыр')` ===
 * `foldNameKey('SADYR DZHAPAROV')`. Cyrillic input uses its ICAO reading (see `foldNameKeys` for all).
 */
export function foldNameKey(name: string): string {
  return foldNameKeys(name)[0] ?? '';
}

/** Like `foldNameKey`, one key per transliteration reading of a Cyrillic name (one key for Latin input). */
export function foldNameKeys(name: string): string[] {
  return [
    ...new Set(
      normalizeNameVariants(name, '').map((n) =>
        n.tokens
          .map((t) => foldToken(t.text)[0])
          .sort()
          .join(' '),
      ),
    ),
  ];
}
