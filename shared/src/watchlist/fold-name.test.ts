import { describe, expect, it } from 'vitest';
import { familyOf, foldNameKey, foldNameKeys, foldToken, isMarker, normalizeLatinName, normalizeNameVariants, skeleton, TOKEN_PATRONYMIC, TOKEN_SURNAME, withinOneEdit, withinOneEditFrom } from './fold-name.js';
import { NAME_FAMILIES } from './name-families.js';

const same = (...forms: string[]): void => {
  const folds = forms.map((f) => foldToken(f)[0]);
  expect(new Set(folds).size, `${forms.join(' = ')} folded to ${folds.join(', ')}`).toBe(1);
};

describe('foldToken (watchlist-matching.md §4.3)', () => {
  it('unites the documented spelling classes', () => {
    same('YURIY', 'IURII', 'IOURI');
    same('ZHAPAROV', 'JAPAROV', 'DZHAPAROV', 'DJAPAROV');
    same('ALIYEV', 'ALIEV');
    same('NATALYA', 'NATALIA');
    same('KHASAN', 'HASAN');
    same('DMITRIY', 'DMITRY', 'DMITRII');
    same('YELENA', 'ELENA');
    same('TSOI', 'TCOI', 'TSOY');
    same('SHCHERBAKOV', 'SCHERBAKOV');
    same('NAZARBAYEV', 'NAZARBAEV');
    same('USON', 'UESOEN');
    same('ZHANYL', 'ZHANGYL');
  });
  it('keeps different names apart', () => {
    expect(foldToken('NURLAN')[0]).not.toBe(foldToken('ERLAN')[0]);
    expect(foldToken('ASKAR')[0]).not.toBe(foldToken('ASKAT')[0]);
  });
  it('gives X two folds (KS and the KH class)', () => {
    expect(foldToken('XASAN')).toContain(foldToken('KHASAN')[0]);
    expect(foldToken('ALEXANDER')[0]).toBe(foldToken('ALEKSANDER')[0]);
  });
  it('reads TZH and TSH as T + ZH/SH, not the TS class', () => {
    same('BAKHTZHON', 'BAKHTJON');
  });
  it('builds skeletons that survive vowel drift and gender endings', () => {
    expect(skeleton(foldToken('IVANOV')[0])).toBe(skeleton(foldToken('IVANOVA')[0]));
    expect(skeleton(foldToken('MUKHAMMED')[0])).toBe(skeleton(foldToken('MUHAMMAD')[0]));
  });
});

describe('name families (§3.7)', () => {
  it.each(Object.entries(NAME_FAMILIES))('every form of %s maps to its family', (family, forms) => {
    for (const f of forms) expect(foldToken(f).map(familyOf), f).toContain(family);
  });
});

describe('markers, particles and patronymics', () => {
  it('removes Turkic markers, glued or separate, and their misspellings', () => {
    expect(normalizeLatinName('BAKYT UULU', 'AZAMAT').tokens.map((t) => t.text)).toEqual(['BAKYT', 'AZAMAT']);
    expect(normalizeLatinName('BAKYTUULU', 'AZAMAT').tokens.map((t) => t.text)).toEqual(['BAKYT', 'AZAMAT']);
    expect(normalizeLatinName('KEMELULY', 'ASKAR').tokens.map((t) => t.text)).toEqual(['KEMEL', 'ASKAR']);
    expect(isMarker('UULY')).toBe(true);
    expect(isMarker('OUOULOU')).toBe(true);
    expect(isMarker('ULAN')).toBe(false);
    expect(isMarker('KVZY')).toBe(true); // one keying error, outside the marker letters
    expect(isMarker('ASKAR')).toBe(false);
    expect(normalizeLatinName('AL RASHID', 'HARUN').tokens.map((t) => t.text)).toEqual(['RASHID', 'HARUN']);
  });
  it('tags a patronymic that a swapped document carries after the first surname-field token', () => {
    const n = normalizeLatinName('AISULUU ALMAZBEKOVNA', 'NURMYRZOVA');
    expect(n.tokens.map((t) => t.role)).toEqual([TOKEN_SURNAME, TOKEN_SURNAME | TOKEN_PATRONYMIC, 0]);
  });
  it('tags Russian-style and marker patronymics in given-name positions only', () => {
    const n = normalizeLatinName('IVANOV', 'IVAN PETROVICH');
    expect(n.tokens.map((t) => t.role)).toEqual([TOKEN_SURNAME, 0, TOKEN_PATRONYMIC]);
    const k = normalizeLatinName('JAPAROV', 'SADYR NURGOJO UULU');
    expect(k.tokens[2]).toEqual({ text: 'NURGOJO', role: TOKEN_PATRONYMIC });
    expect(normalizeLatinName('MILOSEVICH', 'IVAN').tokens[0]!.role).toBe(TOKEN_SURNAME);
  });
  it('strips diacritics and apostrophes like the MRZ (ICAO 9303-3 §4.6)', () => {
    expect(normalizeLatinName("O'NEIL-SMITH", 'Jürgen').tokens.map((t) => t.text)).toEqual(['ONEIL', 'SMITH', 'JURGEN']);
  });
  it('yields every Cyrillic reading as its own name', () => {
    const v = normalizeNameVariants('Жаһан', 'Юлия');
    expect(v.map((n) => n.tokens[0]!.text).sort()).toEqual(['ZHACAN', 'ZHAHAN']);
  });
});

describe('foldNameKey (central server name search)', () => {
  it('ignores order, script, era and markers', () => {
    expect(foldNameKey('Жапаров Садыр')).toBe(foldNameKey('SADYR DZHAPAROV'));
    expect(foldNameKey('IULIIA SHCHERBAKOVA')).toBe(foldNameKey('Yuliya Scherbakova'));
    expect(foldNameKey('Bakyt uulu Azamat')).toBe(foldNameKey('AZAMAT BAKYTUULU'));
    expect(foldNameKey('IVANOV IVAN')).not.toBe(foldNameKey('IVANOV PETR'));
  });
  it('returns one key per reading of a Cyrillic name', () => {
    expect(foldNameKeys('Жаһан').length).toBe(2);
    expect(foldNameKeys('JAHAN')).toEqual([foldNameKey('JAHAN')]);
  });
});

describe('withinOneEditFrom', () => {
  it('equals withinOneEdit on the slices, for random pairs and the edge cases', () => {
    let seed = 99;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const word = (): string => 's:' + Array.from({ length: next(6) }, () => 'ABKT'[next(4)]).join('');
    const pairs: [string, string][] = [['s:', 's:'], ['s:A', 's:'], ['s:AB', 's:BA'], ['s:ABC', 's:ACB'], ['s:AB', 's:ABC'], ['s:ABC', 's:AXC'], ['s:ABCD', 's:BADC']];
    for (let i = 0; i < 20000; i++) {
      const a = word();
      // Half the pairs are one random edit apart, so both answers occur often.
      const j = 2 + next(Math.max(1, a.length - 1));
      const b = next(2) === 0 ? word() : [a.slice(0, j) + a.slice(j + 1), a.slice(0, j) + 'K' + a.slice(j), a.slice(0, j) + (a[j + 1] ?? '') + (a[j] ?? '') + a.slice(j + 2)][next(3)]!;
      pairs.push([a, b]);
    }
    let yes = 0;
    for (const [a, b] of pairs) {
      const expected = withinOneEdit(a.slice(2), b.slice(2));
      if (expected) yes++;
      expect(withinOneEditFrom(a, b, 2), `${a} ${b}`).toBe(expected);
    }
    expect(yes).toBeGreaterThan(pairs.length / 4);
  });
});
