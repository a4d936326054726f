import { describe, expect, it } from 'vitest';
import { chainHash, verifyChain, type ChainedRecord } from './hash-chain.js';
import { GENESIS_HASH } from './sha256.js';

function build(n: number): ChainedRecord<{ n: number; actor: string }>[] {
  const out: ChainedRecord<{ n: number; actor: string }>[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const record = { n: i, actor: `u${i}` };
    const hash = chainHash(prev, record);
    out.push({ id: i, record, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    expect(verifyChain(build(20), GENESIS_HASH)).toEqual({ ok: true, checked: 20 });
  });
  it('finds an edited record', () => {
    const c = build(20);
    c[6] = { ...c[6]!, record: { n: 7, actor: 'mallory' } };
    expect(verifyChain(c, GENESIS_HASH)).toMatchObject({ ok: false, firstBadId: 7 });
  });
  it('finds a deleted record at its successor', () => {
    const c = build(20);
    c.splice(9, 1);
    expect(verifyChain(c, GENESIS_HASH)).toMatchObject({ ok: false, firstBadId: 11 });
  });
  it('finds a reordering', () => {
    const c = build(20);
    [c[3], c[4]] = [c[4]!, c[3]!];
    expect(verifyChain(c, GENESIS_HASH)).toMatchObject({ ok: false, firstBadId: 5 });
  });
});
