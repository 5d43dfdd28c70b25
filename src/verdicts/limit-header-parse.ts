// Reading what a target's rate-limit headers say, in the spellings limiters send:
//   Retry-After: 7 | Wed, 02 Dec 2026 07:00:00 GMT (RFC 9110: delta-seconds or an HTTP-date)
//   RateLimit-Policy: "default";q=100;w=60 (IETF httpapi-ratelimit-headers draft-8 and later;
//     express-rate-limit draft-8 adds "; pk=:…:"), or 100;w=60 (drafts 6 and 7), several
//     policies separated by commas ("100;w=1, 1000;w=3600")
//   RateLimit: limit=100, remaining=99, reset=60 (draft 7), or "default";r=99;t=60 (draft 8)
//   RateLimit-Limit: 100 (draft 6) and X-RateLimit-Limit: 100 (the de-facto legacy form)
// Only the quota and the window are read: they are what a limit model can be compared with.
// Worked example: `"100-in-1min"; q=100; w=60; pk=:abc:` → { quota: 100, windowSec: 60 }.

/** An advertised policy: `quota` requests per `windowSec` (null: the header names no window). */
export interface AdvertisedPolicy {
  quota: number;
  windowSec: number | null;
  /** The header it came from, for details. */
  from: string;
}

function number(text: string | undefined): number | null {
  if (text === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return null;
  return Number(text);
}

/** Retry-After in ms from the moment it was sent (`sentAtEpochMs` turns a date into a delay). */
export function retryAfterMs(value: string, sentAtEpochMs: number): number | null {
  const seconds = number(value);
  if (seconds !== null) return seconds * 1000;
  // An HTTP-date names its day and month ("Wed, 02 Dec 2026 07:00:00 GMT"); a bare "-1" is no date.
  const date = /[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isFinite(date) ? Math.max(0, date - sentAtEpochMs) : null;
}

/** `key=value` parameters of one list item, `;`-separated (quotes and the item's name ignored). */
function params(item: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of item.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return out;
}

/** Every policy in a RateLimit-Policy value (either draft spelling). */
export function parsePolicyHeader(value: string): AdvertisedPolicy[] {
  return value.split(',').flatMap((item) => {
    const p = params(item);
    // Draft 8+: the quota is `q`; drafts 6-7: the item itself is the quota ("100;w=60").
    const quota = number(p.get('q')) ?? number(item.split(';')[0]);
    const windowSec = number(p.get('w'));
    return quota === null ? [] : [{ quota, windowSec, from: 'RateLimit-Policy' }];
  });
}

/** The policies a response's headers advertise (by lower-case name), the most specific first. */
export function advertisedPolicies(headers: Readonly<Record<string, string>>): AdvertisedPolicy[] {
  const policy = headers['ratelimit-policy'];
  if (policy !== undefined) {
    const found = parsePolicyHeader(policy);
    if (found.length > 0) return found;
  }
  // Draft 7's combined header names the quota; its `reset` is time left, not the window.
  const combined = number(params(headers.ratelimit?.replaceAll(',', ';') ?? '').get('limit'));
  if (combined !== null) return [{ quota: combined, windowSec: null, from: 'RateLimit' }];
  for (const [name, from] of [
    ['ratelimit-limit', 'RateLimit-Limit'],
    ['x-ratelimit-limit', 'X-RateLimit-Limit'],
  ] as const) {
    const quota = number(headers[name]?.split(',')[0]);
    if (quota !== null) return [{ quota, windowSec: null, from }];
  }
  return [];
}
