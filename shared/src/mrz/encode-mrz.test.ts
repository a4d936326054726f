import { describe, expect, it } from 'vitest';
import { encodeMrz, encodeName } from './encode-mrz.js';

const anna = {
  issuingState: 'UTO',
  nationality: 'UTO',
  birthDate: '740812',
  sex: 'F' as const,
  expiryDate: '120415',
  surname: 'ERIKSSON',
  givenNames: 'ANNA MARIA',
};

describe('encodeMrz reproduces the ICAO 9303 specimens', () => {
  it('TD3 (9303-4)', () => {
    expect(encodeMrz({ ...anna, format: 'TD3', documentCode: 'P', documentNumber: 'L898902C3', optionalData: 'ZE184226B' })).toBe(
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10',
    );
  });
  it('TD1 (9303-5)', () => {
    expect(encodeMrz({ ...anna, format: 'TD1', documentCode: 'I', documentNumber: 'D23145890' })).toBe(
      'I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    );
  });
  it('TD2 (9303-6) and PU (9303-8)', () => {
    expect(encodeMrz({ ...anna, format: 'TD2', documentCode: 'I', documentNumber: 'D23145890' })).toBe(
      'I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6',
    );
    expect(encodeMrz({ ...anna, format: 'TD2', documentCode: 'PU', documentNumber: 'D23145890', expiryDate: '260627' })).toBe(
      'PUUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F2606277<<<<<<<8',
    );
  });
  it('MRV-A and MRV-B (9303-7)', () => {
    const visa = { ...anna, documentCode: 'V', documentNumber: 'L8988901C', nationality: 'XXX', birthDate: '400907', sex: 'F' as const, expiryDate: '961210' };
    expect(encodeMrz({ ...visa, format: 'MRVA', optionalData: '6ZE184226B' })).toBe(
      'V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<',
    );
    expect(encodeMrz({ ...visa, format: 'MRVB', optionalData: '' })).toBe(
      'V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C4XXX4009078F9612109<<<<<<<<',
    );
  });
  it('writes a long TD1 number with the ICAO check digit (9303-5 note j)', () => {
    const lines = encodeMrz({ ...anna, format: 'TD1', documentCode: 'I', issuingState: 'NLD', documentNumber: 'XR4701K25631' }).split('\n');
    expect(lines[0]).toBe('I<NLDXR4701K25<6319<<<<<<<<<<<');
  });
  it('cuts a name that does not fit so that it ends in a letter', () => {
    const f = encodeName('ABDURAKHMANOVA', 'ZHYLDYZ KANYBEKOVNA', 30);
    expect(f).toHaveLength(30);
    expect(f).toBe('ABDURAKHMANOVA<<ZHYLDYZ<KANYBE');
  });
});
