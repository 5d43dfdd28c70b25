// Written sugar for rates and durations ("500/s", "12000/min", "30s", "5m", "250ms") and its
// conversion to the one internal unit of each dimension (per second; milliseconds).
// Only the written schema uses these; normalised values are plain numbers (STYLE rule 4).

import { z } from 'zod';

const DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
const RATE_UNITS_PER_SEC: Record<string, number> = { s: 1, sec: 1, m: 1 / 60, min: 1 / 60, h: 1 / 3600 };

const DURATION_RE = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)\s*$/;
const RATE_RE = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|sec|m|min|h)\s*$/;

export function parseDurationMs(text: string): number | null {
  const m = DURATION_RE.exec(text);
  if (!m) return null;
  return Number(m[1]) * (DURATION_UNITS_MS[m[2] ?? ''] ?? Number.NaN);
}

export function parseRatePerSec(text: string): number | null {
  const m = RATE_RE.exec(text);
  if (!m) return null;
  return Number(m[1]) * (RATE_UNITS_PER_SEC[m[2] ?? ''] ?? Number.NaN);
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
        message: `expected a duration such as "30s", "5m", "250ms", "1h" or "30d", got ${quote(text)}`,
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
      message: `expected a rate such as "500/s", "12000/min" or a number per second, got ${quote(value)}`,
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
