/**
 * Asks Linux to back a large buffer with transparent huge pages (`madvise(MADV_HUGEPAGE)`), through libc
 * called with koffi (the FFI library the hardware simulator already uses for its PTYs).
 *
 * Why: loading the screening index file is bound by the first touch of fresh memory on the project's VMs
 * (~3.5 ms per MiB with 4 KiB pages, one fault each), and a 2 MiB page costs one fault for 512 of them —
 * reading the 204 MiB file of a 1M + 1M list took 0.70 s into an ordinary buffer and 0.05–0.45 s into an
 * advised one (measured, same file, fresh processes). Node has no `madvise`, and glibc's own switch
 * (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, see the README's deployment notes) works only when set before the
 * process starts. With transparent huge pages set to `madvise` (Debian's default) or `always`, the advice
 * takes effect; with `never`, or where any step is unavailable (not Linux, no koffi, no libc), nothing
 * happens and the buffer works as before: the advice changes speed, never contents.
 */
import { createRequire } from 'node:module';

const MADV_HUGEPAGE = 14;
const HUGE_PAGE = 2n ** 21n;

interface Libc {
  madvise(addr: bigint, length: number, advice: number): number;
  /** Address of the first byte of `bytes` (memchr for that byte's value in a range of one). */
  addressOf(bytes: Uint8Array): bigint;
}

let libc: Libc | null | undefined;

function loadLibc(): Libc | null {
  if (libc !== undefined) return libc;
  libc = null;
  if (process.platform !== 'linux') return libc;
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
    const lib = koffi.load('libc.so.6');
    const madvise = lib.func('int madvise(uintptr_t addr, size_t length, int advice)') as (a: bigint, l: number, v: number) => number;
    const memchr = lib.func('uintptr_t memchr(const void *s, int c, size_t n)') as (s: Uint8Array, c: number, n: number) => number | bigint;
    libc = { madvise: (a, l, v) => madvise(a, l, v), addressOf: (b) => BigInt(memchr(b, b[0]!, 1)) };
  } catch {
    // no koffi or no glibc here: no advice
  }
  return libc;
}

/**
 * Advises huge pages for the whole 2 MiB extents inside `bytes`, best before its pages are first touched.
 * Returns the advised address range, or null when nothing was advised (another platform, koffi or libc
 * missing, a buffer under one 2 MiB extent, or the kernel refused).
 */
export function adviseHugePages(bytes: Uint8Array): { from: bigint; to: bigint } | null {
  if (bytes.length < 2 * Number(HUGE_PAGE)) return null;
  const c = loadLibc();
  if (c === null) return null;
  try {
    const start = c.addressOf(bytes);
    if (start === 0n) return null;
    const from = ((start + HUGE_PAGE - 1n) / HUGE_PAGE) * HUGE_PAGE;
    const to = ((start + BigInt(bytes.length)) / HUGE_PAGE) * HUGE_PAGE;
    if (to <= from || c.madvise(from, Number(to - from), MADV_HUGEPAGE) !== 0) return null;
    return { from, to };
  } catch {
    return null;
  }
}
