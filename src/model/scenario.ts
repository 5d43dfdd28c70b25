// The normalised scenario: what code uses after parse → normalise (scenario/normalise.ts); what
// users write lives in scenario/schema.ts.
// Every numeric field carries its unit in its name (STYLE rule 6): `Ms` milliseconds, `Sec` seconds,
// `PerSec` per second, `Usd` US dollars, `Mb` megabytes.

import type { EmulatorConfig } from '../emulator/config.js';
import type { DownstreamItem } from '../model-downstream.js';
import type { LimitParams, LimitScope } from '../model-limits.js';
import type { PhaseKind } from '../plan/phase-kinds/index.js';
import type { ProviderId } from '../projection/platforms/index.js';

export type { EmulatorConfig };

export type Target =
  | { kind: 'url'; url: string; allowedHosts: string[] }
  | {
      kind: 'emulator';
      emulator: EmulatorConfig;
      reportLogFile: string | null;
      /** False when the scenario wrote no `target` and got the emulator's defaults (undefined: written). */
      written?: boolean;
    };

/** The kinds of traffic phase: the keys of the registry in plan/phase-kinds/. */
export type { PhaseKind };

/** How identities take turns (traffic.identities.rotation). */
export const ROTATIONS = ['round-robin', 'random', 'hot-key'] as const;

/** Driver engines (traffic.engine). */
export const ENGINES = ['open-loop', 'autocannon'] as const;
export type EngineId = (typeof ENGINES)[number];

/** CPU architectures (platform.architecture). */
export const ARCHITECTURES = ['x86_64', 'arm64'] as const;

/** One linear piece of the arrival-rate profile. A constant phase has from === to. */
export interface RateSegment {
  phaseIndex: number;
  phaseName: string;
  kind: PhaseKind;
  /** Offset of the segment from the start of the drill. */
  startMs: number;
  durationMs: number;
  fromRatePerSec: number;
  toRatePerSec: number;
}

export interface RequestTemplate {
  name: string;
  /** Relative weight in the mix (any positive number; normalised by the plan). */
  weight: number;
  method: string;
  /** Path with `{{...}}` template variables; see plan/template.ts for the list. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string | null;
}

export type IdentityKind = 'api-key' | 'bearer' | 'forwarded-for' | 'user-agent' | 'header';

/** One dimension of an identity (e.g. its API key). `values[i]` belongs to identity i. */
export interface IdentityField {
  kind: IdentityKind;
  /** Header the value goes in (`x-api-key`, `authorization`, `x-forwarded-for`, `user-agent`, …). */
  header: string;
  /** Prefix written before the value, e.g. `Bearer `. */
  prefix: string;
  values: string[];
  /** True when the values are credentials: they are redacted in every output. */
  secret: boolean;
}

export interface Identities {
  count: number;
  rotation: (typeof ROTATIONS)[number];
  /** For `hot-key`: the share of requests that use identity 0 (0..1); the rest rotate. */
  hotKeyShare: number;
  fields: IdentityField[];
}

/** The platforms the cost model knows: the keys of the registry in projection/platforms/. */
export type { ProviderId };

/** The gateways in front of a function; the schema's `platform.gateway` enum is this list. */
export const GATEWAYS = ['api-gateway-rest', 'api-gateway-http', 'function-url', 'none'] as const;
export type GatewayId = (typeof GATEWAYS)[number];

export interface Platform {
  provider: ProviderId;
  gateway: GatewayId;
  region: string;
  memoryMb: number;
  architecture: (typeof ARCHITECTURES)[number];
  functionTimeoutMs: number;
  reservedConcurrency: number | null;
  ephemeralStorageMb: number;
  /** Cloud Run: vCPUs per instance. */
  vcpu: number;
  /** Cloudflare Workers bill CPU time only: the CPU ms per request. */
  cpuMsPerRequest: number;
  /** Average response size, for data transfer and HTTP API 512 KB metering. */
  responseBytes: number;
  waf: { enabled: boolean; webAcls: number; rules: number; wcu: number };
  /** How the billed duration of one invocation is known. */
  billedDuration:
    | { source: 'fixed'; durationMs: number }
    | { source: 'latency' }
    | { source: 'header'; header: string; fallbackMs: number };
  /** Cold starts: the share of invocations that start cold, and the init duration each costs. */
  coldStart: { share: number; initMs: number; initBilled: boolean };
  /** Per-service price overrides, keyed by service id then by rate key (see cost/pricing). */
  priceOverrides: Record<string, Record<string, number>>;
  /** Settings the scenario did not write (filled with the provider's default); undefined: none. */
  defaulted?: readonly PlatformDefaultKey[];
  /** What one accepted request also consumes behind the function (issue 15); undefined: nothing. */
  downstream?: DownstreamItem[];
}

export type PlatformDefaultKey = 'functionTimeoutMs' | 'memoryMb';

export interface RateLimitExpectation {
  ratePerSec: number;
  burst: number;
  scope: 'global' | 'per-identity';
  /** Statuses a rejection may carry (default [429]). */
  rejectStatuses: number[];
  /** Accepted rate may exceed the limit by this fraction before the verdict fails (0.1 = 10 %). */
  tolerance: number;
  expectRetryAfter: boolean;
  /**
   * The model stated in `expect.rateLimits` (absent: a token bucket of ratePerSec / burst). With
   * it, ratePerSec and burst are the model's token-bucket envelope (long-run rate, most at once).
   */
  limit?: LimitParams;
  /** The scope as written; `scope` above is how the drill can judge it (see LimitScope). */
  writtenScope?: LimitScope;
  /** per-header scope: the header whose values key the limit. */
  header?: string;
}

export interface Expectations {
  rateLimit: RateLimitExpectation | null;
  /** Every stated limit (`expect.rateLimits`, else `[rateLimit]`); rateLimit is the first. */
  rateLimits?: RateLimitExpectation[];
  timeout: { timeoutMs: number; statuses: number[]; slackMs: number } | null;
  concurrency: { max: number; tolerance: number } | null;
  budget: { hourUsd: number | null; dayUsd: number | null; monthUsd: number | null } | null;
  /** The driver kept up if every full second's achieved rate is within this fraction of the plan. */
  driverTolerance: number;
}

export interface Horizon {
  name: string;
  durationMs: number;
}

export interface ProjectionSpec {
  /** The attack to price. null means "the drill's peak planned rate". */
  attackRatePerSec: number | null;
  /** Distinct sources (IPs / keys) the attacker spreads over: per-source limits scale with it. */
  sources: number;
  horizons: Horizon[];
  freeTier: boolean;
}

export interface Safety {
  maxRequests: number;
  maxDurationMs: number;
  maxDrillSpendUsd: number;
}

export interface Scenario {
  name: string;
  description: string;
  target: Target;
  phases: RateSegment[];
  requests: RequestTemplate[];
  identities: Identities | null;
  /** Client-side timeout per request. */
  requestTimeoutMs: number;
  /** Upper bound on open connections the driver may use. */
  maxConnections: number;
  /**
   * `open-loop`: the driver's own pacer holds the planned arrival rate smoothly whatever the target's
   * latency. `autocannon`: autocannon's closed loop, one instance per second-slice of the plan (exact
   * per-second counts, pulsed inside each second; a slow target lowers the rate, which the driver
   * verdict then reports).
   */
  engine: EngineId;
  /** traffic.seed: the request mix, random ids and identities are drawn from it (repeatable drills). */
  seed: number;
  platform: Platform;
  expect: Expectations;
  projection: ProjectionSpec;
  safety: Safety;
  /** Values that must never be printed (from `${env:...}` and credential headers). */
  secrets: string[];
}
