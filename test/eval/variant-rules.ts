/**
 * The variant rules of watchlist-matching.md §5.2 as functions over a traveller's name under construction.
 * Each rule returns false when it cannot apply to this name (the caller then draws another rule).
 */
import type { SeededRandom } from './seeded-random.js';
import { OTHER_TABLES, PASSPORT_ERAS, randomRoute, romanize, type SchemeId } from './transliteration-schemes.js';

/** One name component: its Cyrillic source (when known) and its current Latin spelling. */
export interface DraftToken {
  cyr: string | undefined;
  latin: string;
  scheme: SchemeId;
  route: Record<string, string> | undefined;
}

/** The traveller's name while rules are applied; rendered into the MRZ at the end. */
export interface DraftName {
  surname: DraftToken[];
  given: DraftToken[];
  /** Force the shorter TD1 name field and shorten the last component (rule S5). */
  truncate: boolean;
  /** The culture drops the Russian surname ending in practice (Tajik and Uzbek, §3.5: RAHMONOV → RAHMON). */
  dropsEnding: boolean;
}

export type NameRuleId = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'S1' | 'S3' | 'S4' | 'S5' | 'E1' | 'E2';

/** Relative draw weights (T1, T4 most often, §5.3). S2 (patronymic) is decided separately. */
export const NAME_RULE_WEIGHTS: Readonly<Record<NameRuleId, number>> = {
  T1: 4, T2: 1.5, T3: 2, T4: 4, T5: 1.5, T6: 2, S1: 1.5, S3: 1.5, S4: 1.5, S5: 1.5, E1: 3, E2: 0.7,
};

const all = (n: DraftName): DraftToken[] => [...n.surname, ...n.given];
const isPatronymic = (latin: string): boolean => /(OVICH|EVICH|OVNA|EVNA)$/.test(latin);
/** Name field width of a TD1 document (ICAO 9303-5). */
const TD1_NAME_FIELD = 30;

function rerender(t: DraftToken): void {
  if (t.cyr !== undefined) t.latin = romanize(t.cyr, t.scheme, t.route);
}

function reschemeSome(n: DraftName, rng: SeededRandom, schemes: readonly SchemeId[]): boolean {
  let changed = false;
  for (const t of all(n)) {
    if (t.cyr === undefined) continue;
    const before = t.latin;
    if (!rng.chance(0.7) && changed) continue;
    t.scheme = rng.pick(schemes.filter((s) => s !== t.scheme));
    rerender(t);
    changed ||= t.latin !== before;
  }
  return changed;
}

// Each pattern matches the letter class only where it stands alone: the H of SH/CH/ZH/KH and the J of DJ
// are parts of other digraphs, and rewriting them (SHAVKAT → SKHAVKAT) is not a spelling anyone uses.
const SWAPS: readonly [RegExp, readonly string[]][] = [
  [/DZH/, ['ZH', 'J']],
  [/(?<!D)ZH/, ['J', 'DZH', 'DJ']],
  [/(?<!D)J/, ['ZH', 'DZH']],
  [/KH/, ['H', 'G']],
  [/(?<![SCZKTG])H/, ['KH']],
];

/** Arabic-origin families as a generator-side table (same data as §3.7, written out here on purpose). */
const FAMILIES: readonly (readonly string[])[] = [
  ['MUKHAMMED', 'MUHAMMAD', 'MOHAMMED', 'MAGOMED', 'MUHAMMED', 'MUKHAMMAD'],
  ['YUSUP', 'YUSUF', 'IUSUP', 'JUSUP', 'ZHUSUP'],
  ['KHASAN', 'HASAN', 'GASAN', 'HASSAN'],
  ['IBRAGIM', 'IBRAHIM', 'IBROHIM', 'IBRAIM'],
  ['AKHMED', 'AHMED', 'AHMAD', 'AKHMAD'],
  ['SULAIMAN', 'SULEIMAN', 'SULEYMAN', 'SULAYMON', 'SULAIMON'],
  ['ABDULLA', 'ABDULLAH', 'ABDULLO'],
  ['ABDURAKHMAN', 'ABDURAHMAN', 'ABDURAHMON', 'ABDULRAHMAN'],
];

const LOOKALIKE: Readonly<Record<string, string>> = { O: 'Q', Q: 'O', I: 'L', L: 'I', E: 'F', F: 'E', M: 'N', N: 'M', U: 'V', V: 'U', C: 'G', G: 'C', B: 'R', R: 'B', P: 'R', H: 'N', K: 'X', D: 'O', S: 'Z', Z: 'S', T: 'I', A: 'R', Y: 'V' };
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** One keying/OCR error in `s` (look-alike substitution first, then deletion, insertion, transposition). */
export function typo(s: string, rng: SeededRandom): string {
  if (s.length < 3) return s;
  const i = 1 + rng.int(s.length - 1);
  const kind = rng.weighted([4, 2, 2, 2]);
  if (kind === 0) return s.slice(0, i) + (LOOKALIKE[s[i]!] ?? rng.pick([...LETTERS])) + s.slice(i + 1);
  if (kind === 1) return s.slice(0, i) + s.slice(i + 1);
  if (kind === 2) return s.slice(0, i) + rng.pick([...LETTERS]) + s.slice(i);
  if (i + 1 >= s.length) return s.slice(0, i - 1) + s[i] + s[i - 1];
  return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
}

