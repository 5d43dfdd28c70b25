// Limit verdicts need evidence (issue 20) and every drill ends in a verdict (issue 10): whole
// drills against loopback servers on port 0 that fail in the ways a broken target does, a drill
// with no expectation, a fixed-window limiter whose rejecting seconds accept nothing, and a real
// limiter (nginx limit_req from Debian) checked against the rate-limit verdicts.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, type RunReport } from '../../src/model.js';
import { type CountingBackend, startCountingBackend } from '../helpers/counting-backend.js';
import { drillDoc, urlDrill } from '../helpers/drill-file.js';
import { available, type RunningProxy, startNginxLimit } from '../helpers/proxies.js';

type Answer = number | 'reset';

interface ScriptedServer {
  url: string;
  /** Answers counted by the server: status code or 'reset'. */
  counts: Record<string, number>;
  close(): Promise<void>;
}

/** Request i (0-based) gets `answer(i, nowMs)`: a status after 5 ms, or a reset before any byte. */
async function startScripted(answer: (i: number, nowMs: number) => Answer): Promise<ScriptedServer> {
  let i = 0;
  const counts: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    const a = answer(i++, Date.now());
    counts[String(a)] = (counts[String(a)] ?? 0) + 1;
    req.resume();
    if (a === 'reset') {
      req.socket.resetAndDestroy();
      return;
    }
    setTimeout(() => res.writeHead(a, { 'content-type': 'text/plain' }).end(String(a)), 5);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let server: ScriptedServer | undefined;
let backend: CountingBackend | undefined;
let proxy: RunningProxy | undefined;
afterEach(async () => {
  await proxy?.stop();
  await backend?.close();
  await server?.close();
  server = undefined;
  backend = undefined;
  proxy = undefined;
});

const traffic = { phases: [{ type: 'constant', rate: '100/s', duration: '2s' }], requestTimeout: '3s' };
const limitVerdicts = (r: RunReport) =>
  r.verdicts.filter((v) => v.id.startsWith('rate-limit.') || v.id.startsWith('concurrency.'));
const summary = (r: RunReport) => JSON.stringify(r.verdicts.map((v) => [v.id, v.status, v.detail]));

describe('failing targets: no limit verdict passes, the exit code is never 0', () => {
  const both = { rateLimit: { rate: '50/s', burst: 10 }, concurrency: { max: 5 } };
  it.each<[string, (i: number) => Answer, Record<string, unknown>, number[]]>([
    ['resets every connection', () => 'reset', both, [EXIT.runtime]],
    [
      'resets 95 %, answers 5 % 200',
      (i) => (i % 20 === 0 ? 200 : 'reset'),
      both,
      [EXIT.failed, EXIT.inconclusive],
    ],
    ['answers 500 to everything', () => 500, both, [EXIT.failed, EXIT.inconclusive]],
    ['answers 404 to everything', () => 404, both, [EXIT.failed, EXIT.inconclusive]],
    [
      'answers 500 to everything (concurrency only)',
      () => 500,
      { concurrency: { max: 5 } },
      [EXIT.inconclusive],
    ],
    [
      'answers 404 to everything (concurrency only)',
      () => 404,
      { concurrency: { max: 5 } },
      [EXIT.inconclusive],
    ],
  ])('%s', async (_name, answer, expectations, codes) => {
    server = await startScripted(answer);
    const r = await drillDoc(urlDrill(server.url, traffic, expectations));
    const limits = limitVerdicts(r);
    expect(limits.length).toBeGreaterThan(0);
    expect(
      limits.filter((v) => v.status === 'pass').map((v) => v.id),
      summary(r),
    ).toEqual([]);
    for (const v of limits) {
      expect(v.evidence?.targetErrorShare, v.id).toBeGreaterThanOrEqual(0);
      expect(v.detail).toMatch(/Target errors: [\d.]+ % of \d+ sent/);
    }
    expect(codes, summary(r)).toContain(r.exitCode);
    // what the client counted is what the server answered
    const sent = r.observation?.totals.sent ?? 0;
    expect(Object.values(server.counts).reduce((a, b) => a + b, 0)).toBe(sent);
    expect(r.observation?.totals.accepted).toBe(server.counts['200'] ?? 0);
  });
});

describe('every drill ends in a verdict', () => {
  it('a URL target with no expectation exits 4, "nothing was tested", though 37 % were 429', async () => {
    server = await startScripted((i) => (i % 100 < 37 ? 429 : 200));
    const r = await drillDoc(urlDrill(server.url, traffic));
    expect(r.exitCode).toBe(EXIT.inconclusive);
    expect(r.warnings.join('\n')).toMatch(/nothing was tested/);
    expect(server.counts['429']).toBe(r.observation?.totals.byStatus['429']);
    expect(r.verdicts.map((v) => v.id)).toEqual(['driver.kept-up']);
  });

  it('a fixed-window limiter whose rejecting seconds accept nothing: a verdict and a bill, never exit 3', async () => {
    // 60 per 3 s window, windows counted from the first arrival: the first 0.6 s of each window
    // accepts, then nothing until the next one, so drill seconds 1 and 2 accept nothing whatever
    // the wall clock's phase.
    const windowMs = 3000;
    let window = -1;
    let used = 0;
    let firstMs: number | null = null;
    server = await startScripted((_i, now) => {
      firstMs ??= now;
      const w = Math.floor((now - firstMs) / windowMs);
      if (w !== window) {
        window = w;
        used = 0;
      }
      return used++ < 60 ? 200 : 429;
    });
    const r = await drillDoc({
      ...urlDrill(
        server.url,
        { phases: [{ type: 'constant', rate: '100/s', duration: '5s' }] },
        {
          rateLimit: { rate: '30/s', burst: 60, tolerance: 0.1 },
          budget: { perMonth: 1000 },
        },
      ),
    });
    expect([EXIT.ok, EXIT.failed, EXIT.inconclusive], summary(r)).toContain(r.exitCode);
    expect(r.verdicts.find((v) => v.id === 'rate-limit.held')?.status).toBeDefined();
    expect(r.projection.horizons.length).toBeGreaterThan(0);
    expect(server.counts['429']).toBe(r.observation?.totals.byStatus['429']);
    const seconds = r.timeline.filter((s) => s.sent > 0);
    expect(
      seconds.some((s) => s.accepted === 0 && (s.byStatus['429'] ?? 0) > 0),
      'a second that accepted nothing',
    ).toBe(true);
  });
});

describe.skipIf(!available('nginx'))('a real limiter: nginx limit_req 100 r/s burst 50', () => {
  it.each([
    { expectRate: '100/s', status: 'pass', code: EXIT.ok },
    { expectRate: '50/s', status: 'fail', code: EXIT.failed },
  ])('expected $expectRate → rate-limit.held $status', async ({ expectRate, status, code }) => {
    backend = await startCountingBackend(2);
    proxy = await startNginxLimit(backend.port, 100, 50);
    const r = await drillDoc(
      urlDrill(
        `${proxy.url}/`,
        { phases: [{ type: 'constant', rate: '300/s', duration: '3s' }] },
        { rateLimit: { rate: expectRate, burst: 50, tolerance: 0.1 } },
      ),
    );
    const held = r.verdicts.find((v) => v.id === 'rate-limit.held');
    expect(r.observation?.totals.accepted).toBe(backend.requests());
    expect(backend.requests()).toBeLessThanOrEqual(50 + 1 + 100 * 3.2);
    expect(held?.status, summary(r)).toBe(status);
    expect(held?.evidence?.targetErrorShare).toBe(0);
    expect(r.exitCode, summary(r)).toBe(code);
  });
});
