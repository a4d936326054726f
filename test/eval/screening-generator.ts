/**
 * Seeded generator of a synthetic watchlist and travellers (watchlist-matching.md §5): listed persons with
 * Cyrillic or Latin names, patronymics, markers, partial dates and aliases; travellers rendered through the
 * project's MRZ name encoder (TD3 and TD1, truncation included) with the variant rules applied; negatives,
 * hard negatives and namesakes. Reusable by the hardware simulator and the demo (realistic listed persons
 * and their variants): everything here is deterministic for a seed.
 */
import { encodeName, type DocumentEntry, type PersonEntry, type ScreeningQuery } from '@aspk/shared';
import { SeededRandom, ZipfPicker } from './seeded-random.js';
import { CULTURES, feminineSurname, NAME_POOLS, patronymicOf, type Culture } from './name-pools.js';
import { romanize, type SchemeId } from './transliteration-schemes.js';
import { applyNameRule, NAME_RULE_WEIGHTS, typo, type DraftName, type DraftToken, type NameRuleId } from './variant-rules.js';

/** A generated person's true identity (Cyrillic, as national records hold it). */
export interface Identity {
  culture: Culture;
  female: boolean;
  /** Surname tokens; a Kyrgyz person without inherited surname has `[father, 'уулу'|'кызы']`. */
  surname: string[];
  given: string[];
  patronymic: string | undefined;
  birth: { y: number; m: number; d: number };
  nationality: string;
}

/** A traveller query with what the evaluation needs to grade it. */
export interface GeneratedTraveller {
  query: ScreeningQuery;
  /** The list entry this traveller is (positives), else undefined. */
  targetId: string | undefined;
  /** Rule ids applied (name, date, nationality rules). */
  rules: string[];
  /** Negative class: 'fresh', 'namesake' or a hard-negative class; undefined for positives. */
  negativeClass: string | undefined;
  /** Entries that share the traveller's full name and birth date (never false positives). */
  namesakeIds: string[];
  /** The traveller's identity (for the simulator: render a full MRZ from it). */
  identity: Identity;
}

const YEAR_MIN = 1950;
const YEAR_SPAN = 56;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const iso = (y: number, m: number, d: number): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const pickers = new Map<string, ZipfPicker<string>>();
/** Zipf pickers: exponent 0.8 for given names, 0.6 for surnames (surnames are far more diverse than given names). */
function zipf(key: string, list: readonly string[]): ZipfPicker<string> {
  let p = pickers.get(key);
  if (p === undefined) pickers.set(key, (p = new ZipfPicker(list, key.endsWith('s') ? 0.6 : 0.8)));
  return p;
}

/** A new random identity from the culture mix. */
export function randomIdentity(rng: SeededRandom): Identity {
  const culture = CULTURES[rng.weighted(CULTURES.map((c) => NAME_POOLS[c].weight))]!;
  const pool = NAME_POOLS[culture];
  const female = rng.chance(0.45);
  const given = [zipf(`${culture}g${female}`, female ? pool.female : pool.male).pick(rng)];
  if (rng.chance(0.05)) {
    const second = zipf(`${culture}g${female}`, female ? pool.female : pool.male).pick(rng);
    if (second !== given[0]) given.push(second);
  }
  const father = zipf(`${culture}gfalse`, pool.male).pick(rng);
  let surname: string[];
  if (culture === 'KGZ' && rng.chance(0.15)) surname = [father, female ? 'кызы' : 'уулу'];
  else {
    const s = zipf(`${culture}s`, pool.surnames).pick(rng);
    surname = [female ? feminineSurname(s) : s];
  }
  const patronymic = surname.length === 1 && rng.chance(0.4) ? patronymicOf(father, female) : undefined;
  const y = YEAR_MIN + rng.int(YEAR_SPAN);
  const m = 1 + rng.int(12);
  const d = 1 + rng.int(DAYS[m - 1]!);
  return { culture, female, surname, given, patronymic, birth: { y, m, d }, nationality: culture };
}

function romanizeAll(words: readonly string[], scheme: SchemeId): string {
  return words.map((w) => romanize(w, scheme)).join(' ');
}

/** The list entry for an identity: Cyrillic (40 %) or Latin in one of the common tables, partial dates, aliases. */
export function entryFor(id: Identity, entryId: string, rng: SeededRandom): PersonEntry {
  const cyrillic = rng.chance(0.4);
  const scheme: SchemeId = rng.pick(['icao2013', 'icao2013', 'icao2013', 'mvd1997', 'gost2006']);
  const givenWords = id.patronymic === undefined ? id.given : [...id.given, id.patronymic];
  const surname = cyrillic ? id.surname.join(' ') : romanizeAll(id.surname, scheme);
  const givenNames = cyrillic ? givenWords.join(' ') : romanizeAll(givenWords, scheme);
  const e: PersonEntry = { id: entryId, type: 'person', surname, givenNames, category: rng.pick(['wanted', 'entry-ban', 'missing-person', 'interpol-notice']), action: rng.pick(['alert', 'refer', 'deny', 'detain', 'protect']) };
  const r = rng.next();
  const { y, m, d } = id.birth;
  if (r < 0.75) e.birthDate = iso(y, m, d);
  else if (r < 0.8) e.birthDate = `${y}-${String(m).padStart(2, '0')}`;
  else if (r < 0.96) e.birthDate = String(y);
  if (rng.chance(0.9)) e.nationality = id.nationality;
  if (rng.chance(0.85)) e.sex = id.female ? 'F' : 'M';
  if (rng.chance(0.1)) e.aliases = [{ surname: romanizeAll(id.surname, 'mvd1997'), givenNames: romanizeAll(id.given, 'soviet') }];
  return e;
}

