import type { DurationConfig } from './config.js';
import { type Random, standardNormal } from './prng.js';

/** Returns the next handler duration in ms (never negative). */
export type DurationSampler = () => number;

// The sampled value is the *modelled* duration: the emulator waits that long with a timer and bills
// exactly that, so billing does not depend on event-loop jitter.
export function createDurationSampler(config: DurationConfig, random: Random): DurationSampler {
  switch (config.distribution) {
    case 'fixed': {
      const ms = config.ms;
      return () => ms;
    }
    case 'uniform': {
      const low = Math.min(config.minMs, config.maxMs);
      const span = Math.abs(config.maxMs - config.minMs);
      return () => low + span * random();
    }
    case 'normal': {
      const { meanMs, stddevMs } = config;
      return () => Math.max(0, meanMs + stddevMs * standardNormal(random));
    }
    case 'lognormal': {
      // The median of exp(mu + sigma·Z) is exp(mu), so mu = ln(median).
      const mu = Math.log(config.medianMs);
      const sigma = config.sigma;
      return () => Math.exp(mu + sigma * standardNormal(random));
    }
  }
}
