// The configured limits, as closed-form caps on admitted requests. Where they come from:
// `expect.rateLimit` (the limit that should hold), the emulator target's own settings (WAF rule,
// usage plans, stage and account throttles, account concurrency) where the platform has that layer,
// and the platform (reserved concurrency, function timeout). Every cap says where it comes from.
// The providers' account defaults (10,000/s API Gateway, 1,000 Lambda concurrency) are soft quotas
// the owner may have raised: they are listed (provider-defaults.ts), never applied; an emulator
// account throttle or concurrency left at that default is the same default, not a configured limit.

import type { EmulatorConfig } from '../emulator/config.js';
import type { Scenario } from '../model.js';
import { hasGateway, hasWaf } from './layers.js';
import { platformOf } from './platforms/index.js';
import {
  AWS_ACCOUNT_CONCURRENCY,
  AWS_ACCOUNT_THROTTLE,
  type ProviderDefault,
  providerDefaults,
} from './provider-defaults.js';

export type LimitProvenance = 'configured' | 'provider-default' | 'assumed';

/** A token-bucket-like cap: at most burst + ratePerSec × t requests in t seconds. */
export interface RateCap {
  name: string;
  ratePerSec: number;
  burst: number;
  /** How many sources the per-source limit was multiplied by (1 for a global limit). */
  sourcesScale: number;
  note: string;
  provenance: LimitProvenance;
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
  /** Where the function timeout comes from, and the page of a provider default. */
  functionTimeout: { provenance: LimitProvenance; source: string | null };
  /** The provider's account defaults for this platform: listed, not applied (soft quotas). */
  notApplied: ProviderDefault[];
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
  const p = scenario.platform;
  const platform = platformOf(p.provider);
  const aws = platform.awsEdge;
  const emulator = scenario.target.kind === 'emulator' ? scenario.target.emulator : null;
  // The emulator's gateway limits exist on the real platform only when it has that gateway.
  const gatewayEmulator = emulator && aws && hasGateway(p) ? emulator : null;
  const gateway = [
    ...expectedCap(scenario, sources),
    ...(gatewayEmulator ? emulatorGatewayCaps(gatewayEmulator, sources, p.gateway) : []),
  ];
  if (overrides.rateLimitPerSec !== undefined) applyRateOverride(gateway, overrides.rateLimitPerSec);
  const reserved = overrides.reservedConcurrency ?? p.reservedConcurrency;
  const account = emulator && aws ? emulator.function.accountConcurrency : null;
  const accountConfigured = account !== null && account !== AWS_ACCOUNT_CONCURRENCY ? account : null;
  const concurrency = reserved ?? accountConfigured;
  const timeoutDefaulted =
    overrides.functionTimeoutMs === undefined && isDefaulted(scenario, 'functionTimeoutMs');
  return {
    waf: emulator?.waf && hasWaf(scenario) ? [wafCap(emulator.waf, sources, peakRatePerSec)] : [],
    gateway,
    quota: gatewayEmulator && p.gateway === 'api-gateway-rest' ? quotaCap(gatewayEmulator, sources) : null,
    concurrency,
    concurrencyName: reserved !== null ? 'reserved concurrency' : 'emulator account concurrency',
    rpsPerConcurrency: platform.rpsPerConcurrency,
    functionTimeoutMs: overrides.functionTimeoutMs ?? p.functionTimeoutMs,
    functionTimeout: timeoutDefaulted
      ? { provenance: 'provider-default', source: platform.defaultTimeout.source }
      : { provenance: 'configured', source: null },
    notApplied: providerDefaults(p).filter((d) => !overridden(d, gateway, accountConfigured)),
  };
}

function isDefaulted(scenario: Scenario, key: 'functionTimeoutMs' | 'memoryMb'): boolean {
  return scenario.platform.defaulted?.includes(key) ?? false;
}

/** A provider default the scenario configured another value for is not listed as a default. */
function overridden(d: ProviderDefault, gateway: readonly RateCap[], account: number | null): boolean {
  if (d.name === 'API Gateway account throttle') return gateway.some((c) => c.name === ACCOUNT);
  if (d.name === 'Lambda account concurrency') return account !== null;
  return false;
}

const RATE_LIMIT = 'expect.rateLimit';
const STAGE = 'emulator stage throttle';
const ACCOUNT = 'emulator account throttle';

function expectedCap(scenario: Scenario, sources: number): RateCap[] {
  const rl = scenario.expect.rateLimit;
  if (!rl) return [];
  const k = rl.scope === 'per-identity' ? sources : 1;
  const note =
    rl.scope === 'per-identity' ? `${rl.ratePerSec}/s per identity × ${sources} sources` : 'global';
  return [
    {
      name: RATE_LIMIT,
      ratePerSec: rl.ratePerSec * k,
      burst: rl.burst * k,
      sourcesScale: k,
      note,
      provenance: 'configured',
    },
  ];
}

/** A swept rate limit replaces the limit under test (expect.rateLimit and the stage throttle). */
function applyRateOverride(caps: RateCap[], ratePerSec: number): void {
  const tested = caps.filter((c) => c.name === RATE_LIMIT || c.name === STAGE);
  if (tested.length === 0) {
    caps.push({
      name: RATE_LIMIT,
      ratePerSec,
      burst: 0,
      sourcesScale: 1,
      note: 'swept, global',
      provenance: 'configured',
    });
    return;
  }
  for (const cap of tested) cap.ratePerSec = ratePerSec * cap.sourcesScale;
}

function emulatorGatewayCaps(e: EmulatorConfig, sources: number, gatewayId: string): RateCap[] {
  if (e.profile === 'aws-furl') return [];
  const g = e.gateway;
  const caps: RateCap[] = [];
  const configured = { sourcesScale: 1, note: 'global', provenance: 'configured' } as const;
  if (g.throttle) caps.push({ name: STAGE, ...g.throttle, ...configured });
  const atDefault =
    g.account.ratePerSec === AWS_ACCOUNT_THROTTLE.ratePerSec &&
    g.account.burst === AWS_ACCOUNT_THROTTLE.burst;
  if (!atDefault) caps.push({ name: ACCOUNT, ...g.account, ...configured });
  const plans = g.usagePlans;
  const rest = gatewayId === 'api-gateway-rest';
  if (rest && g.requireApiKey && plans.length > 0 && plans.every((p) => p.ratePerSec !== undefined)) {
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
      provenance: 'configured',
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
    provenance: 'configured',
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
