import type { EmulatorStats, InferredLimit, Observation, Projection, Scenario, Verdict } from '../model.js';

export interface VerdictInput {
  scenario: Scenario;
  /** null for a cost-only run (`dowdrill cost` / `plan`): only budget verdicts apply. */
  observation: Observation | null;
  projection: Projection;
  inferred: InferredLimit | null;
  /**
   * The embedded emulator's own counters for the same drill (null or absent for a URL target):
   * a limit verdict that disagrees with them is a measurement problem (ground-truth.ts).
   */
  groundTruth?: EmulatorStats | null;
}

/** How large a measurement slip (event-loop stall, late send) a verdict tolerates, and why. */
export interface SlipTolerance {
  ms: number;
  /** e.g. "the limit's burst tolerance of 100 ms (burst 50 / 500/s)". */
  what: string;
}

/**
 * One defence check, found in the registry (src/verdicts/index.ts). A rule returns no verdict
 * when the scenario does not ask for it (no expectation) or when it needs traffic and the run
 * was cost-only, so the registry runs every rule unconditionally.
 */
export interface VerdictRule {
  id: string;
  /**
   * True when a failure stays a failure even if the driver fell behind the plan: sending LESS
   * than planned can never make the target accept MORE than its limit, so an accepted rate or a
   * concurrency peak above the limit is proof on its own. Every other verdict is downgraded to
   * inconclusive (a pass always is).
   */
  failSurvivesDriverShortfall: boolean;
  /**
   * The limit this rule judges, for the evidence checks (health.ts, target-errors.ts): its passes
   * need a healthy target, its fails a healthy measurement. Absent for the driver and budgets.
   */
  limit?: 'rate-limit' | 'concurrency' | 'timeout';
  /** The largest measurement slip that cannot move this rule's verdict; null when none can. */
  slipTolerance?: (input: VerdictInput) => SlipTolerance | null;
  evaluate(input: VerdictInput): Verdict[];
}
