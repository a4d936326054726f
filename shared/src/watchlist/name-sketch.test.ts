import { describe, expect, it } from 'vitest';
import { buildNameSketches, keyTokenLists, tokenBucket, UnitBuckets } from './name-sketch.js';
import { maxTokenUnitMatching } from './max-token-unit-matching.js';

// A small hand-made core: 40 tokens with three keys each (key = token % 13, 13 + token % 7, 20 + token % 5),
// and persons with one to four tokens, some with an alias.
const TOKENS = 40;
const tokKeyStart = Uint32Array.from({ length: TOKENS + 1 }, (_, t) => 3 * t);
const tokKeys = Uint32Array.from({ length: 3 * TOKENS }, (_, i) => [Math.floor(i / 3) % 13, 13 + (Math.floor(i / 3) % 7), 20 + (Math.floor(i / 3) % 5)][i % 3]!);
const keys = Array.from({ length: 25 }, (_, k) => `k${k}`);
let seed = 5;
const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
const names: number[][][] = Array.from({ length: 300 }, () => Array.from({ length: next(5) === 0 ? 2 : 1 }, () => Array.from({ length: 1 + next(4) }, () => next(TOKENS))));
const nameStart = new Uint32Array(names.length + 1);
const nameTok: number[] = [];
const nameTokStartList = [0];
names.forEach((person, id) => {
  for (const name of person) (nameTok.push(...name), nameTokStartList.push(nameTok.length));
  nameStart[id + 1] = nameStart[id]! + person.length;
});
const core = { count: names.length, nameStart, nameTokStart: Uint32Array.from(nameTokStartList), occTok: Uint32Array.from(nameTok), keys, tokKeyStart, tokKeys };

describe('name sketches', () => {
  const sketches = buildNameSketches(core);

  it('sketch persons with one name of one to three tokens, in name order', () => {
    names.forEach((person, id) => {
      const w = sketches[id]!;
      if (person.length !== 1 || person[0]!.length > 3) return expect(w).toBe(0);
      expect(w >>> 30).toBe(person[0]!.length);
      person[0]!.forEach((t, i) => expect((w >>> (10 * i)) & 1023).toBe(tokenBucket(t)));
    });
  });

  it('lists the tokens of each key (the inverse of the token keys)', () => {
    const lists = keyTokenLists(core);
    for (let k = 0; k < keys.length; k++) {
      const expected: number[] = [];
      for (let t = 0; t < TOKENS; t++) if (Array.from(tokKeys.subarray(3 * t, 3 * t + 3)).includes(k)) expected.push(t);
      expect(Array.from(lists.tokens.subarray(lists.start[k]!, lists.start[k + 1]!))).toEqual(expected);
    }
  });

  it('gives a token the units of all its keys', () => {
    // Token 0 holds keys 0 and 13, token 1 key 1: unit A on keys 0 and 1, unit B on key 13. A person
    // named [0, 1] matches two units with two tokens (0 → B, 1 → A).
    const c = { ...core, count: 1, nameStart: Uint32Array.from([0, 1]), nameTokStart: Uint32Array.from([0, 2]), occTok: Uint32Array.from([0, 1]) };
    const buckets = new UnitBuckets(buildNameSketches(c), keyTokenLists(c));
    const unitsOf = new Map([[13, 2], [0, 1], [1, 1]]);
    buckets.fill([...unitsOf.keys()], (k) => unitsOf.get(k)!);
    expect(buckets.bound(0, 0xffff)).toBe(2);
  });

  it('bounds the distinct-token matching from above, and equals it for tokens in buckets of their own', () => {
    const buckets = new UnitBuckets(sketches, keyTokenLists(core));
    let tight = 0;
    for (let round = 0; round < 200; round++) {
      // Random units over random keys (as query units register their keys).
      const unitsOf = new Map<number, number>();
      for (let u = 0; u < 1 + next(4); u++) for (let j = 0; j < 1 + next(6); j++) { const k = next(keys.length); unitsOf.set(k, (unitsOf.get(k) ?? 0) | (1 << u)); }
      buckets.fill([...unitsOf.keys()], (k) => unitsOf.get(k)!);
      names.forEach((person, id) => {
        const bound = buckets.bound(id, 0xffff);
        if (sketches[id] === 0) return expect(bound).toBe(-1);
        const tokens = person[0]!;
        const units = Uint16Array.from(tokens, (t) => Array.from(tokKeys.subarray(3 * t, 3 * t + 3)).reduce((a, k) => a | (unitsOf.get(k) ?? 0), 0));
        const exact = maxTokenUnitMatching(units, tokens.length);
        expect(bound).toBeGreaterThanOrEqual(exact);
        if (bound === exact) tight++;
      });
    }
    // With 40 tokens in 1,024 buckets the bound is mostly exact (else it would rule nobody out).
    expect(tight).toBeGreaterThan(0.9 * 200 * names.filter((p) => p.length === 1 && p[0]!.length <= 3).length);
  });
});
