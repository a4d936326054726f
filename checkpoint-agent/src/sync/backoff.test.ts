import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Backoff, fullJitterDelayMs } from './backoff.js';
import { seededRandom as seeded } from '../test-support/seeded-random.js';


describe('fullJitterDelayMs', () => {
  it('stays within [0, min(cap, base·2^attempt)) for every attempt', () => {
    fc.assert(
      fc.property(fc.nat(80), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 60_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, base, cap, r) => {
        const d = fullJitterDelayMs(attempt, base, cap, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(Math.min(cap, base * 2 ** attempt));
        expect(Number.isFinite(d)).toBe(true);
      }),
    );
  });

  it('reaches the cap and uses the whole range (full, not equal, jitter)', () => {
    const rnd = seeded(7);
    const delays = Array.from({ length: 2000 }, () => fullJitterDelayMs(20, 500, 2000, rnd));
    expect(Math.max(...delays)).toBeGreaterThan(1900);
    expect(Math.min(...delays)).toBeLessThan(100);
  });
});

describe('Backoff', () => {
  it('grows per attempt and resets on success', () => {
    const b = new Backoff(500, 30_000, () => 0.999999);
    expect([b.next(), b.next(), b.next()]).toEqual([499, 999, 1999]);
    expect(b.attempt).toBe(3);
    b.reset();
    expect(b.next()).toBe(499);
  });

  it('two agents failing together do not retry in lockstep', () => {
    const seed = 20261127;
    const a = new Backoff(500, 2000, seeded(seed));
    const b = new Backoff(500, 2000, seeded(seed + 1));
    const same = Array.from({ length: 10 }, () => a.next() === b.next()).filter(Boolean).length;
    expect(same, `seed ${seed}`).toBeLessThan(2);
  });
});
