// A spike phase: a short burst at a high rate (a constant phase by another name, for reports).

import { durationField, rateField } from '../../scenario/units.js';
import { definePhaseKind, linear } from './types.js';

export const spike = definePhaseKind({
  describe: 'A short burst at a high rate',
  shape: {
    rate: rateField('Burst rate'),
    duration: durationField('How long the burst lasts (keep it short: seconds)'),
  },
  rates: (p) => linear(p.duration, p.rate, p.rate),
  rateKey: 'rate',
});
