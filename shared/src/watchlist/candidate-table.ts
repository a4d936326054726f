/**
 * The persons one query reaches through its postings, with the flags collected for each (watchlist-matching.md
 * §4.6–4.7): an open-addressing hash table from person id to a flag word, plus the order in which persons
 * were first reached.
 *
 * Why not one flag word per person (a 4 MiB array at 1M persons, the first design): a query reaches ~1,000
 * persons scattered over the whole list, and each posting read a random word of that array, a cache miss
 * whenever the array had left the CPU's caches between queries — the largest single cost of the slowest
 * queries at 1M entries (the same queries ran ~2.3× faster when repeated at once, caches warm). This table
 * holds only the persons reached: at 8 bytes a slot and at most half full it is 64 KiB for up to 4,096
 * persons, it stays in cache from one query to the next, and it is cleared by visiting the slots used.
 * It grows (doubling, order kept) for the rare query that reaches more.
 */
const GOLDEN = 0x9e3779b1;

export class CandidateTable {
  /** Slot → person id + 1 (0 = empty). */
  private keys: Int32Array;
  /** Slot → flags (the caller's bits). */
  flags: Uint32Array;
  /** The slots in the order their persons were first reached (`count` of them). */
  order: Uint32Array;
  count = 0;
  private mask: number;
  private shift: number;

  /** @param capacityBits log2 of the initial number of slots. */
  constructor(capacityBits = 13) {
    this.keys = new Int32Array(1 << capacityBits);
    this.flags = new Uint32Array(1 << capacityBits);
    this.order = new Uint32Array(1 << (capacityBits - 1));
    this.mask = (1 << capacityBits) - 1;
    this.shift = 32 - capacityBits;
  }

  /** ORs `bits` into person `id`'s flags (0 when first reached, which adds it to `order`). */
  add(id: number, bits: number): void {
    const key = id + 1;
    let s = Math.imul(key, GOLDEN) >>> this.shift;
    for (;;) {
      const k = this.keys[s]!;
      if (k === key) {
        this.flags[s]! |= bits;
        return;
      }
      if (k === 0) break;
      s = (s + 1) & this.mask;
    }
    this.keys[s] = key;
    this.flags[s] = bits;
    this.order[this.count++] = s;
    // At most half full: probes stay short, and `order` (half the slots) has room.
    if (this.count === this.order.length) this.grow();
  }

  /** The slot of person `id`, or −1 when it was not reached. */
  slotOf(id: number): number {
    const key = id + 1;
    for (let s = Math.imul(key, GOLDEN) >>> this.shift; ; s = (s + 1) & this.mask) {
      const k = this.keys[s]!;
      if (k === key) return s;
      if (k === 0) return -1;
    }
  }

  /** The person in slot `s`. */
  id(s: number): number {
    return this.keys[s]! - 1;
  }

  /** Forgets every person (visits only the slots used). */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.keys[this.order[i]!] = 0;
    this.count = 0;
  }

  private grow(): void {
    const { keys, flags, order, count } = this;
    const bits = 33 - this.shift;
    this.keys = new Int32Array(1 << bits);
    this.flags = new Uint32Array(1 << bits);
    this.order = new Uint32Array(1 << (bits - 1));
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
    this.count = 0;
    for (let i = 0; i < count; i++) {
      const s = order[i]!;
      this.add(keys[s]! - 1, flags[s]!);
    }
  }
}