function freeze(n: DraftName): void {
  for (const t of all(n)) t.cyr = undefined;
}

/** Applies one rule; false when it does not apply to this name. */
export function applyNameRule(id: NameRuleId, n: DraftName, rng: SeededRandom): boolean {
  switch (id) {
    case 'T1':
      return reschemeSome(n, rng, PASSPORT_ERAS);
    case 'T2':
      return reschemeSome(n, rng, OTHER_TABLES);
    case 'T3': {
      const cands = all(n).filter((t) => t.cyr !== undefined && randomRoute(t.cyr, rng) !== undefined);
      if (cands.length === 0) return false;
      const t = rng.pick(cands);
      const before = t.latin;
      t.route = randomRoute(t.cyr!, rng);
      rerender(t);
      return t.latin !== before;
    }
    case 'T4': {
      const cands = all(n).filter((t) => SWAPS.some(([re]) => re.test(t.latin)));
      if (cands.length === 0) return false;
      const t = rng.pick(cands);
      const [re, to] = rng.pick(SWAPS.filter(([r]) => r.test(t.latin)));
      t.latin = t.latin.replace(re, rng.pick(to));
      t.cyr = undefined;
      return true;
    }
    case 'T5': {
      for (const t of all(n)) {
        const fam = FAMILIES.find((f) => f.includes(t.latin));
        if (fam === undefined) continue;
        t.latin = rng.pick(fam.filter((x) => x !== t.latin));
        t.cyr = undefined;
        return true;
      }
      return false;
    }
    case 'T6': {
      const t = n.surname[0];
      if (t === undefined) return false;
      const s = t.latin;
      const options: string[] = [];
      if (/OVA$|EVA$/.test(s)) options.push(s.slice(0, -1));
      else if (/OV$|EV$/.test(s)) options.push(`${s}A`, ...(n.dropsEnding ? [s.slice(0, -2)] : []));
      if (/IEV$|YEV$/.test(s)) options.push(s.replace(/[IY]EV$/, 'EV'));
      else if (/EV$/.test(s)) options.push(s.replace(/EV$/, 'YEV'), s.replace(/EV$/, 'IEV'));
      if (/II$|IY$/.test(s)) options.push(s.replace(/I[IY]$/, 'Y'), s.replace(/I[IY]$/, 'II'));
      const pick = options.filter((o) => o !== s && o.length >= 3);
      if (pick.length === 0) return false;
      t.latin = rng.pick(pick);
      t.cyr = undefined;
      return true;
    }
    case 'S1': {
      if (n.given.length === 0) return false;
      [n.surname, n.given] = [n.given, n.surname];
      return true;
    }
    case 'S3': {
      const markerAt = n.surname.findIndex((t) => /^(UULU|KYZY)$/.test(t.latin));
      if (markerAt < 1) return false;
      const marker = n.surname[markerAt]!;
      const kind = rng.int(3);
      if (kind === 0) n.surname[markerAt - 1]!.latin += marker.latin; // glued
      if (kind === 2) n.given.push({ ...marker }); // moved to the given-name field
      n.surname.splice(markerAt, 1);
      freeze(n);
      return true;
    }
    case 'S4': {
      // Merge two adjacent name tokens of one field (ABDUL RAHMAN → ABDULRAHMAN); a patronymic is a separate
      // name and is never glued to a given name in practice.
      const given = n.given.filter((t) => !isPatronymic(t.latin));
      const field = given.length >= 2 && given.length === n.given.length ? n.given : n.surname.length >= 2 && !n.surname.some((t) => /^(UULU|KYZY)$/.test(t.latin)) ? n.surname : undefined;
      if (field !== undefined && rng.chance(0.6)) {
        const a = field.shift()!;
        field[0]!.latin = a.latin + field[0]!.latin;
        freeze(n);
        return true;
      }
      // Split a long token into two parts of at least three letters each (NURSULTAN → NUR SULTAN).
      const long = all(n).filter((t) => t.latin.length >= 8 && !isPatronymic(t.latin));
      if (long.length === 0) return false;
      const t = rng.pick(long);
      const cut = 3 + rng.int(t.latin.length - 5);
      const fieldOf = n.surname.includes(t) ? n.surname : n.given;
      fieldOf.splice(fieldOf.indexOf(t) + 1, 0, { cyr: undefined, latin: t.latin.slice(cut), scheme: t.scheme, route: undefined });
      t.latin = t.latin.slice(0, cut);
      freeze(n);
      return true;
    }
    case 'S5': {
      // Truncation happens only to a name longer than the field (ICAO 9303-3 §4.6); the generator then uses
      // the 30-character TD1 field. A short name cannot be truncated, so the rule does not apply to it.
      const full = n.surname.map((t) => t.latin).join('<').length + 2 + n.given.map((t) => t.latin).join('<').length;
      if (full <= TD1_NAME_FIELD) return false;
      n.truncate = true;
      return true;
    }
    case 'E1':
    case 'E2': {
      const errors = id === 'E1' ? 1 : 2;
      for (let e = 0; e < errors; e++) {
        const t = rng.pick(all(n).filter((x) => x.latin.length >= 3));
        if (t === undefined) return false;
        t.latin = typo(t.latin, rng);
        t.cyr = undefined;
      }
      return true;
    }
  }
}
