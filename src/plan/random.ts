// A small seeded PRNG (mulberry32): the same seed gives the same request mix, identities and
// random ids on every run, so a drill can be repeated exactly. `randomFor(seed, seq)` is the
// counter-based form: draw `seq` has a stream of its own, a pure function of (seed, seq), so a
// shard computes arrival k's draws directly without drawing every arrival before it.

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

/**
 * The stream for draw `seq` under `seed`: mulberry32 seeded with a murmur3-style finaliser of
 * seed ⊕ (seq · golden ratio), high 32 bits of seq folded in. Same (seed, seq), same stream, in any
 * process and in any order.
 */
export function randomFor(seed: number, seq: number): Random {
  let h =
    (seed ^ Math.imul(seq >>> 0, 0x9e3779b9) ^ Math.imul(Math.floor(seq / 0x100000000), 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return seededRandom((h ^ (h >>> 16)) >>> 0);
}
