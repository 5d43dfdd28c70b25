import type { IncomingMessage } from 'node:http';
import type { EmulatorConfig, WafConfig } from './config.js';
import { GatewayRules } from './gateway-rules.js';
import { Layer, PASSED } from './layers.js';
import type { Random } from './prng.js';
import { bucketLimitState, type LimitState, toWholeSeconds } from './rate-limit-headers.js';
import { SlidingWindowRule } from './sliding-window.js';
import { TokenBucket } from './token-bucket.js';
import { type KeyState, msUntilQuotaReset, PlanVerdict, UsagePlans } from './usage-plans.js';

// The layers in front of the function, in the order AWS evaluates them: WAF rate rule → usage plan
// (key, throttle, quota) → stage bucket → account bucket. A request rejected by one layer consumes
// nothing in the layers after it (WAF-blocked requests never reach API Gateway at all).

const WAF_BUCKETS_PER_WINDOW = 60;

export class Gateway {
  private readonly waf: SlidingWindowRule | undefined;
  private readonly rules: GatewayRules | undefined;
  private readonly wafHeader: string | undefined;
  private readonly plans: UsagePlans | undefined;
  private readonly stage: TokenBucket | undefined;
  private readonly account: TokenBucket | undefined;
  // The limiter that decided the last request, for the optional rate-limit headers.
  private lastBucket: TokenBucket | undefined;
  private lastPolicy = '';
  private lastKey: KeyState | undefined;

  constructor(config: EmulatorConfig, hasGateway: boolean, random: Random, nowMs: number) {
    this.waf = config.waf ? new SlidingWindowRule(wafSettings(config.waf, random)) : undefined;
    this.wafHeader =
      config.waf?.key === 'forwarded-ip' ? config.waf.forwardedIpHeader.toLowerCase() : undefined;
    this.rules = config.gateway.rules.length > 0 ? new GatewayRules(config.gateway.rules) : undefined;
    if (!hasGateway) return;
    const plans = new UsagePlans(config.gateway.usagePlans, config.gateway.requireApiKey, nowMs);
    this.plans = plans.isActive ? plans : undefined;
    this.stage = config.gateway.throttle ? new TokenBucket(config.gateway.throttle, nowMs) : undefined;
    this.account = new TokenBucket(config.gateway.account, nowMs);
  }

  get hasWaf(): boolean {
    return this.waf !== undefined;
  }

  /** The Layer code that rejects the request, or PASSED. */
  admit(req: IncomingMessage, nowMs: number): number {
    this.lastBucket = undefined;
    this.lastKey = undefined;
    if (this.waf) {
      const key = this.wafKeyOf(req);
      if (key !== undefined && this.waf.isBlocked(key, nowMs)) return Layer.waf;
    }
    if (this.rules && !this.rules.admit(req, nowMs)) return Layer.gatewayRule;
    if (this.plans) {
      const verdict = this.admitPlan(req, nowMs);
      if (verdict !== PASSED) return verdict;
    }
    if (this.stage && !this.take(this.stage, 'stage', nowMs)) return Layer.stage;
    if (this.account && !this.take(this.account, 'account', nowMs)) return Layer.account;
    return PASSED;
  }

  /**
   * ms the request just admitted (PASSED) waits before it reaches the function: a leaky-bucket
   * rule holding its excess back (0: at once). The layers after the rules decided at arrival.
   */
  holdMs(): number {
    return this.rules?.lastHoldMs ?? 0;
  }

  /** Retry-After pairs for a gateway rule's refusal (none when the rule sends none). */
  ruleHeaders(): string[] | undefined {
    const sec = this.rules?.lastRetryAfterSec;
    return sec === undefined ? undefined : ['retry-after', String(sec)];
  }

  /**
   * Limit state for the rate-limit headers of the request just admitted or throttled: the quota
   * when it rejected, else the innermost bucket that decided (usage plan, then stage, then account).
   */
  limitState(layer: number, nowMs: number): LimitState | undefined {
    const throttled = layer !== PASSED;
    if (layer === Layer.quota && this.lastKey) return quotaLimitState(this.lastKey, nowMs);
    if (!this.lastBucket) return undefined;
    return bucketLimitState(this.lastPolicy, this.lastBucket, throttled, nowMs);
  }

  private admitPlan(req: IncomingMessage, nowMs: number): number {
    const header = req.headers['x-api-key'];
    const apiKey = Array.isArray(header) ? header[0] : header;
    const verdict = this.plans!.admit(apiKey, nowMs);
    this.lastKey = this.plans!.stateFor(apiKey);
    this.lastBucket = this.lastKey?.bucket;
    this.lastPolicy = 'usage-plan';
    if (verdict === PlanVerdict.forbidden) return Layer.apiKey;
    if (verdict === PlanVerdict.throttled) return Layer.usagePlan;
    if (verdict === PlanVerdict.quotaExceeded) return Layer.quota;
    return PASSED;
  }

  // Records the bucket only if no inner limiter already did, so headers describe the innermost.
  private take(bucket: TokenBucket, policy: string, nowMs: number): boolean {
    if (!this.lastBucket) {
      this.lastBucket = bucket;
      this.lastPolicy = policy;
    }
    const taken = bucket.tryTake(nowMs);
    if (!taken) {
      this.lastBucket = bucket;
      this.lastPolicy = policy;
    }
    return taken;
  }

  // A forwarded IP is the first address of the header; without the header the request is neither
  // counted nor blocked, as WAF does when a key component is missing.
  private wafKeyOf(req: IncomingMessage): string | undefined {
    if (this.wafHeader === undefined) return req.socket.remoteAddress;
    const raw = req.headers[this.wafHeader];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) return undefined;
    const comma = value.indexOf(',');
    const first = (comma === -1 ? value : value.slice(0, comma)).trim();
    return first === '' ? undefined : first;
  }
}

function wafSettings(waf: WafConfig, random: Random) {
  const fixed = waf.detectionDelayMs;
  const maxMs = waf.detectionDelayMaxMs;
  return {
    limit: waf.limit,
    windowMs: waf.windowSec * 1000,
    bucketCount: WAF_BUCKETS_PER_WINDOW,
    maxTrackedKeys: waf.maxTrackedKeys,
    detectionDelayMs: fixed === undefined ? () => random() * maxMs : () => fixed,
  };
}

function quotaLimitState(key: KeyState, nowMs: number): LimitState {
  const resetMs = msUntilQuotaReset(key, nowMs) ?? 0;
  return {
    policy: 'quota',
    limit: key.quotaLimit,
    windowSec: toWholeSeconds(resetMs, false),
    remaining: Math.max(0, key.quotaLimit - key.quotaUsed),
    resetSec: toWholeSeconds(resetMs, true),
  };
}
