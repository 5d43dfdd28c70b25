// The spend guard's arithmetic: the meter's committed bill at its last ask, plus every request
// sent since at the worst case, plus the next one, stays within the cap; a stale ask only refuses
// sooner, and a refusal asks the meter afresh before it stands.
import { describe, expect, it } from 'vitest';
import { DrillMonitor } from '../../../src/driver/drill-monitor.js';
import { blankSample, ObservationRecorder } from '../../../src/driver/record/recorder.js';
import type { SpendMeter } from '../../../src/driver/types.js';
import { createLoadPlan } from '../../../src/plan/load-plan.js';
import { phases } from '../../helpers/scenario.js';

function setup(maxSpendUsd: number, meter: SpendMeter | undefined) {
  const recorder = new ObservationRecorder(1000);
  const plan = createLoadPlan(phases({ durationMs: 1000, ratePerSec: 100 }));
  const monitor = new DrillMonitor({
    spendCheckMs: 50,
    plan,
    recorder,
    maxSpendUsd,
    spendMeter: meter,
    onProgress: undefined,
  });
  const send = (n: number) => {
    for (let i = 0; i < n; i++) recorder.noteSent(0, -1);
  };
  return { recorder, monitor, send };
}

/** Every sent request at $0.001 (nothing answered); counts its asks. */
function flatMeter(): SpendMeter & { asks: number } {
  const m = {
    asks: 0,
    worstCaseUsdPerRequest: 0.001,
    committedUsd: (s: { sent: number }) => {
      m.asks++;
      return s.sent * 0.001;
    },
  };
  return m;
}

describe('DrillMonitor spend guard', () => {
  it.each<[number, number, number]>([
    // cap USD, worst case USD, requests it affords from nothing
    [0.5, 0.001, 500],
    [0.05, 0.001, 50],
    [0.1, 0.03, 3],
    [0.0299, 0.03, 0],
    [1e-6, 1e-7, 10],
  ])('cap $%d at $%d a request affords %d', (cap, worst, n) => {
    const meter: SpendMeter = { worstCaseUsdPerRequest: worst, committedUsd: (s) => s.sent * worst };
    const { monitor, send } = setup(cap, meter);
    const affordable = monitor.affordableRequests(0);
    expect(affordable).toBeLessThanOrEqual(n);
    expect(affordable).toBeGreaterThanOrEqual(Math.max(0, n - 1)); // float rounding may refuse one
    send(affordable);
    expect(affordable * worst).toBeLessThanOrEqual(cap);
    expect(monitor.affordsOneMore(100)).toBe(false);
  });

  it('between asks, every send counts at the worst case; a refusal asks afresh', () => {
    const meter = flatMeter();
    const { monitor, send } = setup(0.5, meter);
    expect(monitor.affordsOneMore(0)).toBe(true);
    expect(meter.asks).toBe(1);
    let sent = 0;
    while (monitor.affordsOneMore(1)) {
      send(1);
      sent++;
    }
    expect(sent).toBeGreaterThanOrEqual(499);
    expect(sent).toBeLessThanOrEqual(500);
    expect(meter.asks).toBe(2); // one ask at the start, one fresh ask at the refusal
    expect(monitor.projectedSpendUsd).toBeCloseTo(sent * 0.001, 12);
  });

  it('answered requests priced below the worst case make room again', () => {
    // the meter prices answered requests at $0.0001 and the rest at $0.001
    const { monitor, send, recorder } = setup(0.01, {
      worstCaseUsdPerRequest: 0.001,
      committedUsd: (s) => {
        const answered = Object.values(s.answeredByClass).reduce((a, b) => a + b, 0);
        return answered * 0.0001 + (s.sent - answered) * 0.001;
      },
    });
    send(monitor.affordableRequests(0));
    expect(recorder.sent).toBeGreaterThanOrEqual(9);
    expect(monitor.affordsOneMore(10)).toBe(false);
    for (let i = 0; i < 5; i++) recorder.add({ ...blankSample(), endMs: 5, outcome: 200 });
    expect(monitor.affordableRequests(100)).toBe(
      Math.floor((0.01 - 5 * 0.0001 - (recorder.sent - 5) * 0.001) / 0.001 + 1e-9),
    );
  });

  it('without a meter nothing is refused', () => {
    const { monitor } = setup(0, undefined);
    expect(monitor.affordsOneMore(0)).toBe(true);
    expect(monitor.affordableRequests(0)).toBe(Number.POSITIVE_INFINITY);
    expect(monitor.projectedSpendUsd).toBeNull();
  });
});
