import { describe, expect, it } from 'vitest';
import { exactDocumentKey, foldedDocumentKey, MAX_DOCUMENT_KEY_BYTES, normalizeDocumentNumber, ocrFoldDocumentNumber, writeExactDocumentKey, writeFoldedDocumentKey } from './document-key.js';
import fc from 'fast-check';
import { canonicalState } from './state-code.js';

describe('document keys (watchlist-matching.md §4.9)', () => {
  it('normalises numbers and states: D ≡ DEU, XXK ≡ RKS', () => {
    expect(normalizeDocumentNumber(' c01x-00t47<<')).toBe('C01X00T47');
    expect(canonicalState('D<<')).toBe('DEU');
    expect(canonicalState('XXK')).toBe('RKS');
    expect(exactDocumentKey('D', 'C01X00T47')).toBe(exactDocumentKey('DEU', 'c01x00t47'));
  });
  it('folds check-digit-invisible and common OCR confusions to one key', () => {
    const pairs: [string, string][] = [['AB0123456', 'ABO123456'], ['AB1234567', 'ABI234567'], ['AB1234567', 'ABl234567'], ['AS123456', 'A5123456'], ['AS123456', 'A8123456'], ['AG123456', 'A6123456'], ['AQ123456', 'A6123456'], ['Z12345', '212345']];
    for (const [a, b] of pairs) {
      expect(foldedDocumentKey('KGZ', a), `${a} ~ ${b}`).toBe(foldedDocumentKey('KGZ', b));
    }
    expect(ocrFoldDocumentNumber('0012345')).toBe(ocrFoldDocumentNumber('12345'));
    expect(ocrFoldDocumentNumber('0012345')).not.toMatch(/^0/);
    expect(ocrFoldDocumentNumber('12345K')).toBe(ocrFoldDocumentNumber('12345'));
  });
  it('keeps other characters and other states apart', () => {
    expect(foldedDocumentKey('KGZ', 'AB1234567')).not.toBe(foldedDocumentKey('KGZ', 'AB1234577'));
    expect(foldedDocumentKey('KGZ', 'AB1234567')).not.toBe(foldedDocumentKey('KAZ', 'AB1234567'));
  });
  it('byte keys of the lookup hot path equal the string keys', () => {
    const ex = new Uint8Array(MAX_DOCUMENT_KEY_BYTES);
    const fo = new Uint8Array(MAX_DOCUMENT_KEY_BYTES);
    const ascii = (b: Uint8Array, n: number): string => String.fromCharCode(...b.subarray(0, n));
    const check = (state: string, number: string): void => {
      const n = writeExactDocumentKey(state, number, ex);
      const exact = exactDocumentKey(state, number);
      if (exact.endsWith('|')) return void expect(n).toBe(-1);
      expect(ascii(ex, n)).toBe(exact);
      expect(ascii(fo, writeFoldedDocumentKey(ex, 0, n, fo))).toBe(foldedDocumentKey(state, number));
    };
    for (const [s, d] of [['D', 'c01x-00t47<<'], ['KGZ', '000OK0'], ['XXK', 'ﬀ12'], ['KAZ', 'ıs5b8'], ['KGZ', '<<<'], ['UTO', 'K0K']]) check(s!, d!);
    fc.assert(
      fc.property(fc.constantFrom('D', 'DEU', 'KGZ', 'XXK', 'D<<'), fc.stringMatching(/^[0-9A-Za-z<OKIL ßı-]{0,24}$/), (s, d) => check(s, d)),
      { seed: 4242, numRuns: 2000 },
    );
  });
});
