/**
 * mulberry32: a seeded [0, 1) source for the agent's own tests, so a failure replays from its seed. The
 * same generator as the simulator's `Prng` (`@aspk/hardware-sim`), which agent code may not import.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
