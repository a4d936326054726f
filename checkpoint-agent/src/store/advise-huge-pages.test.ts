import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adviseHugePages } from './advise-huge-pages.js';

const thp = process.platform === 'linux' && existsSync('/sys/kernel/mm/transparent_hugepage/enabled');

/** The mappings of this process overlapping `[from, to)`, with their flags and resident kB (/proc/self/smaps). */
function mappings(from: bigint, to: bigint): { flags: string[]; rssKb: number; sizeKb: number }[] {
  const out: { flags: string[]; rssKb: number; sizeKb: number }[] = [];
  let current: { flags: string[]; rssKb: number; sizeKb: number } | undefined;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const range = /^([0-9a-f]+)-([0-9a-f]+) /.exec(line);
    if (range !== null) {
      const [a, b] = [BigInt(`0x${range[1]!}`), BigInt(`0x${range[2]!}`)];
      current = a < to && b > from ? { flags: [], rssKb: 0, sizeKb: 0 } : undefined;
      if (current !== undefined) out.push(current);
    } else if (current !== undefined) {
      const [key, value] = line.split(/:\s+/);
      if (key === 'VmFlags') current.flags = value!.trim().split(' ');
      if (key === 'Rss') current.rssKb = Number.parseInt(value!, 10);
      if (key === 'Size') current.sizeKb = Number.parseInt(value!, 10);
    }
  }
  return out;
}

describe('adviseHugePages', () => {
  it.runIf(thp)('marks the whole 2 MiB extents of the buffer for huge pages, and they are the buffer\'s own memory', () => {
    const bytes = new Uint8Array(new SharedArrayBuffer(24 * 2 ** 20));
    const advised = adviseHugePages(bytes);
    expect(advised).not.toBeNull();
    const { from, to } = advised!;
    expect(from % 2n ** 21n).toBe(0n);
    expect(Number(to - from)).toBeGreaterThanOrEqual(bytes.length - 4 * 2 ** 20);
    const before = mappings(from, to);
    expect(before.length).toBeGreaterThan(0);
    // The kernel split off the advised range as its own mapping(s), each flagged `hg` (VM_HUGEPAGE).
    expect(before.every((m) => m.flags.includes('hg'))).toBe(true);
    expect(before.reduce((n, m) => n + m.sizeKb, 0)).toBe(Number(to - from) / 1024);
    // Writing the buffer makes exactly that range resident: the address was the buffer's, not a copy's.
    const rssBefore = before.reduce((n, m) => n + m.rssKb, 0);
    bytes.fill(7);
    const rssAfter = mappings(from, to).reduce((n, m) => n + m.rssKb, 0);
    expect(rssAfter - rssBefore).toBeGreaterThanOrEqual(Number(to - from) / 1024 - 4);
    expect(bytes[12345]).toBe(7);
  });

  it('advises nothing for a buffer smaller than two huge pages', () => {
    expect(adviseHugePages(new Uint8Array(3 * 2 ** 20))).toBeNull();
  });
});
