// Secrets never reach an output: every string that leaves the process goes through a redactor
// built from the scenario's secrets (values from ${env:...}, API keys, tokens). Credential headers
// (authorization, x-api-key, cookie) are masked by name wherever headers are printed.

import { Buffer } from 'node:buffer';
import { domainToASCII } from 'node:url';

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
/** Shorter values are not masked: masking every `ab` in a report would garble it and hide nothing. */
const MIN_SECRET_CHARS = 3;

/**
 * Replace every occurrence of every secret (longest first, so one secret inside another is covered)
 * in every form a secret can take on its way to an output (see `secretForms`), case-insensitively:
 * a host is lower-cased by URL parsing, percent-encoding may use either case of hex digits.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const forms = secrets.filter((s) => s.length >= MIN_SECRET_CHARS).flatMap(secretForms);
  const list = [...new Set(forms.filter((s) => s.length >= MIN_SECRET_CHARS))].sort(
    (a, b) => b.length - a.length,
  );
  if (list.length === 0) return (t) => t;
  const re = new RegExp(list.map(escapeRegExp).join('|'), 'gi');
  return (text) => text.replace(re, REDACTED);
}

/**
 * The forms of one secret an output may show: as written; JSON-escaped (quoted into a message with
 * JSON.stringify); URL-encoded (encodeURIComponent, encodeURI, form encoding with `+` for spaces,
 * and twice encoded); as a host label (url.domainToASCII: punycode, lower case); base64 (standard
 * and URL-safe, with and without padding: a Basic Authorization credential). Case is handled by
 * the redactor's case-insensitive match.
 */
export function secretForms(secret: string): string[] {
  const out = new Set<string>([secret]);
  const add = (f: string) => {
    if (f.length > 0) out.add(f);
  };
  add(JSON.stringify(secret).slice(1, -1));
  const component = encodeURIComponent(secret);
  add(component);
  add(component.replace(/%20/g, '+'));
  add(encodeURIComponent(component));
  add(new URLSearchParams({ s: secret }).toString().slice(2));
  try {
    add(encodeURI(secret));
  } catch {
    // a lone surrogate cannot be encoded: nothing else can show that form either
  }
  add(domainToASCII(secret));
  const b64 = Buffer.from(secret, 'utf8').toString('base64');
  add(b64);
  add(b64.replace(/=+$/, ''));
  add(Buffer.from(secret, 'utf8').toString('base64url'));
  for (const f of [...out]) add(JSON.stringify(f).slice(1, -1));
  return [...out];
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
  if (header.endsWith('authorization')) {
    const credentials = value.replace(/^\s*\S+\s+/, '');
    out.push(credentials);
    if (/^\s*basic\s/i.test(value)) out.push(...basicSecrets(credentials.trim()));
  }
  if (header.endsWith('cookie'))
    for (const pair of value.split(';')) {
      const cookie = pair.slice(pair.indexOf('=') + 1).trim();
      if (cookie.length >= MIN_COOKIE_SECRET_CHARS) out.push(cookie);
    }
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** `Basic dXNlcjpwYXNz` → `user:pass` and `pass` (a user name alone is not taken as secret). */
function basicSecrets(b64: string): string[] {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(b64)) return [];
  const decoded = Buffer.from(b64, 'base64').toString('utf8');
  if (!/^[\x20-\x7e]+$/.test(decoded)) return [];
  const colon = decoded.indexOf(':');
  return colon >= 0 ? [decoded, decoded.slice(colon + 1)] : [decoded];
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
