// A constant phase: one steady arrival rate.

import { durationField, rateField } from '../../scenario/units.js';
import { definePhaseKind, linear } from './types.js';

export const constant = definePhaseKind({
  describe: 'A steady arrival rate',
  shape: { rate: rateField('Arrival rate'), duration: durationField('How long the phase lasts') },
  rates: (p) => linear(p.duration, p.rate, p.rate),
  rateKey: 'rate',
});
