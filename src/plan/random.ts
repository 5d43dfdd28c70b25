// A small seeded PRNG (mulberry32): the same seed gives the same request mix, identities and
// random ids on every run, so a drill can be repeated exactly.

export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 16-hex-digit id drawn from `random`. */
export function randomHexId(random: Random): string {
  const hi = Math.floor(random() * 0x100000000)
    .toString(16)
    .padStart(8, '0');
  const lo = Math.floor(random() * 0x100000000)
    .toString(16)
    .padStart(8, '0');
  return hi + lo;
}
