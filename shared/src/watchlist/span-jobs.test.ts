import { describe, expect, it } from 'vitest';
import { SpanJobs } from './span-jobs.js';

describe('SpanJobs', () => {
  // Spans as a query's keys give them: equal posting lists share one copy (person-core.ts), so a key's
  // twin (an r: key of an s: key, a key two units share) comes with the same four positions.
  it('reads a span once with the union of its flags, and never merges different spans', () => {
    const jobs = new SpanJobs();
    jobs.reset();
    jobs.add([0, 3, 3, 5], 0, 1);
    jobs.add([0, 3, 3, 5], 0, 2); // the twin key
    jobs.add([0, 3, 3, 6], 0, 4); // same window, other unknown-year end
    jobs.add([0, 2, 3, 5], 0, 128); // other window end
    jobs.add([1, 3, 3, 5], 0, 256); // other window start
    jobs.add([9, 9, 0, 3], 0, 512); // other unknown-year start
    jobs.add([0, 3, 3, 5], 0, 8 | 16); // the same key again (a key two units share)
    jobs.add([15, 15, 15, 17], 0, 32); // only unknown-year postings
    jobs.add([15, 15, 17, 17], 0, 64); // empty: nothing to read
    expect(jobs.count).toBe(6);
    expect(jobs.flags).toEqual([1 | 2 | 8 | 16, 4, 128, 256, 512, 32]);
    expect(jobs.spans.slice(0, 4)).toEqual([0, 3, 3, 5]);
  });

  it('forgets everything on reset', () => {
    const jobs = new SpanJobs();
    jobs.reset();
    jobs.add([0, 3, 3, 5], 0, 1);
    jobs.reset();
    jobs.add([0, 3, 3, 5], 0, 2);
    expect(jobs.count).toBe(1);
    expect(jobs.flags).toEqual([2]);
  });

  it('keeps every span when more distinct spans come than its table holds', () => {
    const jobs = new SpanJobs();
    jobs.reset();
    for (let i = 0; i < 1500; i++) jobs.add([2 * i, 2 * i + 1, 2 * i + 1, 2 * i + 2], 0, 1);
    jobs.add([0, 1, 1, 2], 0, 2);
    expect(jobs.count).toBeGreaterThanOrEqual(1500);
    const covered = new Set<number>();
    for (let j = 0; j < jobs.count; j++) for (let i = jobs.spans[4 * j]!; i < jobs.spans[4 * j + 3]!; i++) covered.add(i);
    expect(covered.size).toBe(3000);
  });
});
