// The measurement's own checks on the verdicts: health slips, the emulator's ground truth, the
// target's error share, the evidence a held limit needs, the backend concurrency estimate, partial
// runs and the one exit decision.

import { describe, expect, it } from 'vitest';
import type { EmulatorStats, MeasurementHealth, Observation, Verdict } from '../../../src/model.js';
import { estimateBackendConcurrency } from '../../../src/verdicts/concurrency-estimate.js';
import { decideExit, evaluateVerdicts } from '../../../src/verdicts/index.js';
import { buildObservation, latency } from './helpers.js';
import { horizon, projectionWith, rateLimit, scenarioWith } from './scenario-builder.js';

const projection = projectionWith([horizon('month', 5, 100)]);
const bucket = { kind: 'token-bucket' as const, ratePerSec: 100, burst: 50 };
const find = (vs: Verdict[], id: string) => vs.find((v) => v.id === id);

function health(over: Partial<MeasurementHealth> = {}): MeasurementHealth {
  return {
    loopDelayP99Ms: 5,
    loopDelayMaxMs: 10,
    sendLatenessP99Ms: 2,
    sendLatenessMaxMs: 8,
    targetLoopDelayP99Ms: null,
    targetLoopDelayMaxMs: null,
    loopDelayMaxMsPerSecond: [],
    ...over,
  };
}

function stats(over: Partial<EmulatorStats> = {}): EmulatorStats {
  const zero = { waf: 0, apiKey: 0, usagePlan: 0, quota: 0, stage: 0, account: 0, lambdaConcurrency: 0 };
  return {
    profile: 'aws-rest',
    sinceMs: 4000,
    requestsSeen: 1000,
    firstRequestAtMs: 1_000_000,
    lastRequestAtMs: 1_004_000,
    throttledByLayer: zero,
    gatewayTimeouts: 0,
    functionTimeouts: 0,
    invocations: 400,
    completedInvocations: 400,
    coldStarts: 0,
    billedMs: 0,
    initBilledMs: 0,
    durationMs: 0,
    gbSeconds: 0,
    memoryMb: 128,
    peakConcurrency: 10,
    inFlight: 0,
    apiGatewayBilledRequests: 400,
    wafInspectedRequests: 0,
    warmEnvironments: 0,
    reportLinesDropped: 0,
    statusCounts: { '200': 400, '429': 600 },
    ...over,
  };
}

/** 4 s at 300/s; the limiter accepts `accepted` req/s (after a 50 burst). */
function drill(limiterRate: number): Observation {
  return buildObservation({
    phases: [[4, 300]],
    limiter: limiterRate > 0 ? { ...bucket, ratePerSec: limiterRate } : { kind: 'none' },
  });
}

describe('health slips', () => {
  const scenario = scenarioWith({ rateLimit: rateLimit() }); // burst 50 / 100/s tolerates 500 ms
  it.each<[string, Partial<MeasurementHealth> | null, 'fail' | 'inconclusive', RegExp]>([
    ['no health figures: healthy', null, 'fail', /Accepted/],
    ['small slips', {}, 'fail', /Accepted/],
    [
      'driver loop stall above the burst tolerance',
      { loopDelayMaxMs: 620, loopDelayP99Ms: 40 },
      'inconclusive',
      /^Measurement problem: the driver's event loop stalled 620 ms \(p99 40 ms\), more than the limit's burst tolerance of 500 ms \(burst 50 \/ 100\/s\): would fail: Accepted/,
    ],
    [
      'late sends',
      { sendLatenessMaxMs: 900, sendLatenessP99Ms: 300 },
      'inconclusive',
      /requests left up to 900 ms after their planned time/,
    ],
    [
      "the emulator's loop",
      { targetLoopDelayMaxMs: 700, targetLoopDelayP99Ms: 20 },
      'inconclusive',
      /the emulator's event loop stalled 700 ms/,
    ],
  ])('%s → rate-limit.held %s', (_name, h, status, detail) => {
    const observation = { ...drill(160), ...(h ? { health: health(h) } : {}) };
    const v = find(
      evaluateVerdicts({ scenario, observation, projection, inferred: null }),
      'rate-limit.held',
    );
    expect(v?.status).toBe(status);
    expect(v?.detail).toMatch(detail);
    if (status === 'inconclusive') expect(v?.evidence?.qualifiedBy).toBe('health');
  });

  it('a slip never turns a pass into anything else', () => {
    const observation = { ...drill(100), health: health({ loopDelayMaxMs: 2000 }) };
    const v = find(
      evaluateVerdicts({ scenario, observation, projection, inferred: null }),
      'rate-limit.held',
    );
    expect(v?.status).toBe('pass');
  });

  it('a fail the emulator confirms stands whatever the slip', () => {
    const observation = { ...drill(0), health: health({ loopDelayMaxMs: 2000 }) };
    const groundTruth = stats({ statusCounts: { '200': 1200 } });
    const v = find(
      evaluateVerdicts({ scenario, observation, projection, inferred: null, groundTruth }),
      'rate-limit.held',
    );
    expect(v?.status).toBe('fail');
    expect(v?.detail).toMatch(/Agrees with the emulator accepted 1200 in 4 s, at most 490 allowed/);
  });
});

