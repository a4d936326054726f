import { states } from 'mrz';
import { describe, expect, it } from 'vitest';
import { ICAO_SPECIAL_STATE_CODES, ISO_3166_ALPHA3 } from './state-codes.js';
import { STATE_ISSUER, STATE_NATIONALITY, STATE_SPECIMEN, STATE_XXK, stateCodeFlags } from './state-code-table.js';

const flags = (code: string): number => stateCodeFlags((code + '<<<').slice(0, 3), 0);

describe('state code table (ICAO 9303-3 §5)', () => {
  it('holds exactly the mrz package list plus UTO, XMP and IAO (icao-9303.md §15.5 item 16)', () => {
    const ours = new Set([...ISO_3166_ALPHA3, ...ICAO_SPECIAL_STATE_CODES.map((s) => s.code)]);
    expect(ISO_3166_ALPHA3).toHaveLength(249);
    expect([...ours].filter((c) => !(c in states)).sort()).toEqual(['IAO', 'UTO', 'XMP']);
    expect(Object.keys(states).filter((c) => !ours.has(c))).toEqual([]);
  });

  it('encodes the use of each code', () => {
    expect(flags('KGZ')).toBe(STATE_ISSUER | STATE_NATIONALITY);
    expect(flags('D')).toBe(STATE_ISSUER | STATE_NATIONALITY);
    expect(flags('XXA')).toBe(STATE_NATIONALITY);
    expect(flags('UTO') & STATE_SPECIMEN).toBeTruthy();
    expect(flags('XXK')).toBe(STATE_XXK);
    expect(flags('IAO') & (STATE_ISSUER | STATE_NATIONALITY)).toBe(0);
    expect(flags('ZZZ')).toBe(0);
    expect(stateCodeFlags('a1\u0000', 0)).toBe(0);
  });
});
