import type { InferredLimit, Observation, Projection, Scenario, Verdict } from '../model.js';

export interface VerdictInput {
  scenario: Scenario;
  /** null for a cost-only run (`dowdrill cost` / `plan`): only budget verdicts apply. */
  observation: Observation | null;
  projection: Projection;
  inferred: InferredLimit | null;
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
  evaluate(input: VerdictInput): Verdict[];
}
