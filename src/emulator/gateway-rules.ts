// Generic gateway rules: the window limiters and lockouts teams configure in middleware and
// proxies (express-rate-limit, HAProxy stick tables, nginx), checked after the WAF rule and
// before the API Gateway layers. Each rule runs the SAME admitter the verdicts simulate
// (verdicts/limit-models/), one per key, so a drill against the emulator tests the verdicts'
// own model of the limiter. Keys are bounded: the oldest-tracked key is forgotten first.

import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { LimitParams } from '../model.js';
import { type Admitter, modelOf } from '../verdicts/limit-models/index.js';

const common = {
  limit: z.int().min(0).describe('Requests per key admitted in a window.'),
  windowMs: z.int().min(1).max(86_400_000).describe('Window length in ms.'),
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
  ])
  .describe('A window limiter or lockout in front of the gateway; refusals answer 429 Too Many Requests.');

export type GatewayRuleConfig = z.output<typeof gatewayRuleSchema>;

function paramsOf(rule: GatewayRuleConfig): LimitParams {
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

  constructor(configs: readonly GatewayRuleConfig[]) {
    this.rules = configs.map((c) => new Rule(c));
  }

  /** True when every rule admits the request; a refusal stops at the rule that refused. */
  admit(req: IncomingMessage, nowMs: number): boolean {
    this.lastRetryAfterSec = undefined;
    for (const rule of this.rules) {
      const admitter = rule.admitterFor(req);
      if (!admitter || admitter.admit(nowMs)) continue;
      if (rule.sendsRetryAfter)
        this.lastRetryAfterSec = Math.max(1, Math.ceil(admitter.freeInMs(nowMs) / 1000));
      return false;
    }
    return true;
  }
}
