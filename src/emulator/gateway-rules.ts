// Generic gateway rules: the window limiters, lockouts and leaky buckets teams configure in
// middleware and proxies (express-rate-limit, HAProxy stick tables, nginx limit_req), checked
// after the WAF rule and before the API Gateway layers. Each rule runs the SAME admitter the
// verdicts simulate (verdicts/limit-models/), one per key, so a drill against the emulator tests
// the verdicts' own model of the limiter. Keys are bounded: the oldest-tracked key is forgotten
// first. A leaky bucket may also hold an admitted request back (nginx without `nodelay`): the
// rules say how long, the request handler waits it out.

import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { LimitParams } from '../model.js';
import { rateValue } from '../scenario/units.js';
import { type Admitter, modelOf } from '../verdicts/limit-models/index.js';

const keyed = {
  key: z
    .string()
    .regex(/^(all|ip|header:[A-Za-z0-9-]+)$/)
    .default('all')
    .describe('What a limit is kept per: all (one for everyone), ip (the socket address), header:<name>.'),
  retryAfter: z
    .boolean()
    .default(true)
    .describe('Send Retry-After (whole seconds until the rule admits the key again) on a refusal.'),
  maxTrackedKeys: z.int().min(1).default(10_000).describe('Keys tracked at once (bounded memory).'),
};

const common = {
  limit: z.int().min(0).describe('Requests per key admitted in a window.'),
  windowMs: z.int().min(1).max(86_400_000).describe('Window length in ms.'),
  ...keyed,
};

// nginx `limit_req_zone rate=R` + `limit_req burst=B [nodelay | delay=N]`. The rate is written
// as the emulator's buckets write it (ratePerSec: 100) or as a scenario's limits do (rate: 100/s);
// exactly one of the two, normalised to ratePerSec.
const leakyBucketSchema = z
  .strictObject({
    model: z
      .literal('leaky-bucket')
      .describe('nginx limit_req: the excess drains at the rate, held or refused'),
    ratePerSec: z.number().min(0).optional().describe('Drain rate in requests per second (or write rate).'),
    rate: rateValue.optional().describe('Drain rate: "100/s", "6000/min" (or write ratePerSec).'),
    burst: z
      .int()
      .min(0)
      .default(0)
      .describe('limit_req burst: excess requests held or passed; beyond it, 429.'),
    delay: z
      .union([z.literal('nodelay'), z.int().min(0)])
      .default(0)
      .describe(
        '"nodelay" (the whole burst passes at once), or nginx delay=N: the first N excess pass, the rest wait',
      ),
    ...keyed,
  })
  .superRefine((rule, ctx) => {
    if ((rule.rate === undefined) === (rule.ratePerSec === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rate'],
        message: 'write the drain rate once: ratePerSec: 100 or rate: "100/s"',
      });
    }
  })
  .transform(({ rate, ratePerSec, ...rest }) => ({ ...rest, ratePerSec: rate ?? ratePerSec ?? 0 }));

export const gatewayRuleSchema = z
  .discriminatedUnion('model', [
    z.strictObject({
      model: z.literal('fixed-window').describe('limit per window, reset at each window start'),
      ...common,
    }),
    z.strictObject({
      model: z.literal('sliding-window').describe('at most limit in any window'),
      countDenied: z.boolean().default(false).describe('Refused requests count too.'),
      ...common,
    }),
    z.strictObject({
      model: z.literal('lockout').describe('a breach of limit per window refuses the key for lockoutMs'),
      lockoutMs: z.int().min(0).max(86_400_000).describe('How long a breach refuses the key, in ms.'),
      ...common,
    }),
    leakyBucketSchema,
  ])
  .describe(
    'A window limiter, lockout or leaky bucket in front of the gateway; refusals answer 429 Too Many Requests.',
  );

export type GatewayRuleConfig = z.output<typeof gatewayRuleSchema>;

function paramsOf(rule: GatewayRuleConfig): LimitParams {
  if (rule.model === 'leaky-bucket') {
    const nodelayExcess = rule.delay === 'nodelay' ? rule.burst : Math.min(rule.delay, rule.burst);
    return { model: rule.model, ratePerSec: rule.ratePerSec, burst: rule.burst, nodelayExcess };
  }
  if (rule.model === 'fixed-window') return { model: rule.model, limit: rule.limit, windowMs: rule.windowMs };
  if (rule.model === 'sliding-window') {
    return { model: rule.model, limit: rule.limit, windowMs: rule.windowMs, countDenied: rule.countDenied };
  }
  return { model: rule.model, limit: rule.limit, windowMs: rule.windowMs, lockoutMs: rule.lockoutMs };
}

class Rule {
  private readonly keys = new Map<string, Admitter>();
  private readonly params: LimitParams;
  private readonly header: string | undefined;

  constructor(private readonly config: GatewayRuleConfig) {
    this.params = paramsOf(config);
    this.header = config.key.startsWith('header:') ? config.key.slice(7).toLowerCase() : undefined;
  }

  get sendsRetryAfter(): boolean {
    return this.config.retryAfter;
  }

  /** The key's limiter; undefined when the request lacks the key (neither counted nor refused). */
  admitterFor(req: IncomingMessage): Admitter | undefined {
    const key = this.keyOf(req);
    if (key === undefined) return undefined;
    let admitter = this.keys.get(key);
    if (!admitter) {
      if (this.keys.size >= this.config.maxTrackedKeys) {
        const oldest = this.keys.keys().next();
        if (!oldest.done) this.keys.delete(oldest.value);
      }
      // Fixed windows start at the epoch's whole windows, as wall-clock middleware does.
      admitter = modelOf(this.params).admitter(this.params, 0);
      this.keys.set(key, admitter);
    }
    return admitter;
  }

  private keyOf(req: IncomingMessage): string | undefined {
    if (this.config.key === 'all') return '';
    if (this.header === undefined) return req.socket.remoteAddress;
    const raw = req.headers[this.header];
    return Array.isArray(raw) ? raw[0] : raw;
  }
}

export class GatewayRules {
  private readonly rules: Rule[];
  /** Retry-After of the last refusal, in whole seconds (undefined: the rule sends none). */
  lastRetryAfterSec: number | undefined;
  /** How long the last admitted request is held before it passes on, in ms (0: at once). */
  lastHoldMs = 0;

  constructor(configs: readonly GatewayRuleConfig[]) {
    this.rules = configs.map((c) => new Rule(c));
  }

  /**
   * True when every rule admits the request; a refusal stops at the rule that refused. An
   * admitted request waits the longest hold any rule asks (nginx delays by its limits' maximum).
   */
  admit(req: IncomingMessage, nowMs: number): boolean {
    this.lastRetryAfterSec = undefined;
    this.lastHoldMs = 0;
    for (const rule of this.rules) {
      const admitter = rule.admitterFor(req);
      if (!admitter) continue;
      if (admitter.admit(nowMs)) {
        this.lastHoldMs = Math.max(this.lastHoldMs, admitter.holdMs?.(nowMs) ?? 0);
        continue;
      }
      if (rule.sendsRetryAfter)
        this.lastRetryAfterSec = Math.max(1, Math.ceil(admitter.freeInMs(nowMs) / 1000));
      this.lastHoldMs = 0;
      return false;
    }
    return true;
  }
}
