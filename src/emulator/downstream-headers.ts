import type { EmulatorConfig } from './config.js';
import type { Random } from './prng.js';

// The emulator's downstream quantity headers (issue 15): per successful invocation, what the
// function "consumed" behind it (tokens, log bytes, …), so a CI drill measures platform.downstream's
// `fromHeader` quantities end to end. Fixed values cost nothing; ranges draw from the seeded PRNG.

type DownstreamHeaders = EmulatorConfig['function']['downstreamHeaders'];

const NONE: readonly string[] = [];

/** Returns the [name, value, …] pairs of one invocation; the same empty array when none are set. */
export function createDownstreamSampler(headers: DownstreamHeaders, random: Random): () => readonly string[] {
  const entries = Object.entries(headers);
  if (entries.length === 0) return () => NONE;
  return () =>
    entries.flatMap(([name, spec]) => {
      const value =
        typeof spec === 'number' ? spec : spec.min + Math.floor(random() * (spec.max - spec.min + 1));
      return [name, String(value)];
    });
}
