import { describe, expect, it } from 'vitest';
import { buildNameSketches, keyTokenLists, SKETCH_TOKENS, tokenBucket, UnitBuckets } from './name-sketch.js';
import { maxTokenUnitMatching } from './max-token-unit-matching.js';

// A small hand-made core: 40 tokens with three keys each (key = token % 13, 13 + token % 7, 20 + token % 5),
// and persons with one to four tokens, some with an alias.
const TOKENS = 40;
const tokKeyStart = Uint32Array.from({ length: TOKENS + 1 }, (_, t) => 3 * t);
const tokKeys = Uint32Array.from({ length: 3 * TOKENS }, (_, i) => [Math.floor(i / 3) % 13, 13 + (Math.floor(i / 3) % 7), 20 + (Math.floor(i / 3) % 5)][i % 3]!);
const keys = Array.from({ length: 25 }, (_, k) => `k${k}`);
let seed = 5;
// The high bits of the LCG: its low bits cycle with a short period (seed % 4 was always 0).
const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor(seed / 65536) % n);
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

  /** The multiset union of a person's names: each token as often as the name that repeats it most. */
  const unionOf = (person: number[][]): number[] => {
    const most = new Map<number, number>();
    const order: number[] = [];
    for (const name of person) {
      const here = new Map<number, number>();
      for (const t of name) here.set(t, (here.get(t) ?? 0) + 1);
      for (const [t, n] of here) {
        if (!most.has(t)) order.push(t);
        most.set(t, Math.max(most.get(t) ?? 0, n));
      }
    }
    return order.flatMap((t) => Array.from({ length: most.get(t)! }, () => t));
  };

  it('sketch the tokens of all names of a person, a token as often as one name repeats it, up to four', () => {
    let multiName = 0;
    let repeated = 0;
    names.forEach((person, id) => {
      const lo = sketches[2 * id]!;
      const hi = sketches[2 * id + 1]!;
      const union = unionOf(person);
      if (union.length > SKETCH_TOKENS) return expect([lo, hi]).toEqual([0, 0]);
      if (person.length > 1) multiName++;
      if (new Set(union).size < union.length) repeated++;
      expect(lo >>> 28).toBe(union.length);
      expect(union.map((_, i) => ((i < 2 ? lo : hi) >>> (14 * (i & 1))) & 16383).sort()).toEqual(union.map(tokenBucket).sort());
    });
    // The generated persons include both cases the union is for.
    expect(multiName).toBeGreaterThan(10);
    expect(repeated).toBeGreaterThan(5);
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

  it('bounds the distinct-token matching and the token count per unit from above, and is mostly exact', () => {
    const buckets = new UnitBuckets(sketches, keyTokenLists(core));
    let tight = 0;
    let checked = 0;
    const unitsOfToken = (unitsOf: Map<number, number>, t: number): number => Array.from(tokKeys.subarray(3 * t, 3 * t + 3)).reduce((a, k) => a | (unitsOf.get(k) ?? 0), 0);
    for (let round = 0; round < 200; round++) {
      // Random units over random keys (as query units register their keys).
      const unitsOf = new Map<number, number>();
      for (let u = 0; u < 1 + next(4); u++) for (let j = 0; j < 1 + next(6); j++) { const k = next(keys.length); unitsOf.set(k, (unitsOf.get(k) ?? 0) | (1 << u)); }
      buckets.fill([...unitsOf.keys()], (k) => unitsOf.get(k)!);
      names.forEach((person, id) => {
        const bound = buckets.bound(id, 0xffff);
        if (sketches[2 * id] === 0) return (expect(bound).toBe(-1), expect(buckets.holders(id, 1)).toBe(-1));
        // distinctUnits: the best matching of any one name; and per unit, the most tokens of one name carrying it.
        const exact = Math.max(...person.map((name) => maxTokenUnitMatching(Uint16Array.from(name, (t) => unitsOfToken(unitsOf, t)), name.length)));
        expect(bound).toBeGreaterThanOrEqual(exact);
        for (let u = 0; u < 4; u++) {
          const most = Math.max(...person.map((name) => name.filter((t) => (unitsOfToken(unitsOf, t) & (1 << u)) !== 0).length));
          expect(buckets.holders(id, 1 << u)).toBeGreaterThanOrEqual(most);
        }
        // Without bucket collisions the bound is the matching over the union of the names.
        const union = unionOf(person);
        checked++;
        if (bound === maxTokenUnitMatching(Uint16Array.from(union, (t) => unitsOfToken(unitsOf, t)), union.length)) tight++;
      });
    }
    // With 40 tokens in 16,384 buckets collisions are rare (else the bound would rule nobody out).
    expect(tight).toBeGreaterThan(0.95 * checked);
  });
});
