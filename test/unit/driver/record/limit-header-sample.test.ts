// The rate-limit headers reach the Observation: HeaderReader keeps each one's raw value (any
// case, any of the IETF draft / legacy spellings), the recorder samples them per status class with
// the send time and the identity's label, the sample stays bounded and spread over the drill,
// and two shards' samples merge by send time.

import { describe, expect, it } from 'vitest';
import {
  LIMIT_HEADER_SAMPLE_MAX,
  LimitHeaderSampler,
  mergeLimitHeaders,
} from '../../../../src/driver/record/limit-header-sample.js';
import { blankSample, ObservationRecorder } from '../../../../src/driver/record/recorder.js';
import { HeaderReader } from '../../../../src/driver/record/response-headers.js';
import { apiKeys } from '../../../helpers/scenario.js';

const reader = new HeaderReader(null);

/** One response through the reader and the recorder, as an engine does it. */
function respond(r: ObservationRecorder, atMs: number, status: number, raw: string[], identity = -1) {
  const s = blankSample();
  s.startMs = atMs;
  s.endMs = atMs + 5;
  s.outcome = status;
  s.identityIndex = identity;
  reader.read(
    raw.map((x) => Buffer.from(x)),
    s,
  );
  r.noteSent(atMs, identity);
  r.add(s);
}

function close(r: ObservationRecorder) {
  return r.summarize({
    startedAtMs: 0,
    durationMs: 2000,
    stopReason: 'completed',
    intendedPerSecond: [10, 10],
    intendedPerTenth: Array(20).fill(1),
    identities: apiKeys(2),
    engine: 'test',
    connections: 1,
  });
}

describe('rate-limit headers in the Observation', () => {
  it('keeps each spelling per status class, with the send time and the identity label', () => {
    const r = new ObservationRecorder(5000);
    respond(r, 100, 200, ['RateLimit-Policy', '"default";q=100;w=60', 'RateLimit', '"default";r=99;t=60'], 1);
    respond(r, 250, 429, ['Retry-After', '7', 'X-RateLimit-Limit', '100', 'x-ratelimit-remaining', '0']);
    respond(r, 300, 200, ['content-type', 'text/plain']);
    const h = close(r).limitHeaders;
    expect(h?.['2xx']).toEqual({
      seen: 1,
      samples: [
        {
          atMs: 100,
          identity: 'api-key#1',
          headers: { 'ratelimit-policy': '"default";q=100;w=60', ratelimit: '"default";r=99;t=60' },
        },
      ],
    });
    expect(h?.['429']?.samples[0]).toEqual({
      atMs: 250,
      headers: { 'retry-after': '7', 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0' },
    });
  });

  it('a response without the headers leaves none behind from the one before (reused sample)', () => {
    const r = new ObservationRecorder(5000);
    const s = blankSample();
    for (const [at, raw] of [
      [0, ['Retry-After', '3']],
      [10, ['content-length', '2']],
    ] as const) {
      s.startMs = at;
      s.endMs = at + 1;
      s.outcome = 429;
      reader.read(
        raw.map((x) => Buffer.from(x)),
        s,
      );
      r.noteSent(at, -1);
      r.add(s);
    }
    expect(close(r).limitHeaders?.['429']).toMatchObject({ seen: 1, samples: [{ atMs: 0 }] });
  });

  it('stays bounded and spread over the drill: 10,000 responses keep at most the cap, first to last', () => {
    const sampler = new LimitHeaderSampler();
    for (let i = 0; i < 10_000; i++) sampler.add('429', i, -1, [String(i)]);
    const s = sampler.summarize(String)?.['429'];
    expect(s?.seen).toBe(10_000);
    expect(s?.samples.length).toBeLessThanOrEqual(LIMIT_HEADER_SAMPLE_MAX);
    expect(s?.samples.length).toBeGreaterThanOrEqual(LIMIT_HEADER_SAMPLE_MAX / 2);
    const times = s?.samples.map((x) => x.atMs) ?? [];
    expect(times[0]).toBe(0);
    expect(times[times.length - 1]).toBeGreaterThan(10_000 - 10_000 / (LIMIT_HEADER_SAMPLE_MAX / 2));
    // Evenly: one stride between neighbours.
    expect(new Set(times.slice(1).map((t, i) => t - (times[i] ?? 0))).size).toBe(1);
  });

  it('merges two shards: counts add, samples by send time, within the cap', () => {
    const a = new LimitHeaderSampler();
    const b = new LimitHeaderSampler();
    for (let i = 0; i < 50; i++) a.add('429', 2 * i, -1, ['1']);
    for (let i = 0; i < 50; i++) b.add('429', 2 * i + 1, -1, ['1']);
    b.add('2xx', 5, -1, [null, 'limit=5']);
    const m = mergeLimitHeaders(a.summarize(String), b.summarize(String));
    expect(m?.['429']?.seen).toBe(100);
    const times = m?.['429']?.samples.map((x) => x.atMs) ?? [];
    expect(times.length).toBeLessThanOrEqual(LIMIT_HEADER_SAMPLE_MAX);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(m?.['2xx']?.samples[0]?.headers).toEqual({ ratelimit: 'limit=5' });
  });
});
