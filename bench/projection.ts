// Projection speed: a 30-day attack at 10,000/s (25.92 billion requests) and a 1,000-point sweep,
// each beside one priceUsage call, the closed-form evaluation everything else is built from. Both
// must cost a handful of priceUsage calls, never anything per request or per second.

import { priceUsage } from '../src/cost/price.js';
import type { Scenario } from '../src/model.js';
import { projectAttack } from '../src/projection/project.js';
import { sweep } from '../src/projection/sweep.js';
import { buildUsage } from '../src/projection/usage.js';
import { normaliseScenario } from '../src/scenario/normalise.js';
import { scenarioSchema } from '../src/scenario/scenario-schema.js';

const ROUNDS = 7;

function benchScenario(): Scenario {
  const written = scenarioSchema.parse({
    name: 'bench-projection',
    target: {
      emulator: {
        gateway: { throttle: { ratePerSec: 1000, burst: 500 } },
        waf: { limit: 1000, windowSec: 60 },
      },
    },
    traffic: { phases: [{ type: 'ramp', from: '100/s', to: '2000/s', duration: '30s' }] },
    platform: { reservedConcurrency: 200, waf: { enabled: true, webAcls: 1, rules: 5 } },
    expect: { rateLimit: { rate: '1000/s', burst: 500 } },
    projection: { attackRate: '10000/s', sources: 100, horizons: ['1h', '1d', '30d'] },
  });
  return normaliseScenario(written, {}, []);
}

/** Best of ROUNDS, in ms, after one warm-up call. */
function bestMs(fn: () => void, inner = 1): number {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    best = Math.min(best, (performance.now() - t0) / inner);
  }
  return best;
}

function line(label: string, ms: number, referenceMs: number): string {
  const ratio = ms / referenceMs;
  return `${label.padEnd(44)} ${ms.toFixed(3).padStart(10)} ms  = ${ratio.toFixed(0).padStart(6)} × one priceUsage`;
}

/** What 30 days at 10,000/s bill as a usage file: the reference is pricing it once. */
function referenceUsage(scenario: Scenario) {
  const n = 2.592e10;
  const counts = {
    received: n,
    wafBlocked: 0,
    gatewayThrottled: 0,
    unauthorized: 0,
    lambdaThrottled: 0,
    invoked: n,
  };
  const volumes = { counts, billedMsPerInvocation: 100, coldStarts: 0, initMs: 0 };
  return buildUsage(scenario, volumes, { freeTier: false, monthlyFees: true });
}

export async function benchProjection(): Promise<void> {
  const scenario = benchScenario();
  const usage = referenceUsage(scenario);
  const month = {
    ...scenario,
    projection: { ...scenario.projection, horizons: [{ name: '30d', durationMs: 2_592_000_000 }] },
  };
  const referenceMs = bestMs(() => priceUsage(usage), 200);
  const projectMs = bestMs(() => projectAttack({ scenario: month, observation: null }));
  const allMs = bestMs(() => projectAttack({ scenario, observation: null }));
  const sweepMs = bestMs(() => sweep(scenario, null, 'rateLimit', 10, 10_000, 1000));
  process.stdout.write(
    [
      line('one priceUsage call (reference)', referenceMs, referenceMs),
      line('projection, 30-day attack at 10,000/s', projectMs, referenceMs),
      line('projection, 1 h + 1 d + 30 d', allMs, referenceMs),
      line('sweep, 1,000 points × 3 horizons', sweepMs, referenceMs),
      '(30 days at 10,000/s = 2.592e10 requests: all of it closed form, nothing per request or per second)',
      '',
    ].join('\n'),
  );
}
