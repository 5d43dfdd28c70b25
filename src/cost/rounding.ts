/**
 * Billing-granularity rules: per-invocation duration and memory rounding.
 *
 * The usage file gives an AVERAGE duration per request. Providers round each invocation, so the
 * exact bill needs the distribution; we round the average instead (documented choice). This is
 * exact when durations are equal, and can under-count when many invocations sit just above a
 * boundary (e.g. half at 101 ms and half at 99 ms on 100 ms rounding: the truth bills 200/100,
 * the average 100 → 100). Give a p50/p90 duration as `durationMs` to get a bound.
 */

/** Relative slack so float noise (70.00000000000001 ms) does not add a whole step. */
const FLOAT_SLACK = 1e-9;

/** Smallest multiple of `stepSize` that is >= value (value and step in the same unit). */
export function roundUpToStep(value: number, stepSize: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`value must be >= 0, got ${value}`);
  if (!(stepSize > 0)) throw new RangeError(`step must be > 0, got ${stepSize}`);
  const steps = value / stepSize;
  const nearest = Math.round(steps);
  const whole = Math.abs(steps - nearest) <= FLOAT_SLACK * Math.max(1, steps) ? nearest : Math.ceil(steps);
  return whole * stepSize;
}

export interface DurationRule {
  /** Round up to a multiple of this, ms (AWS Lambda 1; legacy Lambda, GCP, Flex steps 100). */
  granularityMs: number;
  /** Bill at least this much per invocation, ms (Azure Consumption 100, Flex 1,000; 0 = none). */
  minimumMs: number;
}

/**
 * Billed duration of one invocation, ms.
 * Lambda (1 ms): 120 → 120; 28.2 → 29. Legacy Lambda (100 ms): 28 → 100.
 * Azure Consumption (1 ms, min 100): 40 → 100; 100 → 100; 100.5 → 101.
 * Azure Flex (100 ms, min 1,000): 999 → 1,000; 1,000 → 1,000; 1,001 → 1,100.
 * GCP (100 ms): 260 → 300; 300 → 300; 0 → 0 (no invocation time, nothing billed).
 */
export function billedDurationMs(durationMs: number, rule: DurationRule): number {
  return Math.max(rule.minimumMs, roundUpToStep(durationMs, rule.granularityMs));
}

export interface MemoryRule {
  /** Round up to a multiple of this, MB (Azure Consumption 128). */
  stepMb: number;
  /** Bill at least this much, MB (Azure Consumption 128). */
  minimumMb: number;
  /** Bill at most this much, MB (Azure Consumption 1,536); Infinity = no cap. */
  maximumMb: number;
}

/**
 * Billed memory, MB. Azure Consumption (128 MB steps, min 128, cap 1,536):
 * 100 → 128; 128 → 128; 129 → 256; 1,536 → 1,536; 1,600 → 1,536.
 */
export function billedMemoryMb(memoryMb: number, rule: MemoryRule): number {
  return Math.min(rule.maximumMb, Math.max(rule.minimumMb, roundUpToStep(memoryMb, rule.stepMb)));
}
