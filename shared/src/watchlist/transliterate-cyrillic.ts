/**
 * Cyrillic → Latin for watchlist names: the ICAO 9303 Part 3 §6 B table as printed, the national practice
 * of Kyrgyz, Kazakh, Russian passports and a Ukrainian reading (icao-9303.md §13, §13.1). A Cyrillic list
 * name yields every distinct reading; the index stores each as an alias and matches against all of them.
 * Differences the name fold already absorbs (ZH/J, KH/H, Y/I, IU/YU, Q/K, GH/G, AE/A, OE/O, UE/U, NG/N)
 * need no separate reading, so at most three come out.
 */

/** Letters common to every reading. Non-table letters (Ә Қ Ң Ө Ү Ұ, Tajik Ҳ Ҷ Ӣ) take national practice. */
const COMMON: Readonly<Record<string, string>> = {
  А: 'A', Б: 'B', В: 'V', Д: 'D', Е: 'E', Ж: 'ZH', З: 'Z', И: 'I', Й: 'I', К: 'K', Л: 'L', М: 'M', Н: 'N',
  О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F', Х: 'KH', Ц: 'TS', Ч: 'CH', Ш: 'SH', Щ: 'SHCH',
  Ы: 'Y', Ь: '', Э: 'E', Ю: 'IU', Я: 'IA', Ґ: 'G', Ђ: 'D', Є: 'IE', Ѕ: 'DZ', І: 'I', Ї: 'I', Ј: 'J',
  Ќ: 'K', Љ: 'LJ', Њ: 'NJ', Ў: 'U', Џ: 'DZ', Ѫ: 'U', Ѵ: 'Y', Ғ: 'G', Ѓ: 'G', Ћ: 'C',
  // National practice for letters absent from the ICAO table (icao-9303.md §13.1).
  Ә: 'A', Қ: 'K', Ң: 'N', Ө: 'O', Ү: 'U', Ұ: 'U', Ҳ: 'H', Ҷ: 'J', Ӣ: 'I', Ӯ: 'U',
};

/** ICAO table as printed: Һ → C (a mis-coding, kept because issuers applied it), Ъ → IE, Ё → E. */
const ICAO: Readonly<Record<string, string>> = { ...COMMON, Г: 'G', Һ: 'C', Ъ: 'IE', Ё: 'E' };
/** National and pre-2013 Russian passport practice: Һ → H, Ъ dropped, Ё → YO. */
const NATIONAL: Readonly<Record<string, string>> = { ...COMMON, Г: 'G', Һ: 'H', Ъ: '', Ё: 'YO' };
/** Ukrainian/Belarusian reading: Г → H, И → Y (ICAO table exceptions). */
const UKRAINIAN: Readonly<Record<string, string>> = { ...COMMON, Г: 'H', И: 'Y', Һ: 'H', Ъ: '', Ё: 'IO' };

const CYRILLIC_RE = /[\u0400-\u04FF]/;
// Є Ї Ґ only occur in Ukrainian; І without Kazakh or Russian-only letters is Ukrainian or Belarusian.
const UKRAINIAN_ONLY_RE = /[ЄЇҐєїґ]/;
const KAZAKH_OR_RUSSIAN_RE = /[ӘҒҚҢӨҰҮҺЫЭЪЁәғқңөұүһыэъё]/;

/** True when `text` contains at least one Cyrillic letter. */
export function hasCyrillic(text: string): boolean {
  return CYRILLIC_RE.test(text);
}

function apply(text: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  for (const ch of text) {
    const up = ch.toUpperCase();
    const t = table[up];
    out += t ?? up;
  }
  return out;
}

/**
 * All Latin readings of a name that may contain Cyrillic: ICAO as printed, national practice, and the
 * Ukrainian reading for names with Ukrainian letters. Latin input comes back unchanged (uppercased) as the
 * single reading. Output is uppercase; Latin diacritics are left for the name normaliser.
 */
export function transliterateCyrillic(text: string): string[] {
  if (!hasCyrillic(text)) return [text.toUpperCase()];
  const out = [apply(text, ICAO), apply(text, NATIONAL)];
  if (UKRAINIAN_ONLY_RE.test(text) || (/[Іі]/.test(text) && !KAZAKH_OR_RUSSIAN_RE.test(text))) out.push(apply(text, UKRAINIAN));
  return [...new Set(out)];
}

/**
 * The readings of one space-free chunk of a name field, with the letter facts that decide which readings
 * the whole field gets. `transliterateCyrillic(field)` equals the chunks' readings joined by spaces,
 * because every rule above is per character (a space maps to itself) and the reading choice only asks
 * whether *some* character of the field is of a kind. The build memoises per chunk (see fold-name.ts): a
 * million names repeat a few ten thousand chunks, while whole fields rarely repeat.
 */
export interface ChunkReadings {
  cyrillic: boolean;
  /** Has a letter only Ukrainian uses (Є Ї Ґ). */
  ukrainianOnly: boolean;
  /** Has І/і. */
  dotlessI: boolean;
  /** Has a Kazakh or Russian-only letter. */
  kazakhOrRussian: boolean;
  /** ICAO, national and Ukrainian readings (all equal to the uppercased chunk when it has no Cyrillic). */
  icao: string;
  national: string;
  ukrainian: string;
}

/** Readings and letter facts of one chunk (no spaces inside). */
export function chunkReadings(chunk: string): ChunkReadings {
  if (!CYRILLIC_RE.test(chunk)) {
    const up = chunk.toUpperCase();
    return { cyrillic: false, ukrainianOnly: false, dotlessI: false, kazakhOrRussian: false, icao: up, national: up, ukrainian: up };
  }
  return {
    cyrillic: true,
    ukrainianOnly: UKRAINIAN_ONLY_RE.test(chunk),
    dotlessI: /[Іі]/.test(chunk),
    kazakhOrRussian: KAZAKH_OR_RUSSIAN_RE.test(chunk),
    icao: apply(chunk, ICAO),
    national: apply(chunk, NATIONAL),
    ukrainian: apply(chunk, UKRAINIAN),
  };
}
