import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseEmulatorConfig } from '../../../src/emulator/config.js';
import { GatewayRules } from '../../../src/emulator/gateway-rules.js';

// The emulator's leaky-bucket rule (nginx limit_req rate=100r/s burst=50) on a fixed arrival
// sequence, worked by hand the way nginx counts: each request adds 1 to the excess, the excess
// drains 1 per 10 ms, the first request after an idle time finds it 0; a request whose excess
// would pass 50 is refused (and adds nothing); an admitted one waits (excess − delay) × 10 ms
// when positive (nodelay: delay = burst, so never).
//   t = 0, 60 at once: the k-th has excess k − 1, so the 1st-51st pass, the 52nd-60th are refused;
//     delay=20: the 1st-21st at once, the 22nd waits (21 − 20) × 10 = 10 ms … the 51st 300 ms;
//     delay 0: the 1st at once, the 2nd 10 ms … the 51st 500 ms.
//   t = 100 ms, 12 at once: 10 ms × 10 drained the excess from 50 to 40, so 10 pass (excess
//     41-50) and 2 are refused; delay=20 holds them 210-300 ms, delay 0 410-500 ms.
//   t = 1000 ms: long drained (the excess would be −40): excess 0, no wait in any mode.
//   t = 1005 ms, 2 at once: 0.5 drained, excess 0.5 then 1.5: delay 0 holds 5 and 15 ms.

const req = { headers: {}, socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;

/** Holds in ms per request of a batch, null where refused. */
function run(delay: 'nodelay' | number, batches: [atMs: number, count: number][]): (number | null)[][] {
  const { rules } = parseEmulatorConfig({
    gateway: { rules: [{ model: 'leaky-bucket', rate: '100/s', burst: 50, delay }] },
  }).gateway;
  const gateway = new GatewayRules(rules);
  return batches.map(([atMs, count]) =>
    Array.from({ length: count }, () => (gateway.admit(req, atMs) ? gateway.lastHoldMs : null)),
  );
}

const BATCHES: [number, number][] = [
  [0, 60],
  [100, 12],
  [1000, 1],
  [1005, 2],
];

const steps = (fromMs: number, toMs: number) =>
  Array.from({ length: (toMs - fromMs) / 10 + 1 }, (_, i) => fromMs + 10 * i);
const zeros = (n: number) => Array.from({ length: n }, () => 0);
const refused = (n: number) => Array.from({ length: n }, () => null);

describe('leaky-bucket gateway rule: 100 r/s, burst 50', () => {
  it.each<[string, 'nodelay' | number, (number | null)[][]]>([
    [
      'nodelay: 51 then 10 pass at once, the rest refused',
      'nodelay',
      [[...zeros(51), ...refused(9)], [...zeros(10), ...refused(2)], [0], [0, 0]],
    ],
    [
      'delay=20: 21 pass at once, the next 30 wait 10-300 ms',
      20,
      [[...zeros(21), ...steps(10, 300), ...refused(9)], [...steps(210, 300), ...refused(2)], [0], [0, 0]],
    ],
    [
      'delay 0: every excess request waits, up to 500 ms',
      0,
      [[0, ...steps(10, 500), ...refused(9)], [...steps(410, 500), ...refused(2)], [0], [5, 15]],
    ],
  ])('%s', (_name, delay, want) => {
    const got = run(delay, BATCHES);
    expect(got.map((b) => b.length)).toEqual(want.map((b) => b.length));
    got.flat().forEach((hold, i) => {
      const expected = want.flat()[i];
      if (expected === null || expected === undefined) expect(hold, `request ${i + 1}`).toBe(expected);
      else expect(hold, `request ${i + 1}`).toBeCloseTo(expected, 9);
    });
  });

  it('a refusal sends Retry-After 1 s (the bucket frees a request 10 ms later) and no hold', () => {
    const { rules } = parseEmulatorConfig({
      gateway: { rules: [{ model: 'leaky-bucket', ratePerSec: 100, burst: 50 }] },
    }).gateway;
    const gateway = new GatewayRules(rules);
    for (let i = 0; i < 51; i++) expect(gateway.admit(req, 0)).toBe(true);
    expect(gateway.lastHoldMs).toBeCloseTo(500, 9);
    expect(gateway.admit(req, 0)).toBe(false);
    expect(gateway.lastHoldMs).toBe(0);
    expect(gateway.lastRetryAfterSec).toBe(1);
  });
});

describe('leaky-bucket rule config', () => {
  const rule = (r: Record<string, unknown>) => () =>
    parseEmulatorConfig({ gateway: { rules: [{ model: 'leaky-bucket', ...r }] } }).gateway.rules[0];

  it.each<[string, Record<string, unknown>, number]>([
    ['ratePerSec: 100', { ratePerSec: 100, burst: 5 }, 100],
    ['rate: "100/s"', { rate: '100/s', burst: 5 }, 100],
    ['rate: "6000/min"', { rate: '6000/min' }, 100],
    ['rate: 2.5 (a number is per second)', { rate: 2.5 }, 2.5],
  ])('%s reads as %s per second', (_name, written, perSec) => {
    expect(rule(written)()).toMatchObject({ model: 'leaky-bucket', ratePerSec: perSec });
  });

  it('defaults: burst 0, delay 0 (nginx without nodelay), one key for all', () => {
    expect(rule({ ratePerSec: 10 })()).toEqual({
      model: 'leaky-bucket',
      ratePerSec: 10,
      burst: 0,
      delay: 0,
      key: 'all',
      retryAfter: true,
      maxTrackedKeys: 10_000,
    });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['both spellings', { rate: '100/s', ratePerSec: 100 }, /write the drain rate once/],
    ['no rate', { burst: 5 }, /write the drain rate once/],
    ['an unreadable rate', { rate: 'fast' }, /expected a rate such as/],
    ['a negative delay', { ratePerSec: 1, delay: -1 }, /delay/],
  ])('%s is refused', (_name, written, message) => {
    expect(rule(written)).toThrow(message);
  });
});
