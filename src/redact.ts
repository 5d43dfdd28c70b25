// Secrets never reach an output: every string that leaves the process goes through a redactor
// built from the scenario's secrets (values from ${env:...}, API keys, tokens). Credential headers
// (authorization, x-api-key, cookie) are masked by name wherever headers are printed.

export const REDACTED = '[REDACTED]';

export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'cookie',
  'set-cookie',
  'x-amz-security-token',
]);

export type Redactor = (text: string) => string;

/** Replace every occurrence of every secret (longest first, so one secret inside another is covered). */
export function createRedactor(secrets: readonly string[]): Redactor {
  const list = [...new Set(secrets.filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (t) => t;
  const re = new RegExp(list.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(re, REDACTED);
}

export function redactHeaders(headers: Record<string, string>, redact: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    out[k] = CREDENTIAL_HEADERS.has(k.toLowerCase()) ? REDACTED : redact(v);
  return out;
}

/** Deep-redact every string in a JSON-like value. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redact(k)] = redactDeep(v, redact);
    return out as T;
  }
  return value;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