describe('slow rejections from the emulator', () => {
  const scenario = scenarioWith({ rateLimit: rateLimit() });
  const slow = () => {
    const o = drill(100);
    return { ...o, latency: { ...o.latency, '429': latency(2222) } };
  };
  it.each<[string, EmulatorStats | null, 'fail' | 'inconclusive', RegExp]>([
    ['a URL target: the gateway queued them', null, 'fail', /rejections queue before they are answered/],
    [
      'the emulator: the machine queued them',
      stats({ statusCounts: { '200': 450, '429': 750 } }),
      'inconclusive',
      /^Measurement problem: p99 of 429 responses 2222 ms, but the embedded emulator rejects at once/,
    ],
  ])('%s → %s', (_name, groundTruth, status, detail) => {
    const v = find(
      evaluateVerdicts({ scenario, observation: slow(), projection, inferred: null, groundTruth }),
      'rate-limit.reject-latency',
    );
    expect(v?.status).toBe(status);
    expect(v?.detail).toMatch(detail);
  });
});

describe('ground truth from the emulator', () => {
  const scenario = scenarioWith({ rateLimit: rateLimit(), concurrency: null });
  // burst 50 + 110/s × 4 s = 490 allowed (+1 for the first token)
  it.each<[string, number, number, 'pass' | 'fail' | 'inconclusive']>([
    ['client fail, emulator held', 160, 440, 'inconclusive'],
    ['client fail, emulator broke', 160, 700, 'fail'],
    ['client pass, emulator held', 100, 440, 'pass'],
    ['client pass, emulator broke', 100, 700, 'inconclusive'],
    ['at the bound + 1', 160, 491, 'inconclusive'],
    ['one past it', 160, 492, 'fail'],
  ])('%s (client limiter %i/s, emulator accepted %i) → %s', (_n, rate, accepted, status) => {
    const groundTruth = stats({ statusCounts: { '200': accepted } });
    const vs = evaluateVerdicts({
      scenario,
      observation: drill(rate),
      projection,
      inferred: null,
      groundTruth,
    });
    const v = find(vs, 'rate-limit.held');
    expect(v?.status).toBe(status);
    if (status === 'inconclusive') {
      expect(v?.detail).toMatch(/^Measurement problem: the client and the target disagree/);
      expect(v?.detail).toContain(`the emulator accepted ${accepted} in 4 s`);
      expect(v?.evidence?.qualifiedBy).toBe('ground-truth');
    }
  });

  it.each<[number, number, 'pass' | 'fail' | 'inconclusive']>([
    [10, 10, 'pass'],
    [10, 14, 'inconclusive'],
    [14, 10, 'inconclusive'],
    [14, 14, 'fail'],
  ])('concurrency: client peak %i, emulator peak %i (cap 10) → %s', (client, truth, status) => {
    const s = scenarioWith({ concurrency: { max: 10, tolerance: 0 } });
    const observation = buildObservation({
      phases: [[2, 100]],
      peakConcurrentSuccess: client,
      peakInFlight: 40,
    });
    const groundTruth = stats({ peakConcurrency: truth });
    const v = find(
      evaluateVerdicts({ scenario: s, observation, projection, inferred: null, groundTruth }),
      'concurrency.held',
    );
    expect(v?.status).toBe(status);
    if (status === 'inconclusive') expect(v?.detail).toContain(`the emulator's own peak was ${truth}`);
  });
});

