// Written sugar for rates and durations ("500/s", "12000/min", "30s", "5m", "250ms") and its
// conversion to the one internal unit of each dimension (per second; milliseconds).
// Only the written schema uses these; normalised values are plain numbers (STYLE rule 4).

import { z } from 'zod';

// Unit words as k6, Artillery, vegeta and people write them: "1m30s", "1 minute", "90 seconds".
const DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  msec: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};
const RATE_UNITS_PER_SEC: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  m: 1 / 60,
  min: 1 / 60,
  minute: 1 / 60,
  mins: 1 / 60,
  h: 1 / 3600,
  hr: 1 / 3600,
  hrs: 1 / 3600,
  hour: 1 / 3600,
};
/** `100rps`, `6000 rpm`, `100 rph`. */
const RATE_SUFFIX_PER_SEC: Record<string, number> = { rps: 1, rpm: 1 / 60, rph: 1 / 3600 };

/** One or more `<number><unit>` terms: "30s", "1m30s", "1 minute", "1h 30m". */
const DURATION_RE = /^\s*(?:\d+(?:\.\d+)?\s*[A-Za-z]+\s*)+$/;
const DURATION_TERM = /(\d+(?:\.\d+)?)\s*([A-Za-z]+)/g;
/** "500/s", "100/sec", "50/1s", "100 per second", "100 req/s", "100 rps". */
const RATE_RE =
  /^\s*(\d+(?:\.\d+)?)\s*(?:(?:req|reqs|requests?)\s*)?(?:\/|per\s+)\s*(\d+(?:\.\d+)?)?\s*([A-Za-z]+)\s*$/i;
const RATE_SUFFIX_RE = /^\s*(\d+(?:\.\d+)?)\s*(rps|rpm|rph)\s*$/i;

export function parseDurationMs(text: string): number | null {
  if (!DURATION_RE.test(text)) return null;
  let ms = 0;
  for (const m of text.matchAll(DURATION_TERM)) {
    const unit = DURATION_UNITS_MS[(m[2] ?? '').toLowerCase()];
    if (unit === undefined) return null;
    ms += Number(m[1]) * unit;
  }
  return ms;
}

export function parseRatePerSec(text: string): number | null {
  const suffix = RATE_SUFFIX_RE.exec(text);
  if (suffix) return Number(suffix[1]) * (RATE_SUFFIX_PER_SEC[(suffix[2] ?? '').toLowerCase()] ?? Number.NaN);
  const m = RATE_RE.exec(text);
  if (!m) return null;
  const per = m[2] === undefined ? 1 : Number(m[2]);
  const word = (m[3] ?? '').toLowerCase();
  const unit =
    RATE_UNITS_PER_SEC[word] ?? (word.length > 3 ? RATE_UNITS_PER_SEC[word.replace(/s$/, '')] : undefined);
  if (unit === undefined || per <= 0) return null;
  return (Number(m[1]) * unit) / per;
}

/** `"128MB"`, `"3GB"`, `"512 MiB"`, `"1.5 GB"` or a plain number of MB → megabytes (1 GB = 1,024 MB, as Lambda counts). */
export function parseSizeMb(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(mb|mib|m|gb|gib|g)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = (m[2] ?? 'mb').toLowerCase();
  return Number(m[1]) * (unit.startsWith('g') ? 1024 : 1);
}

/** Bounds that keep every projection finite: a billion requests a second, ten years. */
export const MAX_RATE_PER_SEC = 1e9;
export const MAX_DURATION_MS = 10 * 365 * 86_400_000;

/** `"30s"`, `"5m"`, `"250ms"`, `"1h"`, `"30d"` → milliseconds. */
export const durationString = z
  .union([z.string(), z.number()])
  .transform((text, ctx) => {
    if (typeof text === 'number') {
      ctx.addIssue({
        code: 'custom',
        message: `a bare number is ambiguous as a duration: write "${text}s" or "${text}ms"`,
      });
      return z.NEVER;
    }
    const ms = parseDurationMs(text);
    if (ms === null) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration such as "30s", "1m30s", "250ms", "1 minute" or "30d", got ${quote(text)}`,
        params: { received: text },
      });
      return z.NEVER;
    }
    if (ms > MAX_DURATION_MS) {
      ctx.addIssue({
        code: 'custom',
        message: `${quote(text)} is longer than ten years, the most a duration may be`,
      });
      return z.NEVER;
    }
    return ms;
  })
  .meta({ type: 'string', pattern: DURATION_RE.source, examples: ['30s', '5m', '250ms'] });

/** `"500/s"`, `"12000/min"`, `"100/h"` or a plain number (per second) → requests per second. */
export const rateValue = z.union([z.number().nonnegative().finite(), z.string()]).transform((value, ctx) => {
  const perSec = typeof value === 'number' ? value : parseRatePerSec(value);
  if (perSec === null || !Number.isFinite(perSec) || perSec < 0) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a rate such as "500/s", "100/sec", "100 rps", "12000/min" or a number per second, got ${quote(value)}`,
      params: { received: value },
    });
    return z.NEVER;
  }
  if (perSec > MAX_RATE_PER_SEC) {
    ctx.addIssue({
      code: 'custom',
      message: `${quote(value)} is above ${MAX_RATE_PER_SEC.toExponential()}/s, the most a rate may be`,
    });
    return z.NEVER;
  }
  return perSec;
});

export function formatDurationMs(ms: number): string {
  if (ms >= 86_400_000 && ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000) return `${+(ms / 1000).toFixed(3)}s`;
  return `${ms}ms`;
}

/**
 * A user value for an error message: JSON-quoted and cut short. An issue that quotes one also
 * carries it as `params.received`, so the loader masks a secret in it before it is cut
 * (document.ts): a clipped secret would no longer match the redactor.
 */
export function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** A written rate field, described with the forms it accepts. */
export const rateField = (what: string) =>
  rateValue.describe(`${what}: "500/s", "12000/min", "100/h" or a number per second`);

/** A written duration field, described with the forms it accepts. */
export const durationField = (what: string) =>
  durationString.describe(`${what}: "250ms", "30s", "5m", "1h" or "30d"`);
