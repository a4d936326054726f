import { describe, expect, it } from 'vitest';
import { transliterateCyrillic } from './transliterate-cyrillic.js';

describe('transliterateCyrillic (icao-9303.md §13)', () => {
  it('applies the ICAO 9303 Part 3 table', () => {
    expect(transliterateCyrillic('ЮЛИЯ')[0]).toBe('IULIIA');
    expect(transliterateCyrillic('Щербаков Цой Хабиб Жанна Чингиз')[0]).toBe('SHCHERBAKOV TSOI KHABIB ZHANNA CHINGIZ');
    expect(transliterateCyrillic('Объедков')[0]).toBe('OBIEEDKOV'); // Ъ → IE, then Е → E
  });
  it('generates the ICAO-as-printed and the national reading of Kazakh Һ (C and H)', () => {
    expect(transliterateCyrillic('ЖАҺАН')).toEqual(['ZHACAN', 'ZHAHAN']);
  });
  it('covers Kyrgyz, Kazakh and Tajik letters by national practice', () => {
    expect(transliterateCyrillic('Үсөн Жаңыл Әлихан Қайрат Ғалым Ұлан Ҳасан Ҷамшед')[0]).toBe('USON ZHANYL ALIKHAN KAIRAT GALYM ULAN HASAN JAMSHED');
  });
  it('adds a Ukrainian reading for names with Ukrainian letters', () => {
    expect(transliterateCyrillic('Геннадій')).toContain('HENNADII');
  });
  it('passes Latin through uppercased', () => {
    expect(transliterateCyrillic('Japarov')).toEqual(['JAPAROV']);
  });
});
