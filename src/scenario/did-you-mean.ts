// "Did you mean" for misspelt keys and names: the closest of the real candidates by edit distance
// (case, `_` and `-` ignored, so `rate_limit` finds `rateLimit`), or a known habit from k6 and
// Artillery (`arrivalRate` is our `rate`). Pure, small, shared by the loader and the CLI options.

/** Spellings other tools use, mapped to ours. Suggested only where the target key is allowed. */
const HABITS: Record<string, readonly string[]> = {
  arrivalrate: ['rate'],
  arrivalcount: ['rate'],
  rampto: ['to'],
  stages: ['phases'],
  scenarios: ['requests'],
  flow: ['requests'],
  executor: ['type'],
  timeunit: ['rate'],
  target: ['rate', 'to', 'url'],
  thresholds: ['expect'],
  ensure: ['expect'],
  config: ['traffic'],
  url: ['path'],
  json: ['body'],
  qs: ['query'],
  statuscode: ['status'],
  statuscodes: ['status'],
  ratepersec: ['rate'],
  timeoutms: ['timeout'],
  memorysize: ['memoryMb'],
  memory: ['memoryMb'],
  limit: ['rate', 'max'],
  burstlimit: ['burst'],
  ratelimit: ['rateLimit', 'rate'],
  throttle: ['rateLimit'],
};

function canonical(s: string): string {
  return s.toLowerCase().replace(/[-_\s]/g, '');
}

/** Levenshtein distance (small strings only: keys and names). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/** The candidate `written` most likely meant, or null when none is close. */
export function didYouMean(written: string, candidates: readonly string[]): string | null {
  if (candidates.length === 0) return null;
  const w = canonical(written);
  const habit = HABITS[w]?.find((h) => candidates.includes(h));
  if (habit) return habit;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const cc = canonical(c);
    // A plural or a near miss: `request` → `requests`, `brust` → `burst`.
    const d = editDistance(w, cc);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.min(w.length, 12) / 3));
  return bestDistance <= allowed ? best : null;
}
