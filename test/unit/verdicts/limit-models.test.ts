import { describe, expect, it } from 'vitest';
import type { LimitParams } from '../../../src/model.js';
import { evaluateVerdicts } from '../../../src/verdicts/index.js';
import { shareOfBest } from '../../../src/verdicts/infer-limit-models.js';
import { inferRateLimit } from '../../../src/verdicts/infer-rate-limit.js';
import { limitModels, modelOf } from '../../../src/verdicts/limit-models/index.js';
import { simulateAdmits } from '../../../src/verdicts/limit-models/simulate.js';
import { buildObservation, perTenth } from './helpers.js';
import { bucket, fixed, lockout, sliding } from './limit-params.js';
import { rateLimit, scenarioWith } from './scenario-builder.js';

const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('what each model admits from a fresh start (the worked examples)', () => {
  it.each<[string, LimitParams, Array<[number, number]>, number]>([
    ['fixed 100 per 10 s, 30/s for 15 s', fixed(100, 10), [[15, 30]], 200],
    ['fixed 100 per 1 s, 300/s for 3 s', fixed(100, 1), [[3, 300]], 300],
    ['sliding 20 per 10 s, 10/s for 15 s', sliding(20, 10), [[15, 10]], 40],
    ['sliding 20 per 10 s counting denied, 10/s for 15 s', sliding(20, 10, true), [[15, 10]], 20],
    [
      'sliding counting denied recovers after a lull',
      sliding(20, 5, true),
      [
        [3, 10],
        [6, 0],
        [3, 10],
      ],
      40,
    ],
    ['lockout 20 per 10 s for 30 s, 10/s for 15 s', lockout(20, 10, 30), [[15, 10]], 20],
    ['token bucket 100/s burst 50, 300/s for 2 s', bucket(100, 50), [[2, 300]], 250],
  ])('%s admits %#', (_name, p, phases, admitted) => {
    const got = total(simulateAdmits(p, 0, { sent: perTenth(phases), dtMs: 100 }));
    expect(Math.abs(got - admitted)).toBeLessThanOrEqual(1);
  });

  it.each([
    ['fixed', fixed(10, 1), 1000],
    ['sliding', sliding(10, 1), 1000],
    ['lockout', lockout(10, 1, 5), 5000],
  ] as const)('%s: freeInMs says when the next request is admitted', (_name, p, maxMs) => {
    const a = modelOf(p).admitter(p, 0);
    for (let i = 0; i < 10; i++) expect(a.admit(i)).toBe(true);
    expect(a.admit(10)).toBe(false);
    const wait = a.freeInMs(10);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(maxMs);
    expect(a.admit(10 + wait + 1)).toBe(true);
  });

  it('every model is in the registry under its own kind', () => {
    for (const [kind, m] of Object.entries(limitModels)) expect(m.kind).toBe(kind);
  });
});

const held = (
  p: LimitParams,
  truth: LimitParams | null,
  phases: Array<[number, number]>,
  tolerance = 0.1,
) => {
  const obs = buildObservation({
    phases,
    limiter: truth ? { kind: 'model', params: truth } : { kind: 'none' },
  });
  const env = modelOf(p).envelope(p);
  const rl = rateLimit({ ...env, limit: p, tolerance });
  const scenario = scenarioWith({ rateLimit: rl, rateLimits: [rl] });
  const projection = { horizons: [] } as never;
  const v = evaluateVerdicts({ scenario, observation: obs, projection, inferred: null });
  return v.find((x) => x.id === 'rate-limit.held')!;
};

