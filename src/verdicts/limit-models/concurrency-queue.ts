// Concurrency with a queue (HAProxy `server … maxconn N` with `maxqueue Q` and `timeout queue T`,
// Envoy's circuit breaker with pending requests, a worker pool with a bounded backlog): at most
// `maxConcurrent` requests execute at once, each for `serviceMs`; the excess waits first come,
// first served, and is refused (HAProxy: 503) when `maxQueue` already wait or its wait would be
// longer than `queueTimeoutMs`. The service time is the backend's, which the drill measures (the
// fastest 2xx, which waited for nothing) when the scenario does not state it.
// Worked example: 10 executing × 500 ms = 20/s served; 40/s offered with a queue of 5: the first
// 10 start at once, 5 wait, and from then on one is admitted as each slot's successor frees up:
// ≈ 15 in the first 0.5 s, then 20/s.

import type { Observation } from '../../model.js';
import { worstExcess } from '../envelope.js';
import { fmt } from '../numbers.js';
import { candidateRates } from './token-bucket.js';
import type { Admitter, FitSeries, LimitModel, ParamsOf } from './types.js';

/** The service time assumed until the drill measures one (the envelope of a written scenario). */
export const DEFAULT_SERVICE_MS = 1000;

type Queue = ParamsOf<'concurrency-queue'>;

const serviceOf = (p: Queue) => p.serviceMs ?? DEFAULT_SERVICE_MS;
const queueOf = (p: Queue) => p.maxQueue ?? Number.POSITIVE_INFINITY;
const timeoutOf = (p: Queue) => p.queueTimeoutMs ?? Number.POSITIVE_INFINITY;

export function queueAdmitter(p: Queue): Admitter {
  const serviceMs = serviceOf(p);
  const freeAt = new Float64Array(Math.max(1, p.maxConcurrent)).fill(Number.NEGATIVE_INFINITY);
  /** Start times of the admitted requests still waiting (non-decreasing: first come, first served). */
  const waiting: number[] = [];
  let head = 0;
  const settle = (atMs: number) => {
    while (head < waiting.length && (waiting[head] ?? 0) <= atMs) head++;
    if (head > 1024 && head * 2 > waiting.length) {
      waiting.splice(0, head);
      head = 0;
    }
  };
  const earliest = () => {
    let k = 0;
    for (let i = 1; i < freeAt.length; i++) if ((freeAt[i] ?? 0) < (freeAt[k] ?? 0)) k = i;
    return k;
  };
  return {
    admit(atMs) {
      settle(atMs);
      const k = earliest();
      const start = Math.max(atMs, freeAt[k] ?? 0);
      const waitMs = start - atMs;
      if (waitMs > 0 && (waiting.length - head >= queueOf(p) || waitMs > timeoutOf(p))) return false;
      freeAt[k] = start + serviceMs;
      if (waitMs > 0) waiting.push(start);
      return true;
    },
    freeInMs(atMs) {
      settle(atMs);
      const waitMs = Math.max(0, (freeAt[earliest()] ?? 0) - atMs);
      if (waitMs === 0) return 0;
      const queued = waiting.length - head;
      const untilRoom = queued >= queueOf(p) ? (waiting[head + queued - queueOf(p)] ?? atMs) - atMs : 0;
      return Math.max(0, untilRoom, waitMs - timeoutOf(p));
    },
  };
}

/** The expectation with the backend's service time measured by the drill when it was not stated. */
export function withMeasuredService(p: Queue, obs: Observation): Queue {
  const fastest = obs.latency['2xx']?.minMs;
  return p.serviceMs === null && fastest !== undefined && fastest > 0 ? { ...p, serviceMs: fastest } : p;
}

/** How many can be in the system at once: executing plus waiting (a wait bound caps the queue). */
function inSystem(p: Queue): number {
  const byWait = Number.isFinite(timeoutOf(p))
    ? (p.maxConcurrent * timeoutOf(p)) / serviceOf(p)
    : p.maxConcurrent;
  return p.maxConcurrent + Math.min(queueOf(p), byWait);
}

