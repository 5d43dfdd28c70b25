import { describe, expect, it } from 'vitest';
import {
  blankSample,
  ObservationRecorder,
  type RequestSample,
} from '../../../../src/driver/record/recorder.js';
import type { Observation } from '../../../../src/model.js';
import { apiKeys } from '../../../helpers/scenario.js';

function sample(
  startMs: number,
  endMs: number,
  outcome: RequestSample['outcome'],
  extra: Partial<RequestSample> = {},
) {
  return { ...blankSample(), startMs, endMs, outcome, ...extra } satisfies RequestSample;
}

/** Sends and finishes each sample in order. */
function record(r: ObservationRecorder, samples: RequestSample[]): void {
  for (const s of samples) r.noteSent(s.startMs, s.identityIndex);
  for (const s of [...samples].sort((a, b) => a.endMs - b.endMs)) r.add(s);
}

function close(r: ObservationRecorder, seconds = 2, identities = apiKeys(2)): Observation {
  return r.summarize({
    startedAtMs: 1_000_000,
    durationMs: seconds * 1000,
    stopReason: 'completed',
    intendedPerSecond: Array(seconds).fill(10),
    intendedPerTenth: Array(seconds * 10).fill(1),
    identities,
    engine: 'test',
    connections: 3,
  });
}

