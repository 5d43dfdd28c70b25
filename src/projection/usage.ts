// Requests split by layer → a usage file (the same shape `dowdrill price` reads), so every bill in
// the projection goes through the one pricing path, priceUsage.

import { priceUsage } from '../cost/price.js';
import { pricesSchema, type ServiceUsageInput, type UsageFileInput } from '../cost/usage-schema.js';
import { InvalidInputError } from '../errors.js';
import type { Bill, Scenario } from '../model.js';
import type { Problem } from '../scenario/problems.js';
import { type DownstreamOptions, downstreamEntries } from './downstream/entries.js';
import { hasWaf, type LayerCounts, wholeCounts } from './layers.js';

/** What to price: requests by layer over some period, and how long each invocation bills. */
export interface UsageVolumes {
  counts: LayerCounts;
  /** Billed ms per invocation, before the provider's rounding. */
  billedMsPerInvocation: number;
  /** Cold starts billed on top of billedMsPerInvocation (a count, ≤ invoked). */
  coldStarts: number;
  /** INIT ms per cold start. */
  initMs: number;
}

export interface UsageOptions {
  /** Subtract the providers' free tiers and plan-included amounts. */
  freeTier: boolean;
  /** Bill fixed monthly fees (web ACLs, rules, the Workers subscription): only for a month or more. */
  monthlyFees: boolean;
  /** Memory in MB instead of platform.memoryMb (sweeps). */
  memoryMb?: number;
  /** Which figures platform.downstream is priced at (default: projected, no cap, nothing measured). */
  downstream?: DownstreamOptions;
}

const BYTES_PER_GB = 1024 ** 3;

export function buildUsage(scenario: Scenario, v: UsageVolumes, o: UsageOptions): UsageFileInput {
  const counts = wholeCounts(v.counts);
  const whole = { ...v, counts, coldStarts: Math.min(Math.round(v.coldStarts), counts.invoked) };
  const services = [
    ...servicesFor(scenario, whole, o),
    ...downstreamEntries(scenario, counts.invoked, o.downstream),
  ];
  return { freeTier: o.freeTier, services, prices: pricesFor(scenario, o) };
}

export function priceVolumes(scenario: Scenario, v: UsageVolumes, o: UsageOptions): Bill {
  return priceUsage(buildUsage(scenario, v, o));
}

function servicesFor(scenario: Scenario, v: UsageVolumes, o: UsageOptions): ServiceUsageInput[] {
  const p = scenario.platform;
  const mb = o.memoryMb ?? p.memoryMb;
  const base = { requests: v.counts.invoked, durationMs: v.billedMsPerInvocation };
  switch (p.provider) {
    case 'aws-lambda':
      return awsServices(scenario, v, o, mb);
    case 'azure-functions-consumption':
      return [{ service: 'azure-functions-consumption', ...base, memoryMb: Math.min(mb, 1536) }];
    case 'azure-functions-flex':
      return [{ service: 'azure-functions-flex', ...base, memoryMb: sizeAtLeast(mb, FLEX_MB) }];
    case 'gcp-cloud-run-functions':
      return [{ service: 'gcp-cloud-run', ...base, memoryMb: Math.round(mb), vcpus: p.vcpu }];
    case 'gcp-cloud-functions-gen1': {
      const dataOutGb = (base.requests * p.responseBytes) / BYTES_PER_GB;
      return [
        { service: 'gcp-cloud-functions-gen1', ...base, memoryMb: sizeAtLeast(mb, GEN1_MB), dataOutGb },
      ];
    }
    case 'cloudflare-workers':
      return [{ service: 'cloudflare-workers', requests: base.requests, cpuMs: p.cpuMsPerRequest }];
  }
}

const FLEX_MB = [512, 2048, 4096];
const GEN1_MB = [128, 256, 512, 1024, 2048, 4096, 8192];

