// What one invocation costs and when each party answers. Pure: the runtime samples the inputs,
// this decides the timings and the bill, and tests pin the arithmetic.
//
// Two independent timeouts (the key Denial-of-Wallet amplifier):
//   - the function timeout ends the handler and bills the whole timeout (REPORT "Status: timeout");
//   - the gateway's integration timeout answers the client early (504 / 503) while the function
//     keeps running, and keeps being billed, to its own end or its own timeout.
//
// Worked example (init 150 ms billed, handler 1,000 ms, function timeout 3,000 ms, integration
// timeout 200 ms, 1 ms granularity): the client gets the gateway timeout at 200 ms; the function
// finishes at 1,150 ms and bills ceil(150 + 1,000) = 1,150 ms.

export interface InvocationInput {
  /** Sampled handler duration in ms. */
  durationMs: number;
  /** INIT duration in ms: > 0 only on a cold start. */
  initMs: number;
  /** Function timeout in ms (limits the handler, not INIT). */
  timeoutMs: number;
  /** Integration timeout in ms; Infinity when there is no gateway (function URL). */
  integrationTimeoutMs: number;
  /** Whether INIT time is billed. */
  initBilled: boolean;
  /** Billing granularity in ms. */
  granularityMs: number;
}

export interface InvocationPlan {
  /** Handler time in ms: the duration, or the timeout when it timed out. */
  runMs: number;
  timedOut: boolean;
  /** When the function finishes, in ms after arrival (INIT + handler). */
  finishMs: number;
  /** True when the gateway answers before the function finishes. */
  gatewayTimesOut: boolean;
  /** When the client gets its answer, in ms after arrival. */
  respondMs: number;
  /** Billed duration in ms, rounded up to the granularity. */
  billedMs: number;
  /** The part of the billed duration that is INIT, in ms (unrounded). */
  initBilledMs: number;
}

/**
 * Rounds a duration up to the billing granularity: 12.34 ms at 1 ms → 13 ms; at 100 ms → 100 ms.
 * The tiny epsilon stops float noise (1000.0000000001) from adding a whole step.
 */
export function billedDurationMs(durationMs: number, granularityMs: number): number {
  if (durationMs <= 0) return 0;
  return Math.ceil(durationMs / granularityMs - 1e-9) * granularityMs;
}

export function planInvocation(input: InvocationInput): InvocationPlan {
  const timedOut = input.durationMs > input.timeoutMs;
  const runMs = timedOut ? input.timeoutMs : input.durationMs;
  const finishMs = input.initMs + runMs;
  const gatewayTimesOut = finishMs > input.integrationTimeoutMs;
  const initBilledMs = input.initBilled ? input.initMs : 0;
  return {
    runMs,
    timedOut,
    finishMs,
    gatewayTimesOut,
    respondMs: gatewayTimesOut ? input.integrationTimeoutMs : finishMs,
    billedMs: billedDurationMs(runMs + initBilledMs, input.granularityMs),
    initBilledMs,
  };
}
