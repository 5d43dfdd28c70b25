// The configured limits, as closed-form caps on admitted requests. Where they come from:
// `expect.rateLimit` (the limit that should hold), the emulator target's own settings (WAF rule,
// usage plans, stage and account throttles, account concurrency), and the platform (reserved
// concurrency, function timeout). A real target's account-level defaults (10,000/s API Gateway,
// 1,000 Lambda concurrency) are not configured in the scenario, so they are not counted.

import type { EmulatorConfig } from '../emulator/config.js';
import type { Scenario } from '../model.js';

/** A token-bucket-like cap: at most burst + ratePerSec × t requests in t seconds. */
export interface RateCap {
  name: string;
  ratePerSec: number;
  burst: number;
  /** How many sources the per-source limit was multiplied by (1 for a global limit). */
  sourcesScale: number;
  note: string;
}

export interface QuotaCap {
  name: string;
  /** Requests allowed per period, summed over the keys the attacker can use. */
  requestsPerPeriod: number;
  periodSec: number;
}

export interface ConfiguredLimits {
  /** Caps at the WAF: requests over them are blocked (and still billed by WAF). */
  waf: RateCap[];
  /** Caps at the gateway: requests over them are throttled (billed by nobody). */
  gateway: RateCap[];
  quota: QuotaCap | null;
  /** Most concurrent invocations, null when unlimited. */
  concurrency: number | null;
  concurrencyName: string;
  /** Invocations per second per unit of concurrency (Lambda: 10), null when not modelled. */
  rpsPerConcurrency: number | null;
  functionTimeoutMs: number;
}

/** What a sweep changes; undefined keeps the scenario's value. */
export interface LimitOverrides {
  rateLimitPerSec?: number;
  reservedConcurrency?: number;
  functionTimeoutMs?: number;
}

const PERIOD_SEC = { day: 86_400, week: 604_800, month: 2_592_000 } as const;

/**
 * The limits as an attacker with `sources` distinct sources (IPs, keys) meets them while sending
 * at most `peakRatePerSec`. Per-source limits scale with the sources.
 */
export function configuredLimits(
  scenario: Scenario,
  sources: number,
  peakRatePerSec: number,
  overrides: LimitOverrides = {},
): ConfiguredLimits {
  const emulator = scenario.target.kind === 'emulator' ? scenario.target.emulator : null;
  const gateway = [
    ...expectedCap(scenario, sources),
    ...(emulator ? emulatorGatewayCaps(emulator, sources) : []),
  ];
  if (overrides.rateLimitPerSec !== undefined) applyRateOverride(gateway, overrides.rateLimitPerSec);
  const reserved = overrides.reservedConcurrency ?? scenario.platform.reservedConcurrency;
  const concurrency = reserved ?? emulator?.function.accountConcurrency ?? null;
  return {
    waf: emulator?.waf ? [wafCap(emulator.waf, sources, peakRatePerSec)] : [],
    gateway,
    quota: emulator ? quotaCap(emulator, sources) : null,
    concurrency,
    concurrencyName: reserved !== null ? 'reserved concurrency' : 'emulator account concurrency',
    rpsPerConcurrency: scenario.platform.provider === 'aws-lambda' ? 10 : null,
    functionTimeoutMs: overrides.functionTimeoutMs ?? scenario.platform.functionTimeoutMs,
  };
}

const RATE_LIMIT = 'expect.rateLimit';
const STAGE = 'emulator stage throttle';

function expectedCap(scenario: Scenario, sources: number): RateCap[] {
  const rl = scenario.expect.rateLimit;
  if (!rl) return [];
  const k = rl.scope === 'per-identity' ? sources : 1;
  const note =
    rl.scope === 'per-identity' ? `${rl.ratePerSec}/s per identity × ${sources} sources` : 'global';
  return [{ name: RATE_LIMIT, ratePerSec: rl.ratePerSec * k, burst: rl.burst * k, sourcesScale: k, note }];
}

