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

/** Edit distance with transpositions (`brust` is one step from `burst`); small strings only. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = d;
    }
  }
  return at(a.length, b.length);
}

/** The candidate `written` most likely meant, or null when none is close. */
export function didYouMean(written: string, candidates: readonly string[]): string | null {
  if (candidates.length === 0) return null;
  const w = canonical(written);
  // Own keys only: a written key such as `constructor` must not reach Object's prototype.
  const habit = Object.hasOwn(HABITS, w) ? HABITS[w]?.find((h) => candidates.includes(h)) : undefined;
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