/** WAF (when attached) → REST or HTTP API (unless a function URL) → Lambda → data transfer out. */
function awsServices(
  scenario: Scenario,
  v: UsageVolumes,
  o: UsageOptions,
  memoryMb: number,
): ServiceUsageInput[] {
  const p = scenario.platform;
  const c = v.counts;
  const out: ServiceUsageInput[] = [...wafEntry(scenario, c, o), ...gatewayEntry(scenario, c)];
  out.push({
    service: 'aws-lambda',
    requests: c.invoked,
    durationMs: v.billedMsPerInvocation,
    memoryMb: clamp(Math.round(memoryMb), 128, 10_240),
    architecture: p.architecture,
    ephemeralStorageMb: p.ephemeralStorageMb,
    coldStarts: Math.min(v.coldStarts, c.invoked),
    initDurationMs: Math.min(v.initMs, 10_000),
    functionUrl: p.gateway === 'function-url',
  });
  out.push({ service: 'aws-data-transfer', dataOutGb: (c.invoked * p.responseBytes) / BYTES_PER_GB });
  return out;
}

/** WAF bills every request it inspects, blocked ones included; the web ACL and rules monthly. */
function wafEntry(scenario: Scenario, c: LayerCounts, o: UsageOptions): ServiceUsageInput[] {
  if (!hasWaf(scenario)) return [];
  const waf = scenario.platform.waf;
  const configured = waf.enabled;
  return [
    {
      service: 'aws-waf',
      webAcls: o.monthlyFees ? (configured ? waf.webAcls : 1) : 0,
      rules: o.monthlyFees ? (configured ? waf.rules : 1) : 0,
      requests: c.received,
      ...(configured && waf.wcu > 0 ? { wcu: Math.min(waf.wcu, 5000) } : {}),
    },
  ];
}

/** The gateway receives everything WAF let through; it does not bill throttled or unauthorised ones. */
function gatewayEntry(scenario: Scenario, c: LayerCounts): ServiceUsageInput[] {
  const p = scenario.platform;
  const notBilled = { throttledRequests: c.gatewayThrottled, unauthorizedRequests: c.unauthorized };
  if (p.gateway === 'api-gateway-rest') {
    return [
      {
        service: 'aws-api-gateway-rest',
        requests: c.received,
        ...notBilled,
        wafBlockedRequests: c.wafBlocked,
      },
    ];
  }
  if (p.gateway === 'api-gateway-http') {
    const requests = c.received - c.wafBlocked;
    return [{ service: 'aws-api-gateway-http', requests, ...notBilled, payloadKb: p.responseBytes / 1024 }];
  }
  return [];
}

/**
 * The scenario's price overrides, plus: without the monthly fees, no Workers subscription; without
 * the free tier, no Workers plan-included requests and CPU-ms either (other traffic uses them).
 */
function pricesFor(scenario: Scenario, o: UsageOptions): UsageFileInput['prices'] {
  const prices: Record<string, Record<string, number>> = {};
  for (const [id, overrides] of Object.entries(scenario.platform.priceOverrides))
    prices[id] = { ...overrides };
  if (scenario.platform.provider === 'cloudflare-workers') {
    const workers = { ...prices['cloudflare-workers'] };
    if (!o.monthlyFees) workers.subscriptionMonthUsd = 0;
    if (!o.freeTier) Object.assign(workers, { includedRequests: 0, includedCpuMs: 0 });
    prices['cloudflare-workers'] = workers;
  }
  return prices as UsageFileInput['prices'];
}

function sizeAtLeast(mb: number, sizes: readonly number[]): number {
  return sizes.find((s) => s >= mb) ?? sizes[sizes.length - 1] ?? mb;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Problems with `platform.prices` (unknown service ids or keys), as scenario problems. */
export function priceOverrideProblems(scenario: Scenario): Problem[] {
  const result = pricesSchema.safeParse(scenario.platform.priceOverrides);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    severity: 'error',
    rule: 'prices-known',
    path: ['platform', 'prices', ...issue.path.filter((k): k is string | number => typeof k !== 'symbol')],
    message: issue.message,
    fix: 'use the service ids and price keys that `dowdrill price --list` shows',
  }));
}

/** Throws InvalidInputError (exit 2) when the scenario overrides an unknown price. */
export function assertPriceOverrides(scenario: Scenario): void {
  const problems = priceOverrideProblems(scenario);
  if (problems.length > 0) throw new InvalidInputError(problems);
}