/** A swept rate limit replaces the limit under test (expect.rateLimit and the stage throttle). */
function applyRateOverride(caps: RateCap[], ratePerSec: number): void {
  const tested = caps.filter((c) => c.name === RATE_LIMIT || c.name === STAGE);
  if (tested.length === 0) {
    caps.push({ name: RATE_LIMIT, ratePerSec, burst: 0, sourcesScale: 1, note: 'swept, global' });
    return;
  }
  for (const cap of tested) cap.ratePerSec = ratePerSec * cap.sourcesScale;
}

function emulatorGatewayCaps(e: EmulatorConfig, sources: number): RateCap[] {
  if (e.profile === 'aws-furl') return [];
  const g = e.gateway;
  const caps: RateCap[] = [];
  if (g.throttle) caps.push({ name: STAGE, ...g.throttle, sourcesScale: 1, note: 'global' });
  caps.push({ name: 'emulator account throttle', ...g.account, sourcesScale: 1, note: 'global' });
  const plans = g.usagePlans;
  if (g.requireApiKey && plans.length > 0 && plans.every((p) => p.ratePerSec !== undefined)) {
    const keys = Math.min(
      sources,
      plans.reduce((n, p) => n + p.keys.length, 0),
    );
    const rate = Math.max(...plans.map((p) => p.ratePerSec ?? 0));
    const burst = Math.max(...plans.map((p) => p.burst ?? 0));
    const note = `${rate}/s per key × ${keys} keys`;
    caps.push({
      name: 'emulator usage plans',
      ratePerSec: rate * keys,
      burst: burst * keys,
      sourcesScale: keys,
      note,
    });
  }
  return caps;
}

function quotaCap(e: EmulatorConfig, sources: number): QuotaCap | null {
  const plans = e.gateway.usagePlans;
  if (e.profile === 'aws-furl' || !e.gateway.requireApiKey || plans.length === 0) return null;
  if (!plans.every((p) => p.quota !== undefined)) return null;
  const keys = Math.min(
    sources,
    plans.reduce((n, p) => n + p.keys.length, 0),
  );
  const limit = Math.max(...plans.map((p) => p.quota?.limit ?? 0));
  const periodSec = Math.min(...plans.map((p) => PERIOD_SEC[p.quota?.period ?? 'month']));
  return { name: 'emulator usage-plan quota', requestsPerPeriod: limit * keys, periodSec };
}

/**
 * A WAF rate rule admits about limit per window per source, plus one window's worth at the start,
 * plus whatever arrives during the detection lag before blocking starts.
 */
function wafCap(w: NonNullable<EmulatorConfig['waf']>, sources: number, peakRatePerSec: number): RateCap {
  const lagSec = (w.detectionDelayMs ?? w.detectionDelayMaxMs) / 1000;
  return {
    name: 'emulator WAF rate rule',
    ratePerSec: (w.limit / w.windowSec) * sources,
    burst: w.limit * sources + peakRatePerSec * lagSec,
    sourcesScale: sources,
    note: `${w.limit} per ${w.windowSec} s per source × ${sources} sources, ${lagSec} s detection lag`,
  };
}

/** Quota over a stretch of `durationSec`: it can touch floor(d / period) + 1 periods. */
export function quotaOver(q: QuotaCap, durationSec: number): number {
  return q.requestsPerPeriod * (Math.floor(durationSec / q.periodSec) + 1);
}

/** Invocations per second the function side allows with `billedSec` per invocation. */
export function functionRatePerSec(l: ConfiguredLimits, billedSec: number): number {
  if (l.concurrency === null) return Number.POSITIVE_INFINITY;
  const littles = billedSec > 0 ? l.concurrency / billedSec : Number.POSITIVE_INFINITY;
  const rps = l.rpsPerConcurrency === null ? Number.POSITIVE_INFINITY : l.rpsPerConcurrency * l.concurrency;
  return Math.min(littles, rps);
}
