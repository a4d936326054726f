import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeLatinName, normalizeNameVariants, TOKEN_PATRONYMIC, TOKEN_SURNAME, type NormalizedName } from './fold-name.js';
import { transliterateCyrillic } from './transliterate-cyrillic.js';
import { NameStager } from './name-stager.js';

/** The definition `normalizeNameVariants` had before it was memoised per chunk: the oracle here. */
function reference(surname: string, givenNames: string): NormalizedName[] {
  const s = transliterateCyrillic(surname);
  const g = transliterateCyrillic(givenNames);
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

// Words that exercise every rule: markers (separate, glued, misspelt), particles, patronymic endings,
// Russian/Kazakh/Ukrainian-only letters, diacritics, apostrophes, hyphens, fillers and odd spacing.
const WORDS = ['Жапаров', 'Садыр', 'Нургожоевич', 'уулу', 'кызы', 'UULU', 'KYZY', 'KVZY', 'NURLANUULU', 'AL', 'BIN', 'ибн', 'Іван', 'Їжак', 'Ґалина', 'Єва', 'Қасым', 'Өмүр', 'Үсөн', 'Ъ', 'Ё', 'Щукин', 'Петрович', 'Ивановна', "O'Neil", 'Zoë', 'Łucja', 'straße', 'ABDUL<RAHMAN', 'ABDUL-RAHMAN', 'ALMAZBEKOVNA', 'Һ', 'ібн', 'OGLI', 'qizi', 'X', 'ahmed', '', '  ', '<<', '-'];
const field = fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }).chain((ws) => fc.constantFrom(' ', '  ', '<', '-').map((sep) => ws.join(sep)));

describe('normalizeNameVariants memoised per chunk', () => {
  it('equals normalising every transliteration reading of each field (seeded)', () => {
    fc.assert(
      fc.property(field, field, (s, g) => {
        expect(normalizeNameVariants(s, g)).toEqual(reference(s, g));
      }),
      { seed: 20261127, numRuns: 3000 },
    );
  });

  it('equals the oracle on arbitrary text too (seeded)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24, unit: 'grapheme' }), fc.string({ maxLength: 24, unit: 'grapheme' }), (s, g) => {
        expect(normalizeNameVariants(s, g)).toEqual(reference(s, g));
      }),
      { seed: 7, numRuns: 1000 },
    );
  });
});

describe('NameStager (build-time field memo)', () => {
  it('yields the tokens, roles and concatenations of normalizeNameVariants (seeded)', () => {
    const stager = new NameStager();
    fc.assert(
      fc.property(field, field, (s, g) => {
        const so = stager.field(s, TOKEN_SURNAME);
        const go = stager.field(g, 0);
        const pool = stager.pool;
        const variants: { tokens: [string, number][]; concats: string[] }[] = [];
        const seen = new Set<string>();
        for (let i = 0; i < Math.max(pool[so]!, pool[go]!); i++) {
          const lists = [pool[so + 1 + Math.min(i, pool[so]! - 1)]!, pool[go + 1 + Math.min(i, pool[go]! - 1)]!];
          if (seen.has(lists.join()) || pool[lists[0]!]! + pool[lists[1]!]! === 0) continue;
          seen.add(lists.join());
          const v = { tokens: [] as [string, number][], concats: [] as string[] };
          for (const l of lists) {
            for (let k = 0, at = l + 1; k < pool[l]!; k++, at += 3) {
              v.tokens.push([stager.texts[pool[at]!]!, pool[at + 1]!]);
              if (pool[at + 2]! >= 0) v.concats.push(stager.texts[pool[at + 2]!]!);
            }
          }
          variants.push(v);
        }
        const expected = normalizeNameVariants(s, g).map((n) => ({
          tokens: n.tokens.map((t): [string, number] => [t.text, t.role]),
          concats: n.tokens.flatMap((t, k) => {
            const next = n.tokens[k + 1];
            return next !== undefined && (next.role & TOKEN_SURNAME) === (t.role & TOKEN_SURNAME) && ((t.role | next.role) & TOKEN_PATRONYMIC) === 0 ? [t.text + next.text] : [];
          }),
        }));
        expect(variants).toEqual(expected);
      }),
      { seed: 99, numRuns: 2000 },
    );
  });
});
