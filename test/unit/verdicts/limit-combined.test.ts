// Two windows stacked (issue 13): series made by simulating a known pair (the outer limiter asked
// about every request, the inner only about what the outer let through) are read back as that
// pair exactly, and a single limiter of every kind still reads as one, with no pair beside it.

import { describe, expect, it } from 'vitest';
import type { LimitParams } from '../../../src/model.js';
import { inferredLimitSummary } from '../../../src/report/views.js';
import { fitLimitModels } from '../../../src/verdicts/infer-limit-models.js';
import { fitLimitPair, MAX_PAIR_SIMULATIONS, PAIR_GAIN } from '../../../src/verdicts/infer-limit-pair.js';
import { inferRateLimit } from '../../../src/verdicts/infer-rate-limit.js';
import { modelOf } from '../../../src/verdicts/limit-models/index.js';
import { buildObservation, type Limiter, perTenth } from './helpers.js';
import { bucket, fixed, lockout, sliding } from './limit-params.js';

const seriesOf = (phases: Array<[number, number]>, limiter: Limiter) => {
  const obs = buildObservation({ phases, limiter });
  return { obs, series: { sent: obs.tenths.sent, accepted: obs.tenths.accepted, dtMs: 100 } };
};

describe('a known pair of stacked windows is recovered exactly', () => {
  it.each<[string, LimitParams, LimitParams, number[], Array<[number, number]>, boolean]>([
    [
      'fixed 10 per 1 s, then fixed 30 per 5 s, 40/s for 11 s',
      fixed(10, 1),
      fixed(30, 5),
      [0, 0],
      [[11, 40]],
      true,
    ],
    [
      'the same on wall-clock boundaries 300 ms into the drill',
      fixed(10, 1),
      fixed(30, 5),
      [300, 2300],
      [[11, 40]],
      true,
    ],
    ['sliding 10 per 1 s, then fixed 40 per 5 s', sliding(10, 1), fixed(40, 5), [0, 0], [[11, 30]], true],
    [
      'fixed 20 per 1 s, then sliding 100 per 10 s, 60/s for 20 s',
      fixed(20, 1),
      sliding(100, 10),
      [0, 0],
      [[20, 60]],
      true,
    ],
    [
      'fixed 20 per 2 s, then fixed 60 per 10 s, 50/s for 22 s',
      fixed(20, 2),
      fixed(60, 10),
      [0, 0],
      [[22, 50]],
      true,
    ],
  ])('%s', (_name, short, long, phasesMs, phases, shortFirst) => {
    const stack = shortFirst ? [short, long] : [long, short];
    const ordered = shortFirst ? phasesMs : [...phasesMs].reverse();
    const { obs } = seriesOf(phases, { kind: 'stack', params: stack, phasesMs: ordered });
    const inferred = inferRateLimit(obs);
    expect(inferred.params, inferred.detail).toEqual(short);
    expect(inferred.combinedWith, inferred.detail).toEqual(long);
    expect(inferred.detail).toMatch(/ with (fixed|sliding) window .* two windows stacked/);
    expect(inferred.confidence, inferred.detail).toBeGreaterThan(0.9);
  });

  // The emulator's and express-rate-limit's windows start on the wall clock, so a drill meets
  // them at any offset, mostly inside a 100 ms bucket (a CI run read 10 per 1 s with 30 per 5 s
  // on a boundary 50 ms into one as a token bucket). Both on one clock: the short window's
  // offset is the long one's modulo 1 s.
  it.each(Array.from({ length: 100 }, (_, k) => k * 50))(
    'fixed 10 per 1 s, then fixed 30 per 5 s, on wall-clock boundaries %i ms into the long window',
    (longMs) => {
      const { obs } = seriesOf([[11, 40]], {
        kind: 'stack',
        params: [fixed(10, 1), fixed(30, 5)],
        phasesMs: [longMs % 1000, longMs],
      });
      const inferred = inferRateLimit(obs);
      expect(inferred.params, inferred.detail).toEqual(fixed(10, 1));
      expect(inferred.combinedWith, inferred.detail).toEqual(fixed(30, 5));
    },
  );

  it('a long window asked first counts what the short one then refuses: under a flood it is one window', () => {
    // 30 per 5 s outside 10 per 1 s, 40/s: the outer admits (and counts) 30 in 0.75 s, the inner
    // lets 10 of them through, so 10 per 5 s is what the stack enforces, and what is read.
    const { obs } = seriesOf([[11, 40]], { kind: 'stack', params: [fixed(30, 5), fixed(10, 1)] });
    const inferred = inferRateLimit(obs);
    expect(inferred.combinedWith, inferred.detail).toBeUndefined();
    expect(inferred.params, inferred.detail).toEqual(fixed(10, 5));
  });

  it('the detail names both windows the way a scenario would', () => {
    const { obs } = seriesOf([[11, 40]], { kind: 'stack', params: [fixed(10, 1), fixed(30, 5)] });
    expect(inferRateLimit(obs).detail).toMatch(
      /^Best fit: fixed window 10 per 1 s with fixed window 30 per 5 s \(/,
    );
    // The reports' one-line summary names the long window beside the short one's figures.
    expect(inferredLimitSummary(inferRateLimit(obs))).toBe(
      'fixed-window, 10/s, burst 20, with fixed-window 30 per 5 s (confidence 1).',
    );
  });
});

describe('a single limiter still reads as one (no spurious pair)', () => {
  it.each<[string, LimitParams, Array<[number, number]>, number?]>([
    ['fixed 10 per 1 s under a flood', fixed(10, 1), [[11, 40]]],
    ['fixed 100 per 10 s in a 15 s drill', fixed(100, 10), [[15, 30]]],
    ['fixed 100 per 1 s, boundaries 450 ms in', fixed(100, 1), [[6, 300]], 450],
    [
      'sliding 50 per 10 s after a calm start',
      sliding(50, 10),
      [
        [4, 5],
        [16, 20],
      ],
    ],
    [
      'sliding 30 per 2 s',
      sliding(30, 2),
      [
        [2, 10],
        [8, 40],
      ],
    ],
    [
      'sliding 20 per 5 s counting refusals, with a lull',
      sliding(20, 5, true),
      [
        [3, 10],
        [6, 0],
        [3, 10],
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
    ['token bucket 10/s burst 20 under a long flood', bucket(10, 20), [[20, 40]]],
    [
      'lockout of 3 s after 20 per 2 s',
      lockout(20, 2, 3),
      [
        [1, 50],
        [1, 0],
        [8, 5],
      ],
    ],
    [
      'lockout under a flood that never lets up',
      lockout(20, 2, 2),
      [
        [3, 50],
        [5, 0],
        [2, 50],
      ],
    ],
  ])('%s', (_name, truth, phases, phaseMs) => {
    const { obs, series } = seriesOf(phases, { kind: 'model', params: truth, phaseMs: phaseMs ?? 0 });
    const inferred = inferRateLimit(obs);
    expect(inferred.combinedWith, inferred.detail).toBeUndefined();
    expect(inferred.detail).not.toMatch(/stacked/);
    expect(fitLimitPair(series, fitLimitModels(series))).toBeNull();
  });
});

/**
 * A loose series, as a busy machine makes one: each request reaches the limiter up to `skewMs`
 * after the client stamped it (a fixed pseudo-random draw), but is counted in the client's bucket.
 */
function skewedSeries(stack: LimitParams[], phases: Array<[number, number]>, skewMs: number) {
  const sent = perTenth(phases);
  let x = 1;
  const draw = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const arrivals = sent.flatMap((n, t) =>
    Array.from({ length: n }, (_, k) => {
      const clientMs = t * 100 + ((k + 0.5) * 100) / n;
      return { bucket: t, serverMs: clientMs + draw() * skewMs };
    }),
  );
  arrivals.sort((a, b) => a.serverMs - b.serverMs);
  const admitters = stack.map((p) => modelOf(p).admitter(p, 0));
  const accepted = sent.map(() => 0);
  for (const a of arrivals) {
    if (admitters.every((m) => m.admit(a.serverMs))) accepted[a.bucket] = (accepted[a.bucket] ?? 0) + 1;
  }
  return { sent, accepted, dtMs: 100 };
}

describe('a loose fit (arrivals up to 300 ms late at the limiter) takes no spurious partner', () => {
  it.each<[string, LimitParams, Array<[number, number]>]>([
    [
      'fixed 50 per 2 s after a calm start',
      fixed(50, 2),
      [
        [2, 15],
        [4, 100],
      ],
    ],
    ['fixed 10 per 1 s under a flood', fixed(10, 1), [[11, 40]]],
    ['sliding 40 per 2 s under a flood', sliding(40, 2), [[10, 40]]],
  ])('%s reads as one window', (_name, truth, phases) => {
    const series = skewedSeries([truth], phases, 300);
    const singles = fitLimitModels(series);
    // Loose enough that the pair search runs (it is skipped below PAIR_GAIN).
    expect(singles[0]?.error).toBeGreaterThan(PAIR_GAIN);
    expect(fitLimitPair(series, singles)).toBeNull();
  });

  it('the pair 10 per 1 s with 30 per 5 s still reads as that pair', () => {
    const series = skewedSeries([fixed(10, 1), fixed(30, 5)], [[11, 40]], 300);
    const pair = fitLimitPair(series, fitLimitModels(series));
    const near = (p: LimitParams | undefined, limit: number, windowMs: number) =>
      !!p && 'limit' in p && Math.abs(p.limit - limit) <= 0.1 * limit && p.windowMs === windowMs;
    expect(near(pair?.short, 10, 1000), JSON.stringify(pair)).toBe(true);
    expect(near(pair?.long, 30, 5000), JSON.stringify(pair)).toBe(true);
  });
});

describe('the pair search stays bounded', () => {
  it('a 60 s drill against a pair runs at most MAX_PAIR_SIMULATIONS stacked simulations', () => {
    const { series } = seriesOf([[60, 40]], { kind: 'stack', params: [fixed(20, 1), fixed(300, 30)] });
    const pair = fitLimitPair(series, fitLimitModels(series));
    expect(pair?.short).toEqual(fixed(20, 1));
    expect(pair?.long).toEqual(fixed(300, 30));
    expect(pair?.simulations).toBeGreaterThan(0);
    expect(pair?.simulations).toBeLessThanOrEqual(MAX_PAIR_SIMULATIONS);
  });
});
