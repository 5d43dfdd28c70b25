// The neutral "stack" model every infrastructure reader produces (CloudFormation/SAM/CDK,
// Terraform plan JSON, serverless.yml) and the scenario writer and `cost --from` read. Each value
// carries the file and line it came from, so a generated scenario can say where every limit was
// configured; what a reader could not resolve (a parameter without default, an import, an
// attribute of another stack) is listed in `unresolved`, never guessed.

/** Where a value was written. `line` is 1-based; 0 when the format gives no position. */
export interface Source {
  file: string;
  line: number;
  /** Where inside the file when a line says little (one-line JSON): `aws_lambda_function.a.timeout`. */
  where?: string;
}

/** A value and where it was written. */
export interface Located<T> {
  value: T;
  at: Source;
}

export type StackFormat = 'cloudformation' | 'terraform-plan' | 'terraform-hcl' | 'serverless';

export type GatewayKind = 'api-gateway-rest' | 'api-gateway-http' | 'function-url';

/** A token bucket: requests per second and the burst admitted back to back. */
export interface Throttle {
  ratePerSec: number;
  burst: number;
}

export interface Quota {
  limit: number;
  period: 'day' | 'week' | 'month';
}

export interface FunctionSpec {
  /** Logical name (CloudFormation logical id, Terraform address, serverless function key). */
  name: string;
  memoryMb: Located<number> | null;
  timeoutMs: Located<number> | null;
  architecture: Located<'x86_64' | 'arm64'> | null;
  reservedConcurrency: Located<number> | null;
}

export interface UsagePlanSpec {
  name: string;
  throttle: Located<Throttle> | null;
  quota: Located<Quota> | null;
  /** API keys attached to the plan (their values are never in the template). */
  keyCount: number;
}

export interface WafRuleSpec {
  name: string;
  /** Requests per aggregation key per window above which the rule blocks. */
  limit: Located<number>;
  /** Evaluation window in seconds (60, 120, 300 or 600; 300 when not written). */
  windowSec: Located<number>;
  /** What the rule counts by: IP, FORWARDED_IP, CONSTANT, CUSTOM_KEYS. */
  aggregateKey: Located<string>;
}

export interface EndpointSpec {
  /** A stable id for file names and tables, e.g. `get-orders`. */
  id: string;
  method: string;
  path: string;
  /** Where the route was declared. */
  at: Source;
  gateway: GatewayKind;
  /** The API the route belongs to (logical name), or null for a function URL. */
  api: string | null;
  function: FunctionSpec;
  /** The stage or method throttle that applies to this route (the tightest when several do). */
  throttle: Located<Throttle> | null;
  /** Whether a request needs an API key (REST APIs). */
  apiKeyRequired: boolean;
  usagePlans: UsagePlanSpec[];
  waf: WafRuleSpec[];
}

export interface Unresolved {
  at: Source;
  /** What could not be resolved, e.g. `Parameter MemoryParam has no Default`. */
  what: string;
  /** Which setting it left unknown, e.g. `OrdersFunction MemorySize`. */
  affects: string;
}

export interface Stack {
  file: string;
  format: StackFormat;
  endpoints: EndpointSpec[];
  unresolved: Unresolved[];
}

/** `GET /orders/{id}` → `get-orders-id`. */
export function endpointId(method: string, path: string): string {
  const slug = `${method} ${path}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'root';
}

/** Ids made unique in order: a second `get-orders` becomes `get-orders-2`. */
export function uniqueIds<T extends { id: string }>(items: T[]): T[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const n = (seen.get(item.id) ?? 0) + 1;
    seen.set(item.id, n);
    return n === 1 ? item : { ...item, id: `${item.id}-${n}` };
  });
}

/** The tighter of two throttles (lower rate; ties broken by the lower burst). */
export function tighter(a: Located<Throttle> | null, b: Located<Throttle> | null): Located<Throttle> | null {
  if (!a) return b;
  if (!b) return a;
  if (b.value.ratePerSec < a.value.ratePerSec) return b;
  if (b.value.ratePerSec === a.value.ratePerSec && b.value.burst < a.value.burst) return b;
  return a;
}