describe('rate-limit.held per model: the right expectation passes, a stricter one and no limit fail', () => {
  it.each<[string, LimitParams, LimitParams | null, Array<[number, number]>, string]>([
    ['fixed window as configured', fixed(100, 10), fixed(100, 10), [[15, 30]], 'pass'],
    ['fixed window, expected half', fixed(50, 10), fixed(100, 10), [[15, 30]], 'fail'],
    ['fixed window, no limit', fixed(100, 10), null, [[15, 30]], 'fail'],
    ['fixed window, target phase mid-window', fixed(100, 1), fixed(100, 1), [[5, 300]], 'pass'],
    ['sliding window as configured', sliding(50, 10), sliding(50, 10), [[15, 20]], 'pass'],
    ['sliding window, expected 40 of 50', sliding(40, 10), sliding(50, 10), [[15, 20]], 'fail'],
    ['sliding window, no limit', sliding(50, 10), null, [[15, 20]], 'fail'],
    [
      'sliding counting denied as configured',
      sliding(20, 10, true),
      sliding(20, 10, true),
      [[15, 10]],
      'pass',
    ],
    [
      'sliding counting denied, target counts only accepts',
      sliding(20, 10, true),
      sliding(20, 10),
      [[15, 10]],
      'fail',
    ],
    ['lockout as configured', lockout(20, 5, 10), lockout(20, 5, 10), [[15, 10]], 'pass'],
    ['lockout expected, target only windows', lockout(20, 5, 10), sliding(20, 5), [[15, 10]], 'fail'],
    ['fixed window never exercised', fixed(1000, 10), fixed(1000, 10), [[5, 20]], 'inconclusive'],
  ])('%s → %s', (_name, expected, truth, phases, status) => {
    const v = held(expected, truth, phases);
    expect(v.status, v.detail).toBe(status);
  });

  it('a fixed window whose boundaries fall mid-drill still passes (phase tried)', () => {
    const obs = buildObservation({
      phases: [[6, 300]],
      limiter: { kind: 'model', params: fixed(100, 1), phaseMs: 450 },
    });
    const rl = rateLimit({ ...modelOf(fixed(100, 1)).envelope(fixed(100, 1)), limit: fixed(100, 1) });
    const v = evaluateVerdicts({
      scenario: scenarioWith({ rateLimit: rl, rateLimits: [rl] }),
      observation: obs,
      projection: { horizons: [] } as never,
      inferred: null,
    }).find((x) => x.id === 'rate-limit.held')!;
    expect(v.status, v.detail).toBe('pass');
  });
});

describe('inference by simulation recovers each model within 10 %', () => {
  it('a flood from a cold start cannot tell a sliding from a fixed window: both are reported', () => {
    const obs = buildObservation({ phases: [[20, 20]], limiter: { kind: 'model', params: sliding(50, 10) } });
    const inferred = inferRateLimit(obs);
    const kinds = [inferred.params?.model, inferred.runnerUp?.params.model].sort();
    expect(kinds, inferred.detail).toEqual(['fixed-window', 'sliding-window']);
    expect(inferred.detail).toMatch(/runner-up/);
  });

  it.each<[string, LimitParams, Array<[number, number]>]>([
    // A calm start spreads the first window's accepts: a sliding window then mirrors that
    // spacing where a fixed window refills all at once (the probe that tells them apart).
    [
      'a sliding window keeps its initial allowance (50 per 10 s)',
      sliding(50, 10),
      [
        [4, 5],
        [16, 20],
      ],
    ],
    ['a 10 s fixed window in a 15 s drill', fixed(100, 10), [[15, 30]]],
    ['fixed 100 per 1 s', fixed(100, 1), [[10, 300]]],
    [
      'sliding 30 per 2 s',
      sliding(30, 2),
      [
        [2, 10],
        [8, 40],
      ],
    ],
    // A flood breaches it, a pause, then a trickle under the count: a window admits the trickle
    // at its next start, the lockout only once its penalty is over (the refusals counted in the
    // flood would hide the penalty's length without the pause).
    [
      'a lockout of 3 s after 20 per 2 s',
      lockout(20, 2, 3),
      [
        [1, 50],
        [1, 0],
        [8, 5],
      ],
    ],
    [
      'token bucket 100/s burst 50',
      bucket(100, 50),
      [
        [2, 50],
        [6, 300],
      ],
    ],
  ])('%s', (_name, truth, phases) => {
    const inferred = inferRateLimit(buildObservation({ phases, limiter: { kind: 'model', params: truth } }));
    expect(inferred.model, inferred.detail).toBe(truth.model);
    const near = (a: number, b: number) => Math.abs(a - b) <= 0.1 * b;
    const got = inferred.params!;
    if ('limit' in truth && 'limit' in got) {
      expect(near(got.limit, truth.limit), inferred.detail).toBe(true);
      // A lockout's counting window is not in this plan's data: 20 at 50/s fit any window from
      // 0.4 s, and the trickle (5/s) stays under 20 in any window below 4 s.
      if (truth.model !== 'lockout') expect(near(got.windowMs, truth.windowMs), inferred.detail).toBe(true);
    }
    if ('lockoutMs' in truth && 'lockoutMs' in got) {
      expect(near(got.lockoutMs, truth.lockoutMs), inferred.detail).toBe(true);
    }
    if ('ratePerSec' in truth && 'ratePerSec' in got) {
      expect(near(got.ratePerSec, truth.ratePerSec), inferred.detail).toBe(true);
      expect(near(got.burst, truth.burst), inferred.detail).toBe(true);
    }
    expect(inferred.confidence).toBeGreaterThan(0.5);
  });
});

