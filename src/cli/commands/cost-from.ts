// `dowdrill cost --from FILE`: price every route of a stack's infrastructure code without writing
// a scenario: the scenarios `init --from` would write, each projected (limits' bound and no
// limits per horizon), ranked by the attack cost their limits allow (src/infra/rank.ts).

import { generateScenarios, loadStack } from '../../infra/load.js';
import { rankEndpoints, renderRanking } from '../../infra/rank.js';
import { loc } from '../../infra/scenario-writer.js';
import { projectAttack } from '../../projection/project.js';
import { useColor } from '../output.js';

export async function costFrom(file: string, json: boolean): Promise<void> {
  const stack = await loadStack(file);
  const generated = generateScenarios(stack, `dowdrill cost --from ${file}`);
  const ranked = rankEndpoints(
    generated.map((g) => ({
      endpoint: g.endpoint,
      projection: projectAttack({ scenario: g.scenario, observation: null }),
    })),
  );
  const attack = ranked[0]?.projection.attackRatePerSec ?? 0;
  if (json) {
    const endpoints = ranked.map(({ projection, ...r }) => ({
      ...r,
      assumptions: projection.assumptions,
      bills: projection.horizons,
    }));
    process.stdout.write(
      `${JSON.stringify({ file, format: stack.format, attackRatePerSec: attack, endpoints, unresolved: stack.unresolved }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(renderRanking(ranked, attack, useColor(process.stdout)));
    for (const u of stack.unresolved)
      process.stdout.write(`unresolved ${loc(u.at)} ${u.affects}: ${u.what}\n`);
  }
}
