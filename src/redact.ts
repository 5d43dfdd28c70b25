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

const MIN_COOKIE_SECRET_CHARS = 8;

/**
 * Replace every occurrence of every secret (longest first, so one secret inside another is covered),
 * also in its JSON-escaped form: a secret with a quote or a backslash in it, quoted into a message
 * with JSON.stringify, is still masked.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const forms = secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  const list = [...new Set(forms.filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (t) => t;
  const re = new RegExp(list.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(re, REDACTED);
}

/**
 * The secrets in a credential header's literal value: the whole value, the credentials after an
 * Authorization scheme (`Bearer abc` → `abc`) and each cookie value of 8 characters or more
 * (`sid=0f3a9c1e77; theme=dark` → `0f3a9c1e77`: a session id, not a preference).
 * Any other header gives none.
 */
export function credentialHeaderSecrets(name: string, value: string): string[] {
  const header = name.toLowerCase();
  if (!CREDENTIAL_HEADERS.has(header)) return [];
  const out = [value];
  if (header.endsWith('authorization')) out.push(value.replace(/^\s*\S+\s+/, ''));
  if (header.endsWith('cookie'))
    for (const pair of value.split(';')) {
      const cookie = pair.slice(pair.indexOf('=') + 1).trim();
      if (cookie.length >= MIN_COOKIE_SECRET_CHARS) out.push(cookie);
    }
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Masks the secrets in an error's message (and `hint`, if it has one) in place, and returns it. */
export function redactError<T>(error: T, redact: Redactor): T {
  if (!(error instanceof Error)) return error;
  error.message = redact(error.message);
  if (error.stack) error.stack = redact(error.stack);
  const withHint = error as Error & { hint?: unknown };
  if (typeof withHint.hint === 'string')
    Object.defineProperty(error, 'hint', { value: redact(withHint.hint) });
  return error;
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