describe('limit verdicts need evidence', () => {
  /** 1,200 sent: `ok` answered 200, the rest failed as `failure`. */
  function failing(ok: number, failure: 'reset' | '500' | '404'): Observation {
    const obs = buildObservation({
      phases: [[4, 300]],
      peakConcurrentSuccess: Math.min(ok, 3),
      peakInFlight: 40,
    });
    const bad = obs.totals.sent - ok;
    const byStatus: Record<string, number> = { '200': ok };
    if (failure !== 'reset') byStatus[failure] = bad;
    const seconds = obs.seconds.map((s) => ({ ...s, accepted: Math.round(ok / 4), byStatus: {} }));
    return {
      ...obs,
      seconds,
      tenths: { ...obs.tenths, accepted: obs.tenths.accepted.map(() => ok / 40) },
      totals: {
        ...obs.totals,
        accepted: ok,
        byStatus,
        errors: failure === 'reset' ? bad : 0,
        errorsByKind: failure === 'reset' ? { reset: bad } : {},
      },
      latency: { '2xx': latency(20), ...(failure === '500' ? { '5xx': latency(5) } : {}) },
      firstRejectionMs: failure === '500' ? 3 : null,
    };
  }

  it.each<[string, number, 'reset' | '500' | '404']>([
    ['resets 95 %, answers 5 % 200', 60, 'reset'],
    ['answers 500 to everything', 0, '500'],
    ['answers 404 to everything', 0, '404'],
    ['resets everything', 0, 'reset'],
  ])('%s: no rate-limit or concurrency verdict passes, exit ≠ 0', (_n, ok, failure) => {
    const scenario = scenarioWith({ rateLimit: rateLimit(), concurrency: { max: 10, tolerance: 0 } });
    const observation = failing(ok, failure);
    const vs = evaluateVerdicts({ scenario, observation, projection, inferred: null });
    const limits = vs.filter((v) => v.id.startsWith('rate-limit.') || v.id.startsWith('concurrency.'));
    expect(limits.length).toBeGreaterThan(3);
    expect(limits.filter((v) => v.status === 'pass').map((v) => v.id)).toEqual([]);
    for (const v of limits) expect(v.detail).toMatch(/Target errors: [\d.]+ % of 1200 sent/);
    expect(decideExit(vs, observation, { drill: true }).code).not.toBe(0);
  });

  it('a concurrency-only scenario against a target answering 500 to everything: inconclusive', () => {
    const scenario = scenarioWith({ concurrency: { max: 10, tolerance: 0 } });
    const observation = failing(0, '500');
    const vs = evaluateVerdicts({ scenario, observation, projection, inferred: null });
    expect(find(vs, 'concurrency.held')?.status).toBe('inconclusive');
    expect(decideExit(vs, observation, { drill: true }).code).toBe(4);
  });

  it('every limit verdict carries the error share, a healthy target 0 %', () => {
    const scenario = scenarioWith({ rateLimit: rateLimit() });
    const vs = evaluateVerdicts({ scenario, observation: drill(100), projection, inferred: null });
    const held = find(vs, 'rate-limit.held');
    expect(held?.status).toBe('pass');
    expect(held?.evidence).toMatchObject({ targetErrors: 0, targetErrorShare: 0 });
    expect(held?.detail).toMatch(/Target errors: 0 % of 1200 sent\.$/);
    expect(find(vs, 'driver.kept-up')?.evidence).toBeUndefined();
  });

  it('a limiter far stricter than the limit is not evidence that the limit holds', () => {
    const scenario = scenarioWith({ rateLimit: rateLimit() });
    const v = find(
      evaluateVerdicts({ scenario, observation: drill(30), projection, inferred: null }),
      'rate-limit.held',
    );
    expect(v?.status).toBe('inconclusive');
    expect(v?.detail).toMatch(/^Accepted only [\d.]+\/s beyond the burst, under 50 % of the 100\/s limit/);
  });
});

