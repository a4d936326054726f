import { describe, expect, it } from 'vitest';
import { screeningQueryFromMrz } from './screening-query-from-mrz.js';

const base = { surname: 'JAPAROV', givenNames: 'SADYR', nationality: 'KGZ', sex: 'M', issuingState: 'KGZ', documentNumber: 'AC1234567' };

describe('screeningQueryFromMrz', () => {
  it('prefers the ISO birth date and keeps the truncation flag', () => {
    expect(screeningQueryFromMrz({ ...base, birthDate: '681206', birthDateIso: '1968-12-06', nameMayBeTruncated: true })).toEqual({ ...base, sex: 'M', birthDate: '1968-12-06', nameMayBeTruncated: true });
  });
  it('infers the century from an injected year and keeps unknown parts unknown', () => {
    expect(screeningQueryFromMrz({ ...base, birthDate: '681206' }, { currentYear: 2026 }).birthDate).toBe('1968-12-06');
    expect(screeningQueryFromMrz({ ...base, birthDate: '051206' }, { currentYear: 2026 }).birthDate).toBe('2005-12-06');
    expect(screeningQueryFromMrz({ ...base, birthDate: '68<<<<' }, { currentYear: 2026 }).birthDate).toBe('1968');
    expect(screeningQueryFromMrz({ ...base, birthDate: '6812<<' }, { currentYear: 2026 }).birthDate).toBe('1968-12');
    expect(screeningQueryFromMrz({ ...base, birthDate: '<<<<<<' }, { currentYear: 2026 }).birthDate).toBeUndefined();
    expect(screeningQueryFromMrz({ ...base, birthDate: '681206' }).birthDate).toBeUndefined();
  });
  it('drops filler-only nationality and unknown sex values', () => {
    const q = screeningQueryFromMrz({ ...base, nationality: 'D<<', sex: 'X', birthDate: '681206' });
    expect(q.nationality).toBe('D');
    expect(q.sex).toBeUndefined();
  });
});
