/**
 * Maximum bipartite matching between the tokens of one list name and the query's candidate units
 * (watchlist-matching.md §4.7: two matched units must be matched by two different tokens of the entry).
 * Both sides are tiny (≤ 16), so Kuhn's augmenting paths over bit masks; no allocation.
 */
const unitOwner = new Int8Array(16);
let units: Uint16Array = new Uint16Array(0);

/**
 * Size of a maximum matching: token `t` (0 ≤ t < `count`) may take any unit whose bit is set in
 * `tokenUnits[t]` (unit bits 0–15), each unit at most once.
 */
export function maxTokenUnitMatching(tokenUnits: Uint16Array, count: number): number {
  unitOwner.fill(-1);
  units = tokenUnits;
  let size = 0;
  for (let t = 0; t < count; t++) if (tokenUnits[t] !== 0 && augment(t, 0)) size++;
  return size;
}

/** Finds a unit for token `t`, moving earlier owners along an augmenting path; `seen` = units on the path. */
function augment(t: number, seen: number): boolean {
  for (let free = units[t]! & ~seen; free !== 0; free &= free - 1) {
    const bit = free & -free;
    const u = 31 - Math.clz32(bit);
    seen |= bit;
    const owner = unitOwner[u]!;
    if (owner < 0 || augment(owner, seen)) {
      unitOwner[u] = t;
      return true;
    }
  }
  return false;
}
