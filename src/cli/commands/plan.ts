import type { CommandModule } from 'yargs';
import { createLoadPlan, intendedSeries, summarizePlan } from '../../plan/load-plan.js';
import { planPhaseCosts, projectAttack } from '../../projection/index.js';
import { createRedactor, redactDeep } from '../../redact.js';
import { renderPlanTable } from '../../report/index.js';
import { loadScenario } from '../../scenario/load.js';
import { formatProblem } from '../../scenario/problems.js';
import { useColor, widthOf } from '../output.js';
import { overridesFrom, setOption } from '../set-option.js';

interface Args {
  file: string;
  set?: string[];
  json: boolean;
}

export const planCommand: CommandModule<object, Args> = {
  command: 'plan <file>',
  describe:
    'Print the schedule a scenario would send (phases, rates, intended requests) and its cost. Sends nothing.',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file' })
      .option('set', setOption)
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of a table' })
      .example(
        '$0 plan scenarios/quickstart.yaml',
        'Show the schedule and what the drill would cost',
      ) as never,
  handler: (args) => {
    const { scenario, warnings } = loadScenario(args.file, process.env, overridesFrom(args.set));
    for (const w of warnings) process.stderr.write(`${formatProblem(w)}\n`);
    const plan = createLoadPlan(scenario.phases);
    const summary = summarizePlan(plan);
    const projection = projectAttack({ scenario, observation: null, plan });
    const phaseCosts = planPhaseCosts(scenario, plan);
    const redact = createRedactor(scenario.secrets); // phase names may hold an ${env:...} value
    if (args.json) {
      // Per second up to an hour, wider buckets beyond: bounded whatever the plan's length.
      const series = intendedSeries(plan);
      const out = {
        ...summary,
        ...(series.bucketMs === 1000 ? { intendedPerSecond: series.intended } : {}),
        intendedPerBucket: series,
        phaseCosts,
        drillBill: projection.drill,
        projection,
      };
      process.stdout.write(`${JSON.stringify(redactDeep(out, redact), null, 2)}\n`);
      return;
    }
    process.stdout.write(
      `${redact(renderPlanTable(summary, projection, { color: useColor(process.stdout), phaseCosts, ...widthOf(process.stdout) }))}\n`,
    );
  },
};
