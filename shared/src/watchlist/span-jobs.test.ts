import { describe, expect, it } from 'vitest';
import { SpanJobs } from './span-jobs.js';

describe('SpanJobs', () => {
  // Three posting lists: [0, 5) and [5, 10) hold the same ids, [10, 15) the same lengths and first id but
  // another last id; [15, 17) is a short list.
  const postings = Uint32Array.from([3, 8, 20, 41, 90, 3, 8, 20, 41, 90, 3, 8, 20, 41, 91, 7, 9]);

  it('reads equal postings once with the union of their flags, and never merges different ones', () => {
    const jobs = new SpanJobs(postings);
    jobs.reset();
    jobs.add([0, 3, 3, 5], 0, 1);
    jobs.add([5, 8, 8, 10], 0, 2); // same ids at other positions (an r: key twin of an s: key)
    jobs.add([10, 13, 13, 15], 0, 4); // same lengths and first id, other unknown-year ids
    jobs.add([0, 3, 3, 5], 0, 8 | 16); // the same key again (a key two units share)
    jobs.add([15, 15, 15, 17], 0, 32); // only unknown-year postings
    jobs.add([15, 15, 17, 17], 0, 64); // empty: nothing to read
    expect(jobs.count).toBe(3);
    expect(jobs.flags).toEqual([1 | 2 | 8 | 16, 4, 32]);
    expect(jobs.spans.slice(0, 4)).toEqual([0, 3, 3, 5]);
  });

  it('forgets everything on reset', () => {
    const jobs = new SpanJobs(postings);
    jobs.reset();
    jobs.add([0, 3, 3, 5], 0, 1);
    jobs.reset();
    jobs.add([5, 8, 8, 10], 0, 2);
    expect(jobs.count).toBe(1);
    expect(jobs.flags).toEqual([2]);
  });

  it('keeps every span when more distinct spans come than its table holds', () => {
    const many = Uint32Array.from({ length: 3000 }, (_, i) => i);
    const jobs = new SpanJobs(many);
    jobs.reset();
    for (let i = 0; i < 1500; i++) jobs.add([2 * i, 2 * i + 1, 2 * i + 1, 2 * i + 2], 0, 1);
    jobs.add([0, 1, 1, 2], 0, 2);
    expect(jobs.count).toBeGreaterThanOrEqual(1500);
    const covered = new Set<number>();
    for (let j = 0; j < jobs.count; j++) for (let i = jobs.spans[4 * j]!; i < jobs.spans[4 * j + 3]!; i++) covered.add(i);
    expect(covered.size).toBe(3000);
  });
});
