import { it } from 'vitest';
import type { LimitParams } from '../../../src/model.js';
import { fitLimitModels } from '../../../src/verdicts/infer-limit-models.js';
import { fitLimitPair } from '../../../src/verdicts/infer-limit-pair.js';
import { buildObservation } from './helpers.js';
const fixed = (limit: number, s: number): LimitParams => ({ model: 'fixed-window', limit, windowMs: s * 1000 });
it('timing', () => {
  const cases: Array<[string, any]> = [
    ['pair', { kind: 'stack', params: [fixed(10, 1), fixed(30, 5)], phasesMs: [300, 2300] }],
    ['token bucket single (fit not exact)', { kind: 'token-bucket', ratePerSec: 10, burst: 20 }],
    ['fixed single', { kind: 'model', params: fixed(10, 1) }],
  ];
  for (const [name, limiter] of cases) {
    const obs = buildObservation({ phases: [[10, 40]], limiter });
    const s = { sent: obs.tenths.sent, accepted: obs.tenths.accepted, dtMs: 100 };
    const N = 20;
    let single = 0, pairMs = 0, sims = 0;
    for (let k = 0; k < N + 3; k++) {
      const t0 = performance.now();
      const fits = fitLimitModels(s);
      const t1 = performance.now();
      const p = fitLimitPair(s, fits);
      const t2 = performance.now();
      if (k >= 3) { single += t1 - t0; pairMs += t2 - t1; sims = p?.simulations ?? -1; }
    }
    console.log(`${name}: single fits ${(single / N).toFixed(2)} ms, pair ${(pairMs / N).toFixed(2)} ms, sims ${sims}, best single err ${fitLimitModels(s)[0]?.error.toFixed(3)}`);
  }
});
