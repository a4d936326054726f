import { describe, expect, it } from 'vitest';
import { CandidateTable } from './candidate-table.js';

describe('CandidateTable', () => {
  it('ORs the flags of each person and keeps the order of first reach', () => {
    const t = new CandidateTable(4);
    t.add(7, 1);
    t.add(0, 2);
    t.add(7, 4);
    t.add(1_000_000, 8);
    expect(t.count).toBe(3);
    expect(Array.from(t.order.subarray(0, t.count), (s) => [t.id(s), t.flags[s]])).toEqual([[7, 5], [0, 2], [1_000_000, 8]]);
    expect(t.flags[t.slotOf(0)]).toBe(2);
    expect(t.slotOf(8)).toBe(-1);
  });

  it('grows past half full without losing a person, a flag or the order', () => {
    const t = new CandidateTable(3);
    // Ids that share low bits, so that many probe runs are long.
    const ids = Array.from({ length: 5000 }, (_, i) => (i * 4096) % 8_388_607);
    ids.forEach((id, i) => t.add(id, 1 << (i % 16)));
    ids.forEach((id, i) => t.add(id, 1 << ((i + 1) % 16)));
    expect(t.count).toBe(ids.length);
    expect(Array.from(t.order.subarray(0, t.count), (s) => t.id(s))).toEqual(ids);
    ids.forEach((id, i) => expect(t.flags[t.slotOf(id)]).toBe((1 << (i % 16)) | (1 << ((i + 1) % 16))));
  });

  it('forgets everything on clear, and starts each person afresh after it', () => {
    const t = new CandidateTable(4);
    for (let id = 0; id < 7; id++) t.add(id, 1);
    t.clear();
    expect(t.count).toBe(0);
    for (let id = 0; id < 7; id++) expect(t.slotOf(id)).toBe(-1);
    t.add(3, 2);
    expect(t.flags[t.slotOf(3)]).toBe(2);
    expect(t.count).toBe(1);
  });
});
