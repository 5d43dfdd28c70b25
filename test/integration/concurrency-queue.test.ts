// Concurrency judged where the cost is: a node:http backend on port 0 that counts its own peak,
// behind a real HAProxy (Debian) that caps the connections to it and QUEUES the excess. The
// client sees every queued success as "in flight"; the verdict must judge the backend.

import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/model.js';
import { ESTIMATE_SLACK } from '../../src/verdicts/concurrency-estimate.js';
import { type CountingBackend, startCountingBackend } from '../helpers/counting-backend.js';
import { drillDoc, urlDrill } from '../helpers/drill-file.js';
import { available, type RunningProxy, startHaproxy } from '../helpers/proxies.js';

let backend: CountingBackend | undefined;
let proxy: RunningProxy | undefined;
afterEach(async () => {
  await proxy?.stop();
  await backend?.close();
  proxy = undefined;
  backend = undefined;
});

describe.skipIf(!available('haproxy'))('a capped backend behind HAProxy’s queue', () => {
  it.each([
    // 40/s into 10 × 500 ms = 20/s: the queue grows 20/s, the backend never runs more than 10.
    // (A long service time keeps the client's own round trip a small share of the fastest 2xx.)
    { maxconn: 10, rate: '40/s', duration: '4s', status: 'pass', code: EXIT.ok },
    // 90/s into 30 × 500 ms = 60/s: the backend runs 30 at once, three times the cap.
    { maxconn: 30, rate: '90/s', duration: '3s', status: 'fail', code: EXIT.failed },
  ])(
    'backend admits $maxconn, expected cap 10 → $status',
    async ({ maxconn, rate, duration, status, code }) => {
      backend = await startCountingBackend(500);
      proxy = await startHaproxy(backend.port, maxconn);
      const r = await drillDoc(
        urlDrill(
          `${proxy.url}/`,
          { phases: [{ type: 'constant', rate, duration }], requestTimeout: '30s' },
          { concurrency: { max: 10 } },
        ),
      );
      const held = r.verdicts.find((v) => v.id === 'concurrency.held');
      const o = r.observation;
      expect(backend.peak(), 'the backend’s own peak').toBe(maxconn);
      expect(o?.totals.accepted).toBe(backend.requests());
      // The client-side overlap counts the queue: well over the backend's peak when it queued.
      expect(held?.evidence?.concurrency?.upperBound).toBeGreaterThan(maxconn);
      expect(held?.evidence?.concurrency?.used).toBe('estimate');
      const estimate = held?.evidence?.concurrency?.estimate ?? 0;
      console.info(
        `HAProxy maxconn ${maxconn}: backend peak ${backend.peak()}, client upper bound ${held?.evidence?.concurrency?.upperBound}, Little's law ${estimate}`,
      );
      // Little's law reads the backend within the estimate's allowance (the client's round trip
      // inflates the fastest 2xx; a loaded driver sends, and so reads, less): 10 and 30 stay apart.
      expect(estimate, held?.detail).toBeGreaterThan(maxconn * 0.6);
      expect(estimate, held?.detail).toBeLessThanOrEqual(maxconn * (1 + ESTIMATE_SLACK));
      expect(held?.status, held?.detail).toBe(status);
      expect(held?.detail).toMatch(/Little's law/);
      expect(r.exitCode, JSON.stringify(r.verdicts.map((v) => [v.id, v.status, v.detail]))).toBe(code);
    },
  );
});
