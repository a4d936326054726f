/**
 * Name normalisation and folding (watchlist-matching.md §4.3, icao-9303.md §14), applied identically to
 * list names and MRZ names. The fold is lossy on purpose: it serves retrieval and scoring, never display.
 */
import { NAME_FAMILIES } from './name-families.js';
import { chunkReadings } from './transliterate-cyrillic.js';

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

/**
 * `withinOneEdit(a.slice(from), b.slice(from))` without allocating: the query-time expansion of an absent
 * key tests every key that shares one of its deletions, hundreds for a short skeleton.
 */
export function withinOneEditFrom(a: string, b: string, from: number): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = from;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la && i === lb) return true;
  if (la === lb) {
    if (sameTail(a, i + 1, b, i + 1)) return true;
    return i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameTail(a, i + 2, b, i + 2);
  }
  return la > lb ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
}

/** `a.slice(i) === b.slice(j)` without allocating. */
function sameTail(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
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

/**
 * What `pushField` needs to know about one word, computed once per distinct word (see `chunkWords`).
 * `glued` is the word without a glued marker (`NURLANUULU` → `NURLAN`), when it has one.
 */
interface WordFacts {
  text: string;
  marker: boolean;
  particle: boolean;
  glued: string | undefined;
  /** Long enough and ends like a Russian/Ukrainian patronymic (tagged only after the field's first token). */
  patronymicEnding: boolean;
}

function wordFacts(w: string): WordFacts {
  return { text: w, marker: isMarker(w), particle: PARTICLES.has(w), glued: stripGluedMarker(w), patronymicEnding: w.length >= 6 && PATRONYMIC_RE.test(w) };
}

/** One space-free chunk of a field: its transliteration readings and the words of each reading. */
interface ChunkInfo {
  /** `CYRILLIC | UKRAINIAN_ONLY | DOTLESS_I | KAZAKH_OR_RUSSIAN` bits of the chunk's letters (kept inline: one object per chunk). */
  letters: number;
  /** Words of the ICAO, national and Ukrainian readings (the same array when the readings are equal). */
  words: [WordFacts[], WordFacts[], WordFacts[]];
  /** Which readings are equal strings (ICAO = national, ICAO = Ukrainian, national = Ukrainian). */
  same01: boolean;
  same02: boolean;
  same12: boolean;
}

function makeChunk(chunk: string): ChunkInfo {
  const r = chunkReadings(chunk);
  const same01 = r.national === r.icao;
  const same02 = r.ukrainian === r.icao;
  const same12 = r.ukrainian === r.national;
  const icao = latinWords(r.icao).map(wordFacts);
  const national = same01 ? icao : latinWords(r.national).map(wordFacts);
  const ukrainian = same02 ? icao : same12 ? national : latinWords(r.ukrainian).map(wordFacts);
  const letters = (r.cyrillic ? CYRILLIC : 0) | (r.ukrainianOnly ? UKRAINIAN_ONLY : 0) | (r.dotlessI ? DOTLESS_I : 0) | (r.kazakhOrRussian ? KAZAKH_OR_RUSSIAN : 0);
  return { letters, words: [icao, national, ukrainian], same01, same02, same12 };
}
const CYRILLIC = 1;
const UKRAINIAN_ONLY = 2;
const DOTLESS_I = 4;
const KAZAKH_OR_RUSSIAN = 8;

// Memoised per space-separated chunk, not per field: a list repeats a few ten thousand chunks (surnames,
// given names, patronymics; 38k in 2.2M fields of the 1M evaluation list) far more than whole fields, so the
// memo stays small and almost always hits. The build memoises whole fields on top (name-stager.ts).
const chunkMemo = new Map<string, ChunkInfo>();
function chunkInfo(field: string, from: number, to: number): ChunkInfo {
  const key = from === 0 && to === field.length ? field : field.slice(from, to);
  let c = chunkMemo.get(key);
  if (c === undefined) {
    if (chunkMemo.size >= 200_000) chunkMemo.clear();
    chunkMemo.set(key, (c = makeChunk(key)));
  }
  return c;
}

/**
 * The chunks of one field (split on spaces: a space separates words in every reading) and which of its
 * readings are distinct. Scratch object, reused: `normalizeNameVariants` is not re-entrant.
 */
class FieldChunks {
  chunks: ChunkInfo[] = [];
  n = 0;
  /** Distinct reading kinds (0 ICAO, 1 national, 2 Ukrainian) in `transliterateCyrillic` order. */
  kinds = [0, 0, 0];
  nKinds = 0;

  load(field: string): this {
    this.n = 0;
    let from = 0;
    for (;;) {
      const sp = field.indexOf(' ', from);
      const to = sp < 0 ? field.length : sp;
      if (to > from) this.chunks[this.n++] = chunkInfo(field, from, to);
      if (sp < 0) break;
      from = sp + 1;
    }
    // Which readings the whole field has (`transliterateCyrillic`), then drop a reading equal to an
    // earlier one: the field readings are the chunk readings joined by spaces, so two are equal exactly
    // when they are equal in every chunk.
    let letters = 0;
    let s01 = true;
    let s02 = true;
    let s12 = true;
    for (let c = 0; c < this.n; c++) {
      const ch = this.chunks[c]!;
      letters |= ch.letters;
      s01 &&= ch.same01;
      s02 &&= ch.same02;
      s12 &&= ch.same12;
    }
    this.kinds[0] = 0;
    this.nKinds = 1;
    if ((letters & CYRILLIC) === 0) return this;
    if (!s01) this.kinds[this.nKinds++] = 1;
    const ukrainian = (letters & UKRAINIAN_ONLY) !== 0 || ((letters & DOTLESS_I) !== 0 && (letters & KAZAKH_OR_RUSSIAN) === 0);
    if (ukrainian && !s02 && !s12) this.kinds[this.nKinds++] = 2;
    return this;
  }

  /** Appends the tokens of reading `kind` as one name field (`pushField` rules) to `out`. */
  push(kind: number, role: number, out: NormalizedName): void {
    let count = 0;
    for (let c = 0; c < this.n; c++) count += this.chunks[c]!.words[kind as 0 | 1 | 2].length;
    const several = count > 1;
    const start = out.tokens.length;
    for (let c = 0; c < this.n; c++) {
      const words = this.chunks[c]!.words[kind as 0 | 1 | 2];
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        const inField = out.tokens.length - start;
        if (w.marker && several) {
          out.hadMarker = true;
          // The name before a marker is the father's: a patronymic unless it fills the surname field.
          if (role === 0 && inField > 1) out.tokens[out.tokens.length - 1]!.role |= TOKEN_PATRONYMIC;
          continue;
        }
        if (w.particle && several) continue;
        if (w.glued !== undefined) {
          out.hadMarker = true;
          out.tokens.push({ text: w.glued, role: role | (role === 0 && inField > 0 ? TOKEN_PATRONYMIC : 0) });
          continue;
        }
        out.tokens.push({ text: w.text, role: role | (inField > 0 && w.patronymicEnding ? TOKEN_PATRONYMIC : 0) });
      }
    }
  }
}
const surnameChunks = new FieldChunks();
const givenChunks = new FieldChunks();

