import { describe, expect, it } from 'vitest';
import { checkDigit, compositeCheckDigit, mrzCharValue } from './check-digit.js';

describe('check digits (ICAO 9303-3 §4.9)', () => {
  it('computes the worked examples of the reference', () => {
    expect(checkDigit('520727')).toBe(3);
    expect(checkDigit('AB2134<<<')).toBe(5);
    expect(checkDigit('L898902C3')).toBe(6);
  });

  it('refuses characters outside the MRZ alphabet instead of guessing a value', () => {
    expect(checkDigit('52072 ')).toBeNull();
    expect(checkDigit('l898902C3')).toBeNull();
    expect(mrzCharValue('\u0000')).toBe(-1);
    expect(mrzCharValue('<')).toBe(0);
    expect(mrzCharValue('Z')).toBe(35);
  });

  it('continues the weights across the slices of a composite', () => {
    const line = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';
    const whole = line.slice(0, 10) + line.slice(13, 20) + line.slice(21, 43);
    expect(compositeCheckDigit([[line, 0, 10], [line, 13, 20], [line, 21, 43]])).toBe(checkDigit(whole));
    expect(compositeCheckDigit([[line, 0, 10], [line, 13, 20], [line, 21, 43]])).toBe(0);
  });
});