function draftOf(id: Identity, keepPatronymic: 'none' | 'full' | 'initial', scheme: SchemeId): DraftName {
  const tok = (w: string): DraftToken => ({ cyr: w, latin: romanize(w, scheme), scheme, route: undefined });
  const given = id.given.map(tok);
  if (id.patronymic !== undefined && keepPatronymic !== 'none') {
    const p = tok(id.patronymic);
    if (keepPatronymic === 'initial') (p.latin = p.latin.slice(0, 1)), (p.cyr = undefined);
    given.push(p);
  }
  return { surname: id.surname.map(tok), given, truncate: false, dropsEnding: id.culture === 'TJK' || id.culture === 'UZB' };
}

/** Renders a draft through the MRZ name field (TD3 39 or TD1 30 characters) and reads it back. */
function renderName(n: DraftName, rng: SeededRandom): { surname: string; givenNames: string; nameMayBeTruncated: boolean; truncated: boolean } {
  const surname = n.surname.map((t) => t.latin).join(' ');
  const given = n.given.map((t) => t.latin).join(' ');
  const full = `${surname.replace(/ /g, '<')}<<${given.replace(/ /g, '<')}`;
  let width = rng.chance(0.3) ? 30 : 39;
  // S5: a name longer than the field issued on a TD1 card (30 characters), truncated per ICAO 9303-3 §4.6 by
  // the project's encoder. (Forcing a narrower field than any document has would cut short names to one
  // letter, which no issuer does.)
  if (n.truncate) width = 30;
  const field = encodeName(surname, given, width);
  const nameMayBeTruncated = field[width - 1] !== '<';
  const [s = '', g = ''] = field.replace(/<+$/, '').split('<<');
  return { surname: s.replace(/</g, ' '), givenNames: g.replace(/</g, ' '), nameMayBeTruncated, truncated: full.length > width };
}

function shiftedDate(b: Identity['birth'], rng: SeededRandom, rules: string[]): string {
  const r = rng.next();
  if (r < 0.08 && b.d <= 12 && b.d !== b.m) return rules.push('D2'), iso(b.y, b.d, b.m);
  if (r < 0.18) {
    const y = b.y + (rng.chance(0.5) ? 1 : -1);
    const d = Math.min(b.d, b.m === 2 && y % 4 !== 0 ? 28 : b.d);
    return rules.push('D3'), iso(y, b.m, d);
  }
  return rules.push('D1'), iso(b.y, b.m, b.d);
}

function drawRule(rng: SeededRandom, exclude: readonly string[]): NameRuleId {
  const ids = (Object.keys(NAME_RULE_WEIGHTS) as NameRuleId[]).filter((r) => !exclude.includes(r));
  return ids[rng.weighted(ids.map((r) => NAME_RULE_WEIGHTS[r]))]!;
}

/** A traveller who is the listed person `entry` (identity `id`), with 0, 1 or 2 name rules (30/50/20 %). */
export function positiveTraveller(id: Identity, entry: PersonEntry, rng: SeededRandom): GeneratedTraveller {
  const rules: string[] = [];
  const keep = id.patronymic !== undefined && rng.chance(0.15) ? (rng.chance(0.5) ? 'full' : 'initial') : 'none';
  if (id.patronymic !== undefined && keep !== 'full') rules.push('S2');
  // Clean travellers spell their name as the list's Latin does (or ICAO 9303 when the list is Cyrillic).
  const listScheme: SchemeId = /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІіҲҳҶҷӢӣӮӯЎў]/.test(entry.surname) ? 'icao2013' : guessScheme(id, entry);
  const draft = draftOf(id, keep, listScheme);
  const want = rng.weighted([0.3, 0.5, 0.2]);
  for (let tries = 0; rules.filter((r) => /^[TSE]/.test(r) && r !== 'S2').length < want && tries < 20; tries++) {
    const rule = drawRule(rng, rules.includes('E1') || rules.includes('E2') ? [...rules, 'E1', 'E2'] : rules);
    if (applyNameRule(rule, draft, rng)) rules.push(rule);
  }
  const name = renderName(draft, rng);
  if (name.truncated && !rules.includes('S5')) rules.push('S5');
  if (!name.truncated && rules.includes('S5')) rules.splice(rules.indexOf('S5'), 1);
  const query: ScreeningQuery = { surname: name.surname, givenNames: name.givenNames, birthDate: shiftedDate(id.birth, rng, rules), sex: id.female ? 'F' : 'M' };
  if (name.nameMayBeTruncated) query.nameMayBeTruncated = true;
  if (entry.birthDate === undefined || entry.birthDate.length < 10) rules.push('D4');
  const nr = rng.next();
  if (nr < 0.05) rules.push('N1'), (query.nationality = rng.pick(CULTURES.filter((c) => c !== id.nationality)));
  else if (nr < 0.1) rules.push('N2');
  else query.nationality = id.nationality;
  return { query, targetId: entry.id, rules, negativeClass: undefined, namesakeIds: [], identity: id };
}

