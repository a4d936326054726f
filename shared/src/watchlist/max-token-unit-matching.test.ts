import { describe, expect, it } from 'vitest';
import { maxTokenUnitMatching } from './max-token-unit-matching.js';

const of = (...masks: number[]): number => maxTokenUnitMatching(Uint16Array.from(masks), masks.length);

describe('maxTokenUnitMatching', () => {
  it('counts one unit when one token is the only one matching two units (AZAMAT for AZAMAT and AZAMATOV)', () => {
    expect(of(0b11, 0)).toBe(1);
  });
  it('counts two units matched by two different tokens', () => {
    expect(of(0b01, 0b10)).toBe(2);
    expect(of(0b11, 0b11)).toBe(2);
  });
  it('re-routes an earlier token along an augmenting path instead of settling for a greedy choice', () => {
    // Greedy would give unit 0 to token 0 and leave token 1 (unit 0 only) unmatched.
    expect(of(0b011, 0b001)).toBe(2);
    expect(of(0b011, 0b001, 0b110)).toBe(3);
  });
  it('is bounded by the number of distinct units', () => {
    expect(of(0b1, 0b1, 0b1)).toBe(1);
    expect(of()).toBe(0);
  });
  it('agrees with a brute-force search on random small instances', () => {
    let seed = 12345;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
    for (let trial = 0; trial < 2000; trial++) {
      const n = 1 + (rnd() % 6);
      const masks = Array.from({ length: n }, () => rnd() & 0x3f);
      const brute = (t: number, used: number): number => (t === n ? 0 : Math.max(brute(t + 1, used), ...[0, 1, 2, 3, 4, 5].filter((u) => (masks[t]! >> u) & 1 && !((used >> u) & 1)).map((u) => 1 + brute(t + 1, used | (1 << u)))));
      expect(of(...masks), `${trial}: ${masks.join(',')}`).toBe(brute(0, 0));
    }
  });
});
