// The billed duration of one invocation and the cold starts to add to the bill, from what the
// scenario says (`platform.billedDuration`) and what the drill measured.

import type { DurationConfig } from '../emulator/config.js';
import type {
  Assumption,
  FigureBasis,
  LatencySummary,
  Observation,
  Scenario,
  StatusClass,
} from '../model.js';

export interface BilledDuration {
  /** Billed ms per invocation (before the provider's rounding; capped at the function timeout). */
  msPerInvocation: number;
  /** Cold starts per invocation (0..1) to bill on top; 0 when msPerInvocation already includes INIT. */
  coldStartShare: number;
  /** INIT ms per cold start. */
  initMs: number;
  assumptions: Assumption[];
}

/** Used when nothing better is known: neither a measurement nor a configured figure. */
export const DEFAULT_BILLED_MS = 100;

export function billedDuration(scenario: Scenario, observation: Observation | null): BilledDuration {
  const found = baseDuration(scenario, observation);
  const timeoutMs = scenario.platform.functionTimeoutMs;
  const msPerInvocation = Math.min(found.ms, timeoutMs);
  const duration: Assumption = {
    name: 'billed duration per invocation',
    value: msPerInvocation,
    unit: 'ms',
    basis: found.basis,
    note: found.ms > timeoutMs ? `${found.note}; capped at the function timeout` : found.note,
  };
  const cold = coldStarts(scenario, found.includesInit);
  return { msPerInvocation, ...cold.figures, assumptions: [duration, ...cold.assumptions] };
}

interface Found {
  ms: number;
  basis: FigureBasis;
  note: string;
  /** True when the figure already contains the INIT time of cold starts (a measurement does). */
  includesInit: boolean;
}

function baseDuration(scenario: Scenario, observation: Observation | null): Found {
  const source = scenario.platform.billedDuration;
  if (source.source === 'fixed') {
    return {
      ms: source.durationMs,
      basis: 'configured',
      note: 'platform.billedDuration (fixed)',
      includesInit: false,
    };
  }
  const measured = observation ? measuredDuration(scenario, observation) : null;
  if (measured) return measured;
  const emulator = scenario.target.kind === 'emulator' ? scenario.target.emulator : null;
  if (emulator) {
    const ms = meanDurationMs(emulator.function.duration);
    const written = scenario.target.kind === 'emulator' && scenario.target.written !== false;
    return {
      ms,
      basis: written ? 'configured' : 'assumed',
      note: written
        ? 'mean of the emulator function duration model'
        : "no target or billed duration in the scenario: the embedded emulator's default (set platform.billedDuration)",
      includesInit: false,
    };
  }
  if (source.source === 'header') {
    return {
      ms: source.fallbackMs,
      basis: 'assumed',
      note: `no ${source.header} header seen: the fallback`,
      includesInit: false,
    };
  }
  return {
    ms: DEFAULT_BILLED_MS,
    basis: 'assumed',
    note: 'no latency measured: a default',
    includesInit: false,
  };
}

function measuredDuration(scenario: Scenario, observation: Observation): Found | null {
  const source = scenario.platform.billedDuration;
  const { billedMsSum, billedCount } = observation.billing;
  if (source.source === 'header' && billedCount > 0) {
    const note = `mean of ${billedCount} ${source.header} headers`;
    return { ms: billedMsSum / billedCount, basis: 'measured', note, includesInit: true };
  }
  if (source.source !== 'latency') return null;
  const classes: StatusClass[] =
    scenario.platform.gateway === 'api-gateway-rest' || scenario.platform.gateway === 'api-gateway-http'
      ? ['2xx', '3xx', '4xx']
      : ['2xx', '3xx', '4xx', '5xx'];
  const mean = weightedMeanMs(classes.map((c) => observation.latency[c]));
  if (mean === null) return null;
  const note = 'mean latency of responses from the function (an upper bound of the billed duration)';
  return { ms: mean, basis: 'measured', note, includesInit: true };
}

function weightedMeanMs(summaries: readonly (LatencySummary | undefined)[]): number | null {
  let count = 0;
  let sumMs = 0;
  for (const s of summaries) {
    if (!s || s.count <= 0) continue;
    count += s.count;
    sumMs += s.meanMs * s.count;
  }
  return count > 0 ? sumMs / count : null;
}

/** Mean of the emulator's duration model, ms. Log-normal: median × e^(σ²/2). */
export function meanDurationMs(d: DurationConfig): number {
  switch (d.distribution) {
    case 'fixed':
      return d.ms;
    case 'uniform':
      return (d.minMs + d.maxMs) / 2;
    case 'normal':
      return d.meanMs;
    case 'lognormal':
      return d.medianMs * Math.exp((d.sigma * d.sigma) / 2);
  }
}

function coldStarts(
  scenario: Scenario,
  includesInit: boolean,
): { figures: { coldStartShare: number; initMs: number }; assumptions: Assumption[] } {
  const cs = scenario.platform.coldStart;
  if (includesInit || !cs.initBilled || cs.share <= 0) {
    const note = includesInit
      ? 'INIT is inside the measured billed duration'
      : 'none billed (platform.coldStart)';
    const basis = includesInit ? 'measured' : 'configured';
    return { figures: { coldStartShare: 0, initMs: 0 }, assumptions: [coldAssumption(0, basis, note)] };
  }
  return {
    figures: { coldStartShare: cs.share, initMs: cs.initMs },
    assumptions: [
      coldAssumption(cs.share, 'assumed', `platform.coldStart: ${cs.initMs} ms INIT each, billed`),
    ],
  };
}

function coldAssumption(share: number, basis: FigureBasis, note: string): Assumption {
  return { name: 'cold starts per invocation', value: share, unit: 'share', basis, note };
}
