// A pause phase: no traffic, so limits can recover.

import { durationField } from '../../scenario/units.js';
import { definePhaseKind, linear } from './types.js';

export const pause = definePhaseKind({
  describe: 'No traffic (lets limits recover)',
  shape: { duration: durationField('How long to pause') },
  rates: (p) => linear(p.duration, 0, 0),
  rateKey: null,
});
