// A ramp phase: the arrival rate moves linearly from `from` to `to`.

import { durationField, rateField } from '../../scenario/units.js';
import { definePhaseKind, linear } from './types.js';

export const ramp = definePhaseKind({
  describe: 'A linear ramp of the arrival rate from `from` to `to`',
  shape: {
    from: rateField('Rate at the start of the ramp'),
    to: rateField('Rate at the end of the ramp'),
    duration: durationField('How long the ramp lasts'),
  },
  rates: (p) => linear(p.duration, p.from, p.to),
  rateKey: 'to',
});
