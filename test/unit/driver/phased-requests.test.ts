import { describe, expect, it } from 'vitest';
import { PhasedRequests } from '../../../src/driver/phased-requests.js';
import { createLoadPlan } from '../../../src/plan/load-plan.js';
import type { PreparedRequest, RequestPicker } from '../../../src/plan/requests.js';
import { phases } from '../../helpers/scenario.js';

/** A picker that returns the phase it was given in the path, and the seq in templateIndex. */
const echo: RequestPicker = {
  next: (seq, phaseName): PreparedRequest => ({
    method: 'GET',
    path: phaseName,
    headers: {},
    body: undefined,
    templateIndex: seq,
    identityIndex: -1,
  }),
};

// 100/s for 1 s (arrivals 0–99), a 1 s pause (none), 50/s for 2 s (arrivals 100–199).
const plan = createLoadPlan(
  phases(
    { name: 'a', durationMs: 1000, ratePerSec: 100 },
    { name: 'gap', durationMs: 1000, ratePerSec: 0 },
    { name: 'b', durationMs: 2000, ratePerSec: 50 },
  ),
);

describe('PhasedRequests', () => {
  it.each([
    [0, 'a'],
    [99, 'a'],
    [100, 'b'],
    [199, 'b'],
    [500, 'b'],
  ])('arrival %d is in phase %s', (arrival, phase) => {
    expect(new PhasedRequests(echo, plan).next(0, arrival).path).toBe(phase);
  });

  it('names the phase by arrival index, not by request seq (dropped arrivals still count)', () => {
    const r = new PhasedRequests(echo, plan);
    const req = r.next(90, 120);
    expect(req).toMatchObject({ path: 'b', templateIndex: 90 });
  });
});