export const concurrencyQueue: LimitModel<'concurrency-queue'> = {
  kind: 'concurrency-queue',
  describe: (p) =>
    `queue: at most ${fmt(p.maxConcurrent)} executing` +
    (p.maxQueue === null ? '' : `, ${fmt(p.maxQueue)} waiting`) +
    (p.queueTimeoutMs === null ? '' : `, waits up to ${fmt(p.queueTimeoutMs / 1000)} s`) +
    (p.serviceMs === null ? '' : ` (service ${fmt(p.serviceMs)} ms)`),
  admitter: (p) => queueAdmitter(p),
  phasesMs: () => [0],
  envelope: (p) => ({ ratePerSec: (p.maxConcurrent * 1000) / serviceOf(p), burst: inSystem(p) }),
  memoryMs: (p) => serviceOf(p) * (1 + inSystem(p) / Math.max(1, p.maxConcurrent)),
  slipToleranceMs: (p) => serviceOf(p),
  candidates: (s) => queueCandidates(s),
};

/**
 * Waiting seen: the median 2xx took this many times the fastest. Below it the accepts did not
 * queue (a token bucket in front of a backend whose durations vary), and no queue is proposed:
 * admits alone cannot tell a queue from a token bucket of the same rate and burst.
 */
const QUEUED_P50_FACTOR = 1.5;

/** A queue bound is kept only when the wait it implies (Q × service / N) is this close to the slowest 2xx's. */
const BOUND_WAIT_SLACK = 0.25;

/**
 * Queues worth trying, from a drill that measured its 2xx latency: `maxConcurrent` from the served
 * rate (the saturated slope of cumulative accepts) × the service time (the fastest 2xx), Little's
 * law; the wait bound from the slowest 2xx (service + the longest wait), ±10 %; the queue bound
 * from the refusals' onset: the most the accepts ran ahead of the served rate, less those
 * executing. Worked example: HAProxy maxconn 5, timeout queue 1 s, 500 ms backend, 30/s offered:
 * served 10/s × 0.5 s = 5 executing; the slowest 2xx ≈ 1,500 ms → waits up to ≈ 1,000 ms.
 */
export function queueCandidates(s: FitSeries): Queue[] {
  const { serviceMs, okP50Ms, okMaxMs } = s;
  if (!serviceMs || serviceMs <= 0 || okP50Ms === undefined || okMaxMs === undefined) return [];
  if (okP50Ms < QUEUED_P50_FACTOR * serviceMs) return [];
  const longestWaitMs = okMaxMs - serviceMs;
  const counts = new Set(
    candidateRates(s)
      .map((r) => Math.round((r * serviceMs) / 1000))
      .filter((n) => n >= 1),
  );
  const out: Queue[] = [];
  const base = { model: 'concurrency-queue' as const, serviceMs };
  for (const maxConcurrent of counts) {
    for (const f of [0.9, 0.95, 1, 1.05, 1.1]) {
      out.push({ ...base, maxConcurrent, maxQueue: null, queueTimeoutMs: Math.round(longestWaitMs * f) });
    }
    const ahead = worstExcess(s.accepted, (maxConcurrent * 1000) / serviceMs, s.dtMs / 1000);
    for (const d of [-1, 0, 1]) {
      const maxQueue = Math.round(ahead) - maxConcurrent + d;
      const impliedWaitMs = (maxQueue * serviceMs) / maxConcurrent;
      if (maxQueue >= 1 && Math.abs(impliedWaitMs - longestWaitMs) <= BOUND_WAIT_SLACK * longestWaitMs) {
        out.push({ ...base, maxConcurrent, maxQueue, queueTimeoutMs: null });
      }
    }
  }
  return out;
}
