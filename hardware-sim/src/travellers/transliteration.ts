/**
 * Cyrillic → Latin as passports write it (ICAO 9303-3 §6 table for Russian letters, national rules for
 * Ң Ө Ү Қ Ғ Һ Ә Ҷ Ӯ Ў Ұ І), and the other spellings met in watchlists (watchlist-matching.md §3.2–3.3).
 * Used only to generate test data; the agent's matcher has its own folding.
 */
const ICAO: Readonly<Record<string, string>> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Е: 'E', Ё: 'E', Ж: 'ZH', З: 'Z', И: 'I', Й: 'I', К: 'K', Л: 'L', М: 'M',
  Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F', Х: 'KH', Ц: 'TS', Ч: 'CH', Ш: 'SH', Щ: 'SHCH',
  Ъ: 'IE', Ы: 'Y', Ь: '', Э: 'E', Ю: 'IU', Я: 'IA',
  Ң: 'N', Ө: 'O', Ү: 'U', Қ: 'K', Ғ: 'G', Һ: 'H', Ә: 'A', Ҷ: 'J', Ӯ: 'U', Ў: 'U', Ұ: 'U', І: 'I', Ҳ: 'H',
};

/** Alternative spellings per letter (older Russian eras, national romanisations). */
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  Ж: ['J', 'DZH'], Й: ['Y'], Х: ['H', 'X'], Ю: ['YU', 'IOU'], Я: ['YA'], Ц: ['TC'], Щ: ['SCH'], Ы: ['I'],
  Ө: ['OE'], Ү: ['UE', 'Y'], Ң: ['NG'], Қ: ['Q'], Ғ: ['GH'], Ә: ['AE'], Ҷ: ['DZH', 'ZH'], Ё: ['YO', 'IO'], Ҳ: ['KH'],
};

/** Latin diacritics as ICAO 9303-3 §6 writes them in the MRZ. */
const LATIN_MRZ: Readonly<Record<string, string>> = { Ä: 'AE', Ö: 'OE', Ü: 'UE', ß: 'SS', Å: 'AA', Ø: 'OE', Æ: 'AE', Ł: 'L', İ: 'I', I: 'I' };

function upperCyr(ch: string): string {
  return ch.toLocaleUpperCase('ru');
}

/** The passport (ICAO) form of a Cyrillic name. */
export function cyrillicToIcao(name: string): string {
  return [...name].map((ch) => {
    const u = upperCyr(ch);
    return ICAO[u] ?? u;
  }).join('');
}

/** A different but common romanisation of a Cyrillic name, or null if none differs (`pick` chooses among letters). */
export function cyrillicVariant(name: string, pick: (n: number) => number): string | null {
  const letters = [...name].map(upperCyr);
  const spots = letters.map((l, i) => ({ l, i })).filter(({ l }) => VARIANTS[l] !== undefined);
  if (spots.length === 0) {
    // Word-initial Е gives YE (ELENA/YELENA).
    if (letters[0] === 'Е') return 'YE' + cyrillicToIcao(name.slice(1));
    return null;
  }
  const spot = spots[pick(spots.length)];
  if (spot === undefined) return null;
  const options = VARIANTS[spot.l] ?? [];
  const alt = options[pick(options.length)] ?? '';
  return letters.map((l, i) => (i === spot.i ? alt : (ICAO[l] ?? l))).join('');
}

/** The MRZ form of a Latin-script name (`Müller` → `MUELLER`, `Yılmaz` → `YILMAZ`). */
export function latinToMrz(name: string): string {
  return [...name.toUpperCase()]
    .map((ch) => LATIN_MRZ[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, ''))
    .join('')
    .replace(/[^A-Z\s-]/g, '');
}

/** A plain-ASCII spelling without the ICAO digraphs (`Müller` → `MULLER`), or null if equal. */
export function latinVariant(name: string): string | null {
  const plain = name.toUpperCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'SS').replace(/Ł/g, 'L').replace(/[^A-Z\s-]/g, '');
  return plain === latinToMrz(name) ? null : plain;
}
