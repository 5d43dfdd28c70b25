// The phase-kind registry: every kind's pieces lie back to back and fill its duration, the schema's
// union has one option per kind, and a kind that sends nothing on purpose is the only one without
// a rate key.
import { describe, expect, it } from 'vitest';
import {
  PHASE_KINDS,
  type PhaseSpec,
  phaseRateKey,
  phaseRates,
} from '../../../src/plan/phase-kinds/index.js';
import { phaseSchema } from '../../../src/scenario/schema.js';

const written: Record<string, unknown> = {
  constant: { type: 'constant', rate: '10/s', duration: '3s' },
  ramp: { type: 'ramp', from: 0, to: '20/s', duration: '4s' },
  spike: { type: 'spike', rate: 50, duration: '1s' },
  step: { type: 'step', from: 10, to: 30, steps: 3, duration: '3s' },
  pause: { type: 'pause', duration: '2s' },
};

describe('phase kinds', () => {
  it('has one written example per kind, in schema order', () => {
    expect(PHASE_KINDS).toEqual(Object.keys(written));
    expect(phaseSchema.options.map((o) => o.shape.type.value)).toEqual(PHASE_KINDS);
  });

  it.each(PHASE_KINDS)('%s: pieces back to back over the whole duration', (kind) => {
    const phase = phaseSchema.parse(written[kind]) as PhaseSpec;
    const pieces = phaseRates(phase);
    let at = 0;
    for (const p of pieces) {
      expect(p.offsetMs).toBeCloseTo(at, 9);
      at += p.durationMs;
    }
    expect(at).toBeCloseTo(phase.duration, 9);
  });

  it.each([
    ['constant', [[10, 10]], 'rate'],
    ['ramp', [[0, 20]], 'to'],
    ['spike', [[50, 50]], 'rate'],
    [
      'step',
      [
        [10, 10],
        [20, 20],
        [30, 30],
      ],
      'to',
    ],
    ['pause', [[0, 0]], null],
  ] as const)('%s rates %j, pointed at by %s', (kind, rates, key) => {
    const phase = phaseSchema.parse(written[kind]) as PhaseSpec;
    expect(phaseRates(phase).map((p) => [p.fromRatePerSec, p.toRatePerSec])).toEqual(rates);
    expect(phaseRateKey(phase)).toBe(key);
  });
});
