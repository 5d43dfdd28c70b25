// A small, bounded sample of the rate-limit headers a target sent (Retry-After, the IETF draft's
// RateLimit / RateLimit-Policy, the older RateLimit-Limit/-Remaining/-Reset and X-RateLimit-*),
// per status class, with each response's send time, for the header verdicts
// (verdicts/limit-headers.ts). Deterministic thinning keeps it spread over the whole drill: every
// response carrying one of the headers is counted, every `stride`-th is kept, and when the sample
// is full every other kept one is dropped and the stride doubles. A response that is not kept
// costs a counter and a modulo: nothing is decoded or allocated. Pure (the shard merge uses it).

import type { LimitHeaderSample, LimitHeaderValues, StatusClass } from '../../model.js';

/** The headers kept, lower-case; a response's values are indexed like this list. */
export const LIMIT_HEADER_NAMES = [
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
] as const;

/** Samples kept per status class, at most. */
export const LIMIT_HEADER_SAMPLE_MAX = 64;

/** A value longer than this is cut (a header is evidence, not a payload). */
const MAX_VALUE_CHARS = 200;

type Raw = Buffer | string | null | undefined;

interface ClassAcc {
  seen: number;
  stride: number;
  samples: (LimitHeaderValues & { identityIndex: number })[];
}

function thin<T>(samples: T[]): T[] {
  return samples.filter((_, i) => i % 2 === 0);
}

export class LimitHeaderSampler {
  private readonly byClass = new Map<StatusClass, ClassAcc>();

  /** One response of class `cls`, sent at `atMs`, carrying `values` (by LIMIT_HEADER_NAMES index). */
  add(cls: StatusClass, atMs: number, identityIndex: number, values: readonly Raw[]): void {
    let acc = this.byClass.get(cls);
    if (!acc) {
      acc = { seen: 0, stride: 1, samples: [] };
      this.byClass.set(cls, acc);
    }
    acc.seen++;
    if ((acc.seen - 1) % acc.stride !== 0) return;
    const headers: Record<string, string> = {};
    values.forEach((v, i) => {
      const name = LIMIT_HEADER_NAMES[i];
      if (v !== null && v !== undefined && name) headers[name] = v.toString().slice(0, MAX_VALUE_CHARS);
    });
    acc.samples.push({ atMs, identityIndex, headers });
    if (acc.samples.length > LIMIT_HEADER_SAMPLE_MAX) {
      acc.samples = thin(acc.samples);
      acc.stride *= 2;
    }
  }

  /** The sample per class, identities turned into their (redacted) labels; undefined when none seen. */
  summarize(
    label: (identityIndex: number) => string,
  ): Partial<Record<StatusClass, LimitHeaderSample>> | undefined {
    if (this.byClass.size === 0) return undefined;
    const out: Partial<Record<StatusClass, LimitHeaderSample>> = {};
    for (const [cls, acc] of this.byClass) {
      out[cls] = {
        seen: acc.seen,
        samples: acc.samples.map(({ identityIndex, ...s }) =>
          identityIndex >= 0 ? { ...s, identity: label(identityIndex) } : s,
        ),
      };
    }
    return out;
  }
}

/** Two shards' samples: counts add, samples interleave by send time, thinned to the cap. */
export function mergeLimitHeaders(
  a: Partial<Record<StatusClass, LimitHeaderSample>> | undefined,
  b: Partial<Record<StatusClass, LimitHeaderSample>> | undefined,
): Partial<Record<StatusClass, LimitHeaderSample>> | undefined {
  if (!a || !b) return a ?? b;
  const out: Partial<Record<StatusClass, LimitHeaderSample>> = { ...a };
  for (const [cls, s] of Object.entries(b) as [StatusClass, LimitHeaderSample][]) {
    const had = out[cls];
    if (!had) {
      out[cls] = s;
      continue;
    }
    let samples = [...had.samples, ...s.samples].sort((x, y) => x.atMs - y.atMs);
    while (samples.length > LIMIT_HEADER_SAMPLE_MAX) samples = thin(samples);
    out[cls] = { seen: had.seen + s.seen, samples };
  }
  return out;
}