function guessScheme(id: Identity, entry: PersonEntry): SchemeId {
  for (const s of ['icao2013', 'mvd1997', 'gost2006'] as const) if (romanizeAll(id.surname, s) === entry.surname) return s;
  return 'icao2013';
}

/** A traveller for an identity as their passport spells it (no variant rules). */
export function plainTraveller(id: Identity, rng: SeededRandom, negativeClass: string, patronymic: 'none' | 'full' = 'none'): GeneratedTraveller {
  const name = renderName(draftOf(id, patronymic, 'icao2013'), rng);
  const query: ScreeningQuery = { surname: name.surname, givenNames: name.givenNames, birthDate: iso(id.birth.y, id.birth.m, id.birth.d), nationality: id.nationality, sex: id.female ? 'F' : 'M' };
  if (name.nameMayBeTruncated) query.nameMayBeTruncated = true;
  return { query, targetId: undefined, rules: [], negativeClass, namesakeIds: [], identity: id };
}

/** A listed document entry (issuing state + number in the state's usual format; some numbers have leading zeros). */
export function documentEntry(rng: SeededRandom, entryId: string): DocumentEntry {
  const state = rng.pick(['KGZ', 'KAZ', 'UZB', 'TJK', 'RUS', 'D', 'TUR']);
  const digits = (n: number): string => Array.from({ length: n }, () => String(rng.int(10))).join('');
  const letters = (n: number): string => Array.from({ length: n }, () => rng.pick([...'ABCDEFGHJKLMNPRSTUVWXYZ'])).join('');
  let number: string;
  if (state === 'KGZ' || state === 'UZB') number = letters(2) + digits(7);
  else if (state === 'KAZ') number = `N${digits(8)}`;
  else if (state === 'D') number = `C${letters(1)}${digits(2)}${letters(1)}${digits(4)}`;
  else number = rng.chance(0.2) ? `00${digits(7)}` : digits(9);
  return { id: entryId, type: 'document', issuingState: state, documentNumber: number, documentCode: 'P', category: rng.pick(['stolen', 'lost', 'revoked']), action: rng.pick(['deny', 'detain', 'refer']) };
}

const CONFUSE: Readonly<Record<string, string>> = { '0': 'O', O: '0', '1': 'I', I: '1', '5': 'S', S: '5', '8': 'B', B: '8', '6': 'G', G: '6', '2': 'Z', Z: '2' };

/** Document queries: X1 exact, X2 OCR confusion, X3 leading zeros dropped; X4 other state and X5 one other character (negatives). */
export function documentProbe(doc: DocumentEntry, rng: SeededRandom): { state: string; number: string; rule: string; positive: boolean } {
  const n = doc.documentNumber;
  const r = rng.next();
  if (r < 0.3) return { state: doc.issuingState === 'D' && rng.chance(0.5) ? 'DEU' : doc.issuingState, number: n, rule: 'X1', positive: true };
  if (r < 0.55) {
    const idx = [...n].map((c, i) => (c in CONFUSE ? i : -1)).filter((i) => i >= 0);
    if (idx.length > 0) {
      const i = rng.pick(idx);
      return { state: doc.issuingState, number: n.slice(0, i) + CONFUSE[n[i]!]! + n.slice(i + 1), rule: 'X2', positive: true };
    }
  }
  if (r < 0.65 && n.startsWith('0')) return { state: doc.issuingState, number: n.replace(/^0+/, ''), rule: 'X3', positive: true };
  if (r < 0.8) return { state: rng.pick(['KGZ', 'KAZ', 'UZB', 'RUS'].filter((s) => s !== doc.issuingState)), number: n, rule: 'X4', positive: false };
  const i = rng.int(n.length);
  const safe = /\d/.test(n[i]!) ? rng.pick([...'3479'].filter((c) => c !== n[i])) : rng.pick([...'ACEHKMNPRTUVWXY'].filter((c) => c !== n[i]));
  return { state: doc.issuingState, number: n.slice(0, i) + safe + n.slice(i + 1), rule: 'X5', positive: false };
}

export { typo };