describe('lockout candidates stay few on a long drill', () => {
  it('a 60 s drill with a breach of another length every few seconds proposes at most 3 spans (with neighbours)', () => {
    const n = 600;
    const sent = Array(n).fill(10);
    // Admits in bucket 0, then refusals for 1, 2, 3, … buckets between admits: 30-odd distinct spans.
    const accepted = Array(n).fill(0);
    for (let i = 0, gap = 1; i < n; i += gap + 1, gap++) accepted[i] = 5;
    const spans = new Set(
      limitModels.lockout.candidates({ sent, accepted, dtMs: 100 }).map((p) => p.lockoutMs),
    );
    expect(spans.size).toBeGreaterThan(0);
    expect(spans.size).toBeLessThanOrEqual(9);
  });
});

describe('models the drill cannot tell apart share the confidence', () => {
  const lockout: LimitParams = { model: 'lockout', limit: 20, windowMs: 2000, lockoutMs: 2000 };

  it('a lockout under a flood that never lets up ties with a fixed window: confidence at most ½, both named', () => {
    // Refusals are counted, so the flood keeps the key shut: the accepts are two blocks of 20,
    // which a fixed window admits exactly alike.
    const inferred = inferRateLimit(
      buildObservation({
        phases: [
          [3, 50],
          [5, 0],
          [2, 50],
        ],
        limiter: { kind: 'model', params: lockout },
      }),
    );
    expect(inferred.confidence, inferred.detail).toBeLessThanOrEqual(0.5);
    expect(inferred.detail).toMatch(/cannot tell .* apart/);
    expect(inferred.detail).toMatch(/lockout/);
    expect(inferred.runnerUp).toBeDefined();
  });

  it('a trickle under the count after the breach shows the penalty: the lockout alone, confidence near 1', () => {
    const truth: LimitParams = { ...lockout, lockoutMs: 3000 };
    const inferred = inferRateLimit(
      buildObservation({
        phases: [
          [1, 50],
          [1, 0],
          [6, 5],
        ],
        limiter: { kind: 'model', params: truth },
      }),
    );
    expect(inferred.params?.model, inferred.detail).toBe('lockout');
    expect(inferred.confidence, inferred.detail).toBeGreaterThan(0.9);
    expect(inferred.detail).not.toMatch(/cannot tell/);
  });

  it('shareOfBest: 1 alone, ½ for an exact tie, ⅓ for three, near 1 when the next is far worse', () => {
    const modelFit = (error: number) => ({ params: lockout, error, confidence: 1 - 4 * error });
    expect(shareOfBest([modelFit(0)])).toBe(1);
    expect(shareOfBest([modelFit(0.01), modelFit(0.01)])).toBeCloseTo(0.5, 12);
    expect(shareOfBest([modelFit(0), modelFit(0), modelFit(0)])).toBeCloseTo(1 / 3, 12);
    expect(shareOfBest([modelFit(0), modelFit(0.1)])).toBeGreaterThan(0.9999);
    expect(shareOfBest([])).toBe(0);
  });
});

describe('the probes of scenarios/limit-sliding-window.yaml and limit-lockout.yaml tell the models apart', () => {
  const near = (a: number, b: number) => Math.abs(a - b) <= 0.1 * b;

  it('sliding 40 per 2 s counting refusals: the model, its count, window and counting, from calm, floods and trickles', () => {
    const truth = sliding(40, 2, true);
    const phases: Array<[number, number]> = [
      [2, 15],
      [1, 100],
      [3, 4],
      [5.5, 100],
      [3.5, 4],
    ];
    const inferred = inferRateLimit(buildObservation({ phases, limiter: { kind: 'model', params: truth } }));
    const got = inferred.params;
    expect(got?.model, inferred.detail).toBe('sliding-window');
    if (got?.model !== 'sliding-window') return;
    // 39 in every 20 buckets after the calm start: the count is read from 21 as well.
    expect([got.limit, got.windowMs, got.countDenied], inferred.detail).toEqual([40, 2000, true]);
    expect(inferred.runnerUp, inferred.detail).toBeUndefined();
  });

  it('lockout 3 s after 20 per 1 s: all three figures, from a short flood, trickles and 15/s beside 25/s', () => {
    const truth = lockout(20, 1, 3);
    const phases: Array<[number, number]> = [
      [0.6, 50],
      [3.4, 4],
      [2, 15],
      [1.2, 25],
      [5, 4],
    ];
    const inferred = inferRateLimit(buildObservation({ phases, limiter: { kind: 'model', params: truth } }));
    const got = inferred.params;
    expect(got?.model, inferred.detail).toBe('lockout');
    if (got?.model !== 'lockout') return;
    expect(
      [near(got.limit, 20), near(got.windowMs, 1000), near(got.lockoutMs, 3000)],
      inferred.detail,
    ).toEqual([true, true, true]);
  });
});
