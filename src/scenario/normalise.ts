// Stage 2 of validation: the written scenario (sugar, defaults) → the one canonical form code
// uses (model.ts Scenario). Pure: the environment comes in as a parameter.

import type { EmulatorConfig } from '../emulator/config.js';
import { emulatorConfigSchema } from '../emulator/config.js';
import type {
  GatewayId,
  Identities,
  IdentityField,
  IdentityKind,
  Platform,
  RequestTemplate,
  Scenario,
} from '../model.js';
import { phasesToSegments } from '../plan/phases.js';
import { platformOf } from '../projection/platforms/index.js';
import { credentialHeaderSecrets } from '../redact.js';
import { normaliseDownstream } from './normalise-downstream.js';
import { normaliseRateLimits } from './normalise-limits.js';
import type { ScenarioWritten } from './scenario-schema.js';
import { formatDurationMs } from './units.js';

type Env = Readonly<Record<string, string | undefined>>;

export function normaliseScenario(w: ScenarioWritten, env: Env, secrets: readonly string[] = []): Scenario {
  const target = normaliseTarget(w);
  const emulator = target.kind === 'emulator' ? target.emulator : null;
  const identities = w.traffic?.identities ? normaliseIdentities(w.traffic.identities, env) : null;
  // Generated identities follow a public pattern (dowdrill-key-000042): not secrets, and 100,000
  // of them would make every redaction slow. Listed and environment values are secrets.
  const identitySecrets =
    identities?.fields.filter((f) => f.secret && !isGenerated(w, f.kind)).flatMap((f) => f.values) ?? [];
  const requests = (w.traffic?.requests ?? []).map(normaliseRequest);
  // Literal credentials written in the file (authorization, x-api-key, cookie…) are secrets too.
  const headerSecrets = requests.flatMap((r) =>
    Object.entries(r.headers).flatMap(([k, v]) => credentialHeaderSecrets(k, v)),
  );
  const rateLimits = normaliseRateLimits(w.expect, identities);
  return {
    name: w.name,
    description: w.description,
    target,
    phases: w.traffic ? phasesToSegments(w.traffic.phases) : [],
    requests,
    identities,
    requestTimeoutMs: w.traffic?.requestTimeout ?? 10_000,
    maxConnections: w.traffic?.maxConnections ?? 2000,
    engine: w.traffic?.engine ?? 'open-loop',
    seed: w.traffic?.seed ?? 1,
    platform: normalisePlatform(w, emulator),
    expect: {
      rateLimit: rateLimits[0] ?? null,
      rateLimits,
      timeout: w.expect.timeout
        ? {
            timeoutMs: w.expect.timeout.after,
            statuses: w.expect.timeout.status,
            slackMs: w.expect.timeout.slack,
          }
        : null,
      concurrency: w.expect.concurrency ?? null,
      budget: w.expect.budget
        ? {
            hourUsd: w.expect.budget.perHour ?? null,
            dayUsd: w.expect.budget.perDay ?? null,
            monthUsd: w.expect.budget.perMonth ?? null,
          }
        : null,
      driverTolerance: w.expect.driverTolerance,
    },
    projection: {
      attackRatePerSec: w.projection.attackRate ?? null,
      sources: w.projection.sources,
      horizons: w.projection.horizons.map((ms) => ({ name: formatDurationMs(ms), durationMs: ms })),
      freeTier: w.projection.freeTier,
    },
    safety: {
      maxRequests: w.safety.maxRequests,
      maxDurationMs: w.safety.maxDuration,
      maxDrillSpendUsd: w.safety.maxDrillSpendUsd,
    },
    secrets: [...new Set([...secrets, ...identitySecrets, ...headerSecrets])].filter((s) => s.length > 0),
  };
}

function normaliseTarget(w: ScenarioWritten): Scenario['target'] {
  if (w.target.url) return { kind: 'url', url: w.target.url, allowedHosts: w.target.allowedHosts ?? [] };
  return {
    kind: 'emulator',
    emulator: w.target.emulator ?? emulatorConfigSchema.parse({}),
    reportLogFile: w.target.reportLog ?? null,
    written: w.target.emulator !== undefined,
  };
}

// Phases → segments lives in plan/ (the one place that flattens and regroups phases).
export { phasesToSegments };

