// Rules over what the user wrote (before defaults hide it): what `run` would refuse or silently
// ignore is found by `validate`, and every default that changes a verdict or a bill is said aloud.
//   errors:   a url that is not http(s); url and emulator together; a phase that sends nothing
//   warnings: expect.rateLimit without burst (0 assumed); no platform (Lambda x86 behind REST)

import { phaseRateKey, phaseRates } from '../plan/phase-kinds/index.js';
import type { Problem } from './problems.js';
import type { ScenarioWritten } from './scenario-schema.js';

type Found = Omit<Problem, 'rule'>;
type Obj = Record<string, unknown>;
type WrittenRule = (plain: Obj, w: ScenarioWritten) => Found[];

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export const writtenRules: Record<string, WrittenRule> = {
  'target-url-http': (_plain, w) => {
    if (!w.target.url) return [];
    const scheme = new URL(w.target.url).protocol;
    return scheme === 'http:' || scheme === 'https:'
      ? []
      : [
          {
            severity: 'error',
            path: ['target', 'url'],
            message: `${scheme.replace(/:$/, '')}:// is not supported: dowdrill drills HTTP targets`,
            fix: `write an http:// or https:// URL, e.g. https://${new URL(w.target.url).host || 'staging.example.com'}/`,
          },
        ];
  },

  'target-url-or-emulator': (plain) => {
    const t = plain.target;
    return isObj(t) && t.url !== undefined && t.emulator !== undefined
      ? [
          {
            severity: 'error',
            path: ['target', 'emulator'],
            message:
              'target has both url and emulator: the drill would go to the url and ignore the emulator',
            fix: 'remove emulator to drill the url, or remove url and allowedHosts to drill the emulator',
          },
        ]
      : [];
  },

  'phase-sends-something': (_plain, w) =>
    (w.traffic?.phases ?? []).flatMap((p, i): Found[] => {
      const path = ['traffic', 'phases', i];
      if (p.duration === 0)
        return [
          {
            severity: 'error',
            path: [...path, 'duration'],
            message: `a ${p.type} phase of 0s lasts no time and sends nothing`,
            fix: 'give it a duration above 0, e.g. duration: 10s, or remove the phase',
          },
        ];
      const rateKey = phaseRateKey(p);
      const silent =
        rateKey !== null && phaseRates(p).every((r) => r.fromRatePerSec === 0 && r.toRatePerSec === 0);
      return silent
        ? [
            {
              severity: 'error',
              path: [...path, rateKey],
              message: `a ${p.type} phase at 0/s sends nothing`,
              fix: 'write a rate above 0, e.g. rate: 10/s, or use type: pause for a gap without traffic',
            },
          ]
        : [];
    }),

  'rate-limit-burst-written': (plain) => {
    const e = plain.expect;
    if (!isObj(e)) return [];
    const limits = Array.isArray(e.rateLimit) ? e.rateLimit : [e.rateLimit];
    return limits.flatMap((rl, i): Found[] =>
      isObj(rl) && rl.burst === undefined
        ? [
            {
              severity: 'warning',
              path: Array.isArray(e.rateLimit) ? ['expect', 'rateLimit', i] : ['expect', 'rateLimit'],
              message:
                'no burst given, so 0 is assumed: a token bucket admits its burst at once on top of the rate, and those requests would count against the limit (a false FAIL)',
              fix: `write burst: N, the bucket size (API Gateway's stage default is 5000)${emulatorBurst(plain)}`,
            },
          ]
        : [],
    );
  },

  'platform-written': (plain) =>
    plain.platform === undefined
      ? [
          {
            severity: 'warning',
            path: ['platform'],
            message:
              'no platform: the bill assumes AWS Lambda (x86_64, us-east-1) behind API Gateway REST, with the memory and timeout of the emulator or Lambda defaults',
            fix: 'write platform: { provider: aws-lambda, gateway: api-gateway-rest, memoryMb: 512, timeout: 3s } with your own values',
          },
        ]
      : [],
};

function emulatorBurst(plain: Obj): string {
  const t = plain.target;
  const emu = isObj(t) && isObj(t.emulator) ? t.emulator : null;
  const gw = emu && isObj(emu.gateway) ? emu.gateway : null;
  const throttle = gw && isObj(gw.throttle) ? gw.throttle : null;
  return throttle && typeof throttle.burst === 'number'
    ? `; the emulator's throttle has burst: ${throttle.burst}`
    : '';
}

export function runWrittenRules(plain: unknown, w: ScenarioWritten): Problem[] {
  const data = isObj(plain) ? plain : {};
  return Object.entries(writtenRules).flatMap(([rule, fn]) => fn(data, w).map((p) => ({ ...p, rule })));
}