describe('backend concurrency behind a queue (Little’s law)', () => {
  /** Client overlap `upper` in every second; 2xx ending at `throughput`/s; fastest 2xx `minMs`, p50 `p50Ms`. */
  function queued(upper: number, throughput: number, minMs: number, p50Ms: number): Observation {
    const obs = buildObservation({
      phases: [[4, 200]],
      peakConcurrentSuccess: upper,
      peakInFlight: upper + 20,
    });
    return {
      ...obs,
      seconds: obs.seconds.map((s) => ({ ...s, peakConcurrentSuccess: upper, acceptedEnded: throughput })),
      latency: { '2xx': { ...latency(p50Ms * 2), minMs, p50Ms } },
    };
  }
  const cap = { max: 10, tolerance: 0 };

  it.each<[string, Observation, 'pass' | 'fail', 'estimate' | 'upper-bound', number]>([
    ['cap held behind a queue', queued(50, 100, 101, 1500), 'pass', 'estimate', 10.1],
    ['cap of 30 behind a queue', queued(80, 300, 100, 1500), 'fail', 'estimate', 30],
    ['no queue: the overlap is the backend', queued(20, 200, 95, 100), 'fail', 'upper-bound', 20],
    ['within the cap at the client', queued(10, 100, 100, 100), 'pass', 'upper-bound', 10],
  ])('%s → %s on the %s', (_n, observation, status, used, observed) => {
    const s = scenarioWith({ concurrency: cap });
    const v = find(
      evaluateVerdicts({ scenario: s, observation, projection, inferred: null }),
      'concurrency.held',
    );
    expect(v?.status).toBe(status);
    expect(v?.evidence?.concurrency?.used).toBe(used);
    expect(v?.observed).toBe(observed);
    expect(v?.evidence?.concurrency?.upperBound).toBe(observation.peakConcurrentSuccess);
  });

  it('the estimate is throughput × the fastest 2xx', () => {
    const e = estimateBackendConcurrency(queued(50, 100, 101, 1500), 10);
    expect(e).toMatchObject({ throughputPerSec: 100, serviceMs: 101, queued: true });
    expect(e?.concurrency).toBeCloseTo(10.1, 6);
  });

  it('no estimate without per-second completion counts (hand-built observations)', () => {
    expect(
      estimateBackendConcurrency(buildObservation({ phases: [[2, 100]], peakConcurrentSuccess: 40 }), 10),
    ).toBeNull();
  });
});

describe('partial runs and the exit decision', () => {
  it('a budget projected from a partial run is inconclusive, pass or fail, and the drill exits 4', () => {
    const scenario = scenarioWith({ rateLimit: rateLimit() });
    const p = projectionWith([horizon('hour', 1, 10), horizon('month', 500, 100)]);
    const observation = buildObservation({ phases: [[2, 50]], limiter: bucket, partial: true });
    const vs = evaluateVerdicts({ scenario, observation, projection: p, inferred: null });
    expect(find(vs, 'budget.hour')?.status).toBe('inconclusive');
    expect(find(vs, 'budget.month')?.status).toBe('inconclusive');
    expect(find(vs, 'budget.month')?.detail).toMatch(/^Projected from a partial run \(would fail\)/);
    expect(decideExit(vs, observation, { drill: true }).code).toBe(4);
  });

  it('a partial run whose sent traffic already broke the limit exits 1', () => {
    const scenario = scenarioWith({ rateLimit: rateLimit() });
    const observation = buildObservation({ phases: [[3, 300]], partial: true });
    const vs = evaluateVerdicts({ scenario, observation, projection, inferred: null });
    expect(find(vs, 'rate-limit.held')?.status).toBe('fail');
    expect(decideExit(vs, observation, { drill: true }).code).toBe(1);
  });

  it.each<[string, boolean, number, RegExp | null]>([
    ['a drill with no expectation', true, 4, /^nothing was tested/],
    ['a cost run with no budget', false, 0, null],
  ])('%s → %s', (_n, isDrill, code, warning) => {
    const scenario = scenarioWith();
    const observation = isDrill ? buildObservation({ phases: [[2, 50]] }) : null;
    const vs = evaluateVerdicts({ scenario, observation, projection: projectionWith([]), inferred: null });
    const d = decideExit(vs, observation, { drill: isDrill });
    expect(d.code).toBe(code);
    if (warning) expect(d.warning).toMatch(warning);
    else expect(d.warning).toBeNull();
  });

  it('a target that never answered → 3 before any verdict', () => {
    const observation = buildObservation({ phases: [[1, 50]] });
    const broken = {
      ...observation,
      totals: { ...observation.totals, accepted: 0, errors: 50, errorsByKind: { refused: 50 }, byStatus: {} },
    };
    expect(decideExit([], broken, { drill: true })).toEqual({
      code: 3,
      warning: 'the target never answered: 50 connection errors, 0 timeouts (refused 50)',
    });
  });
});
