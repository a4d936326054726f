/**
 * Romanisation tables the generator uses to write Cyrillic names the way real documents and lists do
 * (watchlist-matching.md §3.2–3.3, rules T1–T3). Written independently of the matcher's own table so the
 * evaluation does not grade the matcher against itself. Apostrophes and diacritics are already stripped,
 * as an MRZ would.
 */
import type { SeededRandom } from './seeded-random.js';

export type SchemeId = 'soviet' | 'mvd1997' | 'gost2006' | 'icao2013' | 'gost779' | 'bgn' | 'iso9';

const BASE: Record<string, string> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', З: 'Z', К: 'K', Л: 'L', М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', Ф: 'F', Ь: '', Ъ: '',
  Е: 'E', Ё: 'E', Ж: 'ZH', И: 'I', Й: 'I', У: 'U', Х: 'KH', Ц: 'TS', Ч: 'CH', Ш: 'SH', Щ: 'SHCH', Ы: 'Y', Э: 'E', Ю: 'IU', Я: 'IA',
  // National letters (passport practice) unless a scheme overrides them.
  Ң: 'N', Ө: 'O', Ү: 'U', Қ: 'K', Ғ: 'G', Һ: 'H', Ә: 'A', Ұ: 'U', І: 'I', Ҳ: 'H', Ҷ: 'J', Ӣ: 'I', Ӯ: 'U', Ў: 'U',
};

const SCHEMES: Record<SchemeId, Record<string, string>> = {
  soviet: { ...BASE, Ж: 'J', У: 'OU', Ю: 'IOU', Я: 'IA', Ш: 'CH', Ч: 'TCH', Щ: 'CHTCH', Й: 'I', Х: 'KH' },
  mvd1997: { ...BASE, Й: 'Y', Ю: 'YU', Я: 'YA' },
  gost2006: { ...BASE, Ц: 'TC' },
  icao2013: { ...BASE, Ъ: 'IE' },
  gost779: { ...BASE, Й: 'J', Х: 'X', Ц: 'CZ', Щ: 'SHH', Ю: 'YU', Я: 'YA' },
  bgn: { ...BASE, Й: 'Y', Ю: 'YU', Я: 'YA', Ё: 'YE' },
  iso9: { ...BASE, Ж: 'Z', Й: 'J', Х: 'H', Ц: 'C', Ч: 'C', Ш: 'S', Щ: 'S', Ю: 'U', Я: 'A' },
};

/** T1: the four Russian passport eras. T2: other tables. */
export const PASSPORT_ERAS: readonly SchemeId[] = ['soviet', 'mvd1997', 'gost2006', 'icao2013'];
export const OTHER_TABLES: readonly SchemeId[] = ['gost779', 'bgn', 'iso9'];

/** National-letter routes (rule T3): passport form first, then the others met in lists. */
export const NATIONAL_ROUTES: Readonly<Record<string, readonly string[]>> = {
  Ң: ['N', 'NG'], Ө: ['O', 'OE', 'E'], Ү: ['U', 'UE', 'Y'], Қ: ['K', 'Q'], Ғ: ['G', 'GH'], Һ: ['H', 'KH'], Ә: ['A', 'AE'], Ж: ['ZH', 'J', 'DZH'],
};

const VOWELS = 'АЕЁИОУЫЭЮЯӨҮӘҰІ';

/** Romanises one Cyrillic word with a scheme; `route` overrides national letters (rule T3). */
export function romanize(word: string, scheme: SchemeId, route?: Readonly<Record<string, string>>): string {
  const table = SCHEMES[scheme];
  const up = word.toUpperCase();
  let out = '';
  for (let i = 0; i < up.length; i++) {
    const c = up[i]!;
    const prev = i === 0 ? '' : up[i - 1]!;
    // Word-initial or post-vowel Е as YE in the English-oriented tables.
    if (c === 'Е' && (scheme === 'mvd1997' || scheme === 'bgn') && (i === 0 || VOWELS.includes(prev))) {
      out += 'YE';
      continue;
    }
    // -ИЙ / -ЫЙ endings: IY (1997), II (GOST 2006, ICAO), Y (BGN).
    if (c === 'Й' && i === up.length - 1 && (prev === 'И' || prev === 'Ы') && scheme === 'bgn') {
      continue;
    }
    const r = route?.[c] ?? table[c];
    out += r ?? (/[A-Z]/.test(c) ? c : '');
  }
  return out;
}

/** The scheme a passport of this nationality uses by default. */
export function passportScheme(nationality: string): SchemeId {
  return nationality === 'RUS' ? 'icao2013' : 'icao2013';
}

/** A random national-letter route for a word (rule T3); undefined when the word has no national letters. */
export function randomRoute(word: string, rng: SeededRandom): Record<string, string> | undefined {
  const letters = [...new Set([...word.toUpperCase()].filter((c) => c in NATIONAL_ROUTES && c !== 'Ж'))];
  if (letters.length === 0) return undefined;
  const route: Record<string, string> = {};
  for (const l of letters) {
    const options = NATIONAL_ROUTES[l]!;
    route[l] = options[1 + rng.int(options.length - 1)]!;
  }
  return route;
}
