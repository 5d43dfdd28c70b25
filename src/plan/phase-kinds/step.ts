// A step phase: `steps` constant pieces of equal length, the rates evenly spaced from `from` to `to`
// (both ends included: 3 steps from 100 to 300 are 100, 200, 300).

import { z } from 'zod';
import { MAX_STEPS } from '../../scenario/limits.js';
import { durationField, rateField } from '../../scenario/units.js';
import { definePhaseKind, type PhaseRate } from './types.js';

export const step = definePhaseKind({
  describe: 'Equal steps from `from` to `to`, each held for duration / steps',
  shape: {
    from: rateField('Rate of the first step'),
    to: rateField('Rate of the last step'),
    steps: z.int().min(2).max(MAX_STEPS).describe(`Number of steps, 2 to ${MAX_STEPS}`),
    duration: durationField('Total duration of all the steps'),
  },
  rates(p) {
    const stepMs = p.duration / p.steps;
    const out: PhaseRate[] = [];
    for (let i = 0; i < p.steps; i++) {
      const r = p.from + ((p.to - p.from) * i) / (p.steps - 1);
      out.push({ offsetMs: i * stepMs, durationMs: stepMs, fromRatePerSec: r, toRatePerSec: r });
    }
    return out;
  },
  rateKey: 'to',
});
