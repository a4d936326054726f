/**
 * A screening query prepared once for the person index: normalised tokens with folds and keys, candidate
 * units (tokens and adjacent concatenations, §4.7), birth date, nationality, sex.
 */
import { isMarkerPrefix, normalizeLatinName, skeleton, TOKEN_PATRONYMIC, TOKEN_SURNAME } from './fold-name.js';
import { transliterateCyrillic } from './transliterate-cyrillic.js';
import { analyzeToken } from './token-keys.js';
import { parsePartialDate, type PartialDate } from './birth-date-evidence.js';
import { canonicalState } from './state-code.js';

/** What the agent screens: names from the MRZ (or typed by an officer), birth date, nationality, sex, document. */
export interface ScreeningQuery {
  /** Primary identifier, components separated by spaces, hyphens or `<`. Latin or Cyrillic. */
  surname: string;
  /** Secondary identifier; may be empty. */
  givenNames: string;
  /** The MRZ name field ended in a letter (ICAO 9303-3 §4.6): the last component matches as a prefix. */
  nameMayBeTruncated?: boolean;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; unknown parts may be `00`. */
  birthDate?: string;
  /** ICAO nationality code (`D` and `DEU` are the same). */
  nationality?: string;
  sex?: 'M' | 'F' | '<';
  issuingState?: string;
  documentNumber?: string;
}

/** One side's comparable item: a token or two adjacent tokens joined. */
export interface QueryItem {
  raw: string;
  fold1: string;
  fold2: string;
  family: number;
  /** Bit mask of the query tokens it covers. */
  mask: number;
  /** Role bits of its (first) token. */
  role: number;
  /** Set by the matcher: the token is common on the list (common-name guard). */
  common: boolean;
  /** An initial, or the last token of a possibly truncated name: compares as a prefix. */
  prefix: boolean;
  keys: string[];
}

/** The prepared query. */
export interface PreparedQuery {
  items: QueryItem[];
  /** Number of real tokens (not concatenations). */
  tokenCount: number;
  /** Tokens of two letters or more (initials do not count towards candidate survival). */
  strongTokenCount: number;
  date: PartialDate | undefined;
  nationality: string;
  sex: number;
}

/** Most query tokens considered (MRZ names rarely have more; more would only add noise). */
export const MAX_QUERY_TOKENS = 8;

/**
 * Query-side retrieval keys for the Soviet-era spelling of Ш as CH (§3.2): the skeleton with the SH and CH
 * fold classes (`1`, `2`) exchanged, so `CHAMCHYALOV` reaches `SHAMSHYALOV`. Query side only: the index
 * stays unchanged and the scorer confirms the pair (`SIM_SH_CH`).
 */
function withShChKeys(fold1: string, keys: string[]): string[] {
  if (fold1.indexOf('1') < 0 && fold1.indexOf('2') < 0) return keys;
  const out = keys.slice();
  for (const alt of [fold1.replace(/2/g, '1'), fold1.replace(/1/g, '2')]) {
    const k = `s:${skeleton(alt)}`;
    if (alt !== fold1 && !out.includes(k)) out.push(k);
  }
  return out;
}

/** Normalises and analyses the query's name into tokens and concatenation items. */
export function prepareQuery(q: ScreeningQuery): PreparedQuery {
  const surname = transliterateCyrillic(q.surname)[0] ?? '';
  const given = transliterateCyrillic(q.givenNames)[0] ?? '';
  const tokens = normalizeLatinName(surname, given).tokens.slice(0, MAX_QUERY_TOKENS);
  // A truncated field can cut a patronymic marker to a stub (`AZAMAT KY` for `AZAMAT KYZY`): drop it.
  const last = tokens[tokens.length - 1];
  if (q.nameMayBeTruncated === true && tokens.length > 2 && last !== undefined && last.text.length >= 2 && isMarkerPrefix(last.text)) tokens.pop();
  const items: QueryItem[] = [];
  tokens.forEach((t, i) => {
    const a = analyzeToken(t.text);
    // An initial (one letter) always compares as a prefix; so does the last component of a full name field.
    const prefix = (q.nameMayBeTruncated === true && i === tokens.length - 1) || t.text.length === 1;
    items.push({ raw: t.text, fold1: a.fold1, fold2: a.fold2, family: a.family, mask: 1 << i, role: t.role, prefix, keys: withShChKeys(a.fold1, a.keys), common: false });
  });
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    const n = tokens[i + 1]!;
    if ((t.role & TOKEN_SURNAME) !== (n.role & TOKEN_SURNAME)) continue;
    const a = analyzeToken(t.text + n.text, true);
    items.push({ raw: t.text + n.text, fold1: a.fold1, fold2: a.fold2, family: a.family, mask: 3 << i, role: t.role & ~TOKEN_PATRONYMIC, prefix: false, keys: a.keys, common: false });
  }
  return {
    items,
    tokenCount: tokens.length,
    strongTokenCount: Math.max(1, tokens.filter((t) => t.text.length >= 2).length),
    date: parsePartialDate(q.birthDate),
    nationality: q.nationality === undefined ? '' : canonicalState(q.nationality),
    sex: q.sex === 'M' ? 1 : q.sex === 'F' ? 2 : 0,
  };
}