function normaliseRequest(r: NonNullable<ScenarioWritten['traffic']>['requests'][number]): RequestTemplate {
  const body = r.body === undefined ? null : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  const headers = { ...r.headers };
  if (body !== null && typeof r.body !== 'string' && !hasHeader(headers, 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  return {
    name: r.name ?? `${r.method} ${r.path}`,
    weight: r.weight,
    method: r.method,
    path: r.path,
    query: r.query,
    headers,
    body,
  };
}

function hasHeader(h: Record<string, string>, name: string): boolean {
  return Object.keys(h).some((k) => k.toLowerCase() === name);
}

type WrittenIdentities = NonNullable<NonNullable<ScenarioWritten['traffic']>['identities']>;
type WrittenSource = NonNullable<WrittenIdentities['apiKey']>;

const SOURCES: {
  key: 'apiKey' | 'bearerToken' | 'forwardedFor' | 'userAgent';
  kind: IdentityKind;
  prefix: string;
  secret: boolean;
}[] = [
  { key: 'apiKey', kind: 'api-key', prefix: '', secret: true },
  { key: 'bearerToken', kind: 'bearer', prefix: 'Bearer ', secret: true },
  { key: 'forwardedFor', kind: 'forwarded-for', prefix: '', secret: false },
  { key: 'userAgent', kind: 'user-agent', prefix: '', secret: false },
];

function isGenerated(w: ScenarioWritten, kind: IdentityKind): boolean {
  const key = SOURCES.find((s) => s.kind === kind)?.key;
  const src = key ? w.traffic?.identities?.[key] : undefined;
  return src !== undefined && !src.values && !src.fromEnv;
}

function normaliseIdentities(w: WrittenIdentities, env: Env): Identities {
  const fields: IdentityField[] = [];
  for (const s of SOURCES) {
    const src = w[s.key];
    if (!src) continue;
    fields.push({
      kind: s.kind,
      header: src.header.toLowerCase(),
      prefix: s.prefix,
      values: identityValues(src, s.kind, w.count, env),
      secret: s.secret,
    });
  }
  return { count: w.count, rotation: w.rotation, hotKeyShare: w.hotKeyShare, fields };
}

function identityValues(src: WrittenSource, kind: IdentityKind, count: number, env: Env): string[] {
  // Explicit values win; then the environment (empty if unset: a rule reports it); else generated.
  if (src.values) return src.values;
  if (src.fromEnv) return splitList((Object.hasOwn(env, src.fromEnv) ? env[src.fromEnv] : undefined) ?? '');
  return Array.from({ length: count }, (_, i) => generatedIdentity(kind, i));
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Generated identities are deterministic. Forwarded addresses come from 198.18.0.0/15, the range
 * reserved for benchmarking (RFC 2544), so they can never be a real client.
 */
export function generatedIdentity(kind: IdentityKind, i: number): string {
  switch (kind) {
    case 'forwarded-for':
      return `198.${18 + ((i >> 16) & 1)}.${(i >> 8) & 255}.${i & 255}`;
    case 'user-agent':
      return `dowdrill-drill/${i}`;
    case 'bearer':
      return `dowdrill-token-${i.toString().padStart(6, '0')}`;
    default:
      return `dowdrill-key-${i.toString().padStart(6, '0')}`;
  }
}

const GATEWAY_BY_PROFILE: Record<string, GatewayId> = {
  'aws-rest': 'api-gateway-rest',
  'aws-http': 'api-gateway-http',
  'aws-furl': 'function-url',
};

function normalisePlatform(w: ScenarioWritten, emulator: EmulatorConfig | null): Platform {
  const p = w.platform;
  // The function settings of an emulator the scenario wrote; an unwritten one's are no one's choice.
  const fn = w.target.emulator ? emulator?.function : undefined;
  const defaultGateway: GatewayId =
    p.provider === 'aws-lambda'
      ? (GATEWAY_BY_PROFILE[emulator?.profile ?? ''] ?? 'api-gateway-rest')
      : 'none';
  const billed = p.billedDuration;
  return {
    provider: p.provider,
    gateway: p.gateway ?? defaultGateway,
    region: p.region ?? platformOf(p.provider).defaultRegion,
    memoryMb: p.memoryMb ?? fn?.memoryMb ?? 128,
    architecture: p.architecture,
    functionTimeoutMs: p.timeout ?? fn?.timeoutMs ?? platformOf(p.provider).defaultTimeout.ms,
    reservedConcurrency: p.reservedConcurrency ?? fn?.reservedConcurrency ?? null,
    ephemeralStorageMb: p.ephemeralStorageMb,
    vcpu: p.vcpu,
    cpuMsPerRequest: p.cpuMsPerRequest,
    responseBytes: p.responseBytes,
    waf: p.waf ?? { enabled: false, webAcls: 0, rules: 0, wcu: 0 },
    billedDuration: !billed
      ? emulator
        ? { source: 'header', header: 'x-emu-billed-duration-ms', fallbackMs: 100 }
        : { source: 'latency' }
      : billed.source === 'fixed'
        ? { source: 'fixed', durationMs: billed.duration }
        : billed.source === 'header'
          ? { source: 'header', header: billed.header.toLowerCase(), fallbackMs: billed.fallback }
          : { source: 'latency' },
    coldStart: p.coldStart
      ? { share: p.coldStart.share, initMs: p.coldStart.init, initBilled: p.coldStart.initBilled }
      : { share: 0, initMs: 0, initBilled: true },
    priceOverrides: p.prices,
    ...(p.downstream?.length
      ? {
          downstream: normaliseDownstream(
            p.downstream,
            p.provider,
            (w.traffic?.requests ?? []).map(normaliseRequest),
          ),
        }
      : {}),
    defaulted: [
      ...(p.timeout === undefined && fn === undefined ? (['functionTimeoutMs'] as const) : []),
      ...(p.memoryMb === undefined && fn === undefined ? (['memoryMb'] as const) : []),
    ],
  };
}
