// Seeded pseudo-random numbers, so that a drill against the emulator is repeatable run to run.
// The generator is the plan's (one mulberry32 in the code base); the emulator adds normal samples.

import { type Random, seededRandom } from '../plan/random.js';

export type { Random };

/** mulberry32: tiny, fast, and good enough for sampling latencies (not for cryptography). */
export const mulberry32: (seed: number) => Random = seededRandom;

/** A standard normal sample (Box–Muller); `1 - u` keeps the logarithm away from 0. */
export function standardNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