/**
 * Drops the per-word memos of `isMarker` and `normalizeNameVariants`. They are bounded (100k words and
 * 200k chunks) but module-level: without this, up to ~300k strings and arrays from the last build stay in
 * the old generation for the life of the process and lengthen every major GC on the agent. The build
 * calls it when it is done with names; the next build repopulates them.
 */
export function clearNameMemos(): void {
  markerMemo.clear();
  chunkMemo.clear();
}

/**
 * The tokens of one name field in each of its distinct readings (`transliterateCyrillic` order; one for
 * Latin), as `normalizeNameVariants` builds them for a field with this role (`TOKEN_SURNAME` or 0).
 * The build memoises this per field (name-stager.ts).
 */
export function normalizeFieldReadings(field: string, role: number): NameToken[][] {
  const f = surnameChunks.load(field);
  const out: NameToken[][] = [];
  for (let k = 0; k < f.nKinds; k++) {
    const name: NormalizedName = { tokens: [], hadMarker: false };
    f.push(f.kinds[k]!, role, name);
    out.push(name.tokens);
  }
  return out;
}

export function sameTokens(a: readonly NameToken[], b: readonly NameToken[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.text !== b[i]!.text || a[i]!.role !== b[i]!.role) return false;
  return true;
}

/**
 * Every normalised reading of a name that may be written in Cyrillic (one per transliteration): reading i
 * of the surname with reading i of the given names (the last one repeated), duplicates and empty names
 * dropped. Equal to `normalizeLatinName` over `transliterateCyrillic` of each field (`fold-name.test.ts`
 * checks this against that composition), computed from memoised chunks.
 */
export function normalizeNameVariants(surname: string, givenNames: string): NormalizedName[] {
  const s = surnameChunks.load(surname);
  const g = givenChunks.load(givenNames);
  const out: NormalizedName[] = [];
  const n = Math.max(s.nKinds, g.nKinds);
  for (let i = 0; i < n; i++) {
    const name: NormalizedName = { tokens: [], hadMarker: false };
    s.push(s.kinds[Math.min(i, s.nKinds - 1)]!, TOKEN_SURNAME, name);
    g.push(g.kinds[Math.min(i, g.nKinds - 1)]!, 0, name);
    if (name.tokens.length === 0 || out.some((o) => sameTokens(o.tokens, name.tokens))) continue;
    out.push(name);
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