describe('ObservationRecorder', () => {
  it('attributes statuses to the second and tenth a request was SENT in', () => {
    const r = new ObservationRecorder(5000);
    record(r, [sample(950, 1050, 200), sample(150, 160, 429), sample(1500, 1600, 503)]);
    const o = close(r);
    expect(o.seconds.map((s) => [s.sent, s.completed, s.accepted])).toEqual([
      [2, 2, 1],
      [1, 1, 0],
    ]);
    expect(o.seconds[0]?.byStatus).toEqual({ '200': 1, '429': 1 });
    expect(o.seconds[1]?.byStatus).toEqual({ '503': 1 });
    expect(o.tenths.sent[9]).toBe(1);
    expect(o.tenths.accepted[9]).toBe(1);
    expect(o.tenths.sent[1]).toBe(1);
    expect(o.tenths.intended).toHaveLength(20);
    expect(o.totals).toEqual({
      intended: 20,
      sent: 3,
      completed: 3,
      accepted: 1,
      timeouts: 0,
      errors: 0,
      errorsByKind: {},
      byStatus: { '200': 1, '429': 1, '503': 1 },
    });
  });

  it('counts 2xx by the second they ENDED in (throughput for Little’s law)', () => {
    const a = new ObservationRecorder(5000);
    // sent in second 0, ended in 0, 1, 1; a 429 and a timeout ending in second 1 do not count
    record(a, [sample(100, 900, 200), sample(200, 1100, 200), sample(300, 1200, 429)]);
    record(a, [sample(400, 1900, 201), sample(500, 1500, 'timeout')]);
    const o = close(a);
    expect(o.seconds.map((s) => s.acceptedEnded)).toEqual([1, 2]);
    expect(o.seconds.map((s) => s.accepted)).toEqual([3, 0]);
  });

  it('keeps timeouts, connection errors and cancellations apart', () => {
    const r = new ObservationRecorder(5000);
    record(r, [sample(0, 5000, 'timeout'), sample(10, 11, 'error'), sample(20, 900, 'cancelled')]);
    const o = close(r);
    expect(o.seconds[0]).toMatchObject({ sent: 3, completed: 2, timeouts: 1, errors: 1, cancelled: 1 });
    expect(o.totals.byStatus).toEqual({ timeout: 1, error: 1 });
    expect(o.driver).toEqual({ engine: 'test', connections: 3, dropped: 0, cancelled: 1 });
    expect(Object.keys(o.latency).sort()).toEqual(['error', 'timeout']);
  });

  it('counts failures by kind, per second and in total, consistent with timeouts and errors', () => {
    const r = new ObservationRecorder(5000);
    record(r, [
      sample(0, 5000, 'timeout', { errorKind: 'timeout' }),
      sample(10, 11, 'error', { errorKind: 'refused' }),
      sample(20, 21, 'error', { errorKind: 'refused' }),
      sample(1100, 1150, 'error', { errorKind: 'reset' }),
      sample(1200, 1201, 'error'), // no kind given
      sample(1300, 1400, 200),
    ]);
    const o = close(r);
    expect(o.seconds.map((s) => s.errorsByKind)).toEqual([
      { timeout: 1, refused: 2 },
      { reset: 1, 'other:unknown': 1 },
    ]);
    expect(o.totals.errorsByKind).toEqual({ timeout: 1, refused: 2, reset: 1, 'other:unknown': 1 });
    const { timeout = 0, ...connectionErrors } = o.totals.errorsByKind;
    expect(timeout).toBe(o.totals.timeouts);
    expect(Object.values(connectionErrors).reduce((a, b) => a + b, 0)).toBe(o.totals.errors);
  });

  it('summarizes latency per status class from the histograms', () => {
    const r = new ObservationRecorder(5000);
    const samples = Array.from({ length: 100 }, (_, i) => sample(i, i + 1 + i / 10, 200));
    record(r, [...samples, sample(0, 250, 429), sample(0, 3, 403), sample(0, 4, 404), sample(0, 5, 302)]);
    const o = close(r);
    const ok = o.latency['2xx']!;
    expect(ok.count).toBe(100);
    expect(ok.minMs).toBeCloseTo(1, 2);
    expect(ok.maxMs).toBeCloseTo(10.9, 1);
    expect(ok.p50Ms).toBeCloseTo(5.9, 1);
    expect(ok.meanMs).toBeCloseTo(5.95, 1);
    expect(o.latency['429']?.p99Ms).toBeCloseTo(250, 0);
    expect(Object.keys(o.latency).sort()).toEqual(['2xx', '3xx', '403', '429', '4xx']);
  });

  it('tracks peak in-flight per second and peak concurrent successes', () => {
    const r = new ObservationRecorder(5000);
    // three overlapping successes, one overlapping failure
    record(r, [sample(0, 100, 200), sample(10, 90, 200), sample(20, 50, 200), sample(30, 60, 500)]);
    const o = close(r);
    expect(o.peakInFlight).toBe(4);
    expect(o.peakConcurrentSuccess).toBe(3);
    expect(o.seconds[0]?.peakConcurrentSuccess).toBe(3);
  });

  it('counts per identity and per identity-second accepted', () => {
    const r = new ObservationRecorder(5000);
    record(r, [
      sample(0, 1, 200, { identityIndex: 0 }),
      sample(1200, 1201, 200, { identityIndex: 0 }),
      sample(5, 6, 429, { identityIndex: 1 }),
    ]);
    const o = close(r);
    expect(o.identities).toMatchObject([
      { label: 'api-key#0', sent: 2, accepted: 2, byStatus: { '200': 2 }, acceptedPerSecond: [1, 1] },
      { label: 'api-key#1', sent: 1, accepted: 0, byStatus: { '429': 1 }, acceptedPerSecond: [0, 0] },
    ]);
    // Per 100 ms by send time, as long as the drill's tenths: sent at 0 and 1,200 ms, and at 5 ms.
    const at = (xs: readonly number[] | undefined) => (xs ?? []).flatMap((v, i) => (v ? [[i, v]] : []));
    const [a, b] = o.identities;
    expect(a?.sentPerTenth).toHaveLength(o.tenths.sent.length);
    expect(at(a?.sentPerTenth)).toEqual([
      [0, 1],
      [12, 1],
    ]);
    expect(at(a?.acceptedPerTenth)).toEqual([
      [0, 1],
      [12, 1],
    ]);
    expect(at(b?.sentPerTenth)).toEqual([[0, 1]]);
    expect(at(b?.acceptedPerTenth)).toEqual([]);
  });

  it('records billing headers, first rejection and Retry-After', () => {
    const r = new ObservationRecorder(5000);
    record(r, [
      sample(0, 120, 200, { billedMs: 100, initMs: 300, coldStart: true, layer: 'function' }),
      sample(10, 30, 200, { billedMs: 20, layer: 'function' }),
      sample(400, 401, 429, { retryAfter: true, layer: 'gateway' }),
      sample(300, 302, 429, { layer: 'gateway' }),
    ]);
    const o = close(r);
    expect(o.billing).toEqual({
      billedMsSum: 120,
      billedCount: 2,
      coldStarts: 1,
      initMsSum: 300,
      layers: { function: 2, gateway: 2 },
    });
    expect(o.seconds[0]).toMatchObject({ billedMsSum: 120, billedCount: 2 });
    expect(o.firstRejectionMs).toBe(300);
    expect(o.rejectionsWithRetryAfter).toBe(1);
  });

  it('counts drops and reports sessions shorter or longer than the plan', () => {
    const r = new ObservationRecorder(5000);
    r.noteDropped(1500, 7);
    record(r, [sample(2500, 2501, 200)]);
    const o = close(r, 2);
    expect(o.seconds).toHaveLength(3);
    expect(o.seconds[1]?.dropped).toBe(7);
    expect(o.seconds[2]).toMatchObject({ intended: 0, sent: 1 });
    expect(o.driver.dropped).toBe(7);
    expect(o.partial).toBe(false);
  });

  it('stays bounded: a million requests over an hour keep per-second arrays only', () => {
    const r = new ObservationRecorder(5000);
    const s = sample(0, 0, 200);
    for (let i = 0; i < 1_000_000; i++) {
      const t = i * 3.6;
      r.noteSent(t, -1);
      s.startMs = t;
      s.endMs = t + 2;
      r.add(s);
    }
    const o = close(r, 3600, apiKeys(1));
    expect(o.seconds).toHaveLength(3600);
    expect(o.totals.accepted).toBe(1_000_000);
    expect(o.peakConcurrentSuccess).toBe(1);
    expect(o.tenths.sent).toHaveLength(36_000);
  });

  it('counts per request-mix entry when the engine names it, and names entries from the mix', () => {
    const r = new ObservationRecorder(5000);
    const samples = [
      sample(0, 40, 200, { entryIndex: 0 }),
      sample(10, 30, 200, { entryIndex: 0 }),
      sample(20, 22, 429, { entryIndex: 0 }),
      sample(30, 5030, 'timeout', { entryIndex: 1 }),
      sample(40, 60, 503, { entryIndex: 1 }),
      sample(50, 52, 200), // an engine that does not say: in the totals, in no entry
    ];
    for (const s of samples) r.noteSent(s.startMs, s.identityIndex, s.entryIndex);
    for (const s of samples) r.add(s);
    const o = r.summarize({
      startedAtMs: 0,
      durationMs: 1000,
      stopReason: 'completed',
      intendedPerSecond: [6],
      intendedPerTenth: Array(10).fill(0.6),
      identities: null,
      engine: 'test',
      connections: 1,
      requests: [
        { name: 'buy', method: 'POST', path: '/buy' },
        { name: 'look', method: 'GET', path: '/look/{{seq}}' },
      ],
    });
    expect(o.totals.sent).toBe(6);
    expect(o.perEntry?.map(({ latencyP50Ms: _50, latencyP99Ms: _99, ...e }) => e)).toEqual([
      {
        index: 0,
        name: 'buy',
        request: 'POST /buy',
        sent: 3,
        accepted: 2,
        throttled: 1,
        errors: 0,
        byStatus: { '200': 2, '429': 1 },
        acceptedMsSum: 60,
      },
      {
        index: 1,
        name: 'look',
        request: 'GET /look/{{seq}}',
        sent: 2,
        accepted: 0,
        throttled: 0,
        errors: 2,
        byStatus: { timeout: 1, '503': 1 },
        acceptedMsSum: 0,
      },
    ]);
    expect(o.perEntry?.[0]?.latencyP50Ms).toBeCloseTo(20, 0);
    expect(o.perEntry?.[1]?.latencyP99Ms).toBeCloseTo(5000, -1);
    // without the mix (or without entry indices) there is no perEntry at all
    expect(close(new ObservationRecorder(5000), 1).perEntry).toBeUndefined();
  });
});
