// Concurrency judged where the cost is: a node:http backend on port 0 that counts its own peak,
// behind a real HAProxy (Debian) that caps the connections to it and QUEUES the excess. The
// client sees every queued success as "in flight"; the verdict must judge the backend.

import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/model.js';
import { type CountingBackend, startCountingBackend } from './helpers/counting-backend.js';
import { drillDoc, urlDrill } from './helpers/drill-file.js';
import { available, type RunningProxy, startHaproxy } from './helpers/proxies.js';

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
    // 150/s into 10 × 100 ms = 100/s: the queue grows 50/s, the backend never runs more than 10.
    { maxconn: 10, rate: '150/s', duration: '3s', status: 'pass', code: EXIT.ok },
    // 400/s into 30 × 100 ms = 300/s: the backend runs 30 at once, three times the cap.
    { maxconn: 30, rate: '400/s', duration: '2s', status: 'fail', code: EXIT.failed },
  ])(
    'backend admits $maxconn, expected cap 10 → $status',
    async ({ maxconn, rate, duration, status, code }) => {
      backend = await startCountingBackend(100);
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
      expect(estimate, held?.detail).toBeGreaterThan(maxconn * 0.8);
      expect(estimate, held?.detail).toBeLessThan(maxconn * 1.1);
      expect(held?.status, held?.detail).toBe(status);
      expect(held?.detail).toMatch(/Little's law/);
      expect(r.exitCode, JSON.stringify(r.verdicts.map((v) => [v.id, v.status, v.detail]))).toBe(code);
    },
  );
});
