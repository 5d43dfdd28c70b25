// `dowdrill cost FILE`: the projection without sending traffic (the plan's intended arrivals
// through the configured limits), optionally a what-if sweep of one setting. Exit 1 when a
// projected horizon breaks its budget.

import type { CommandModule } from 'yargs';
import type { Projection } from '../../model.js';
import { projectAttack } from '../../projection/project.js';
import {
  DEFAULT_SWEEP_POINTS,
  isSweepKey,
  SWEEP_KEYS,
  type SweepKey,
  type SweepResult,
  sweep,
} from '../../projection/sweep.js';
import { createRedactor, redactDeep } from '../../redact.js';
import { renderProjectionTable, renderSweepTable } from '../../report/projection-table.js';
import { MAX_SWEEP_POINTS } from '../../scenario/limits.js';
import { loadScenario } from '../../scenario/load.js';
import { formatProblem, InvalidInputError } from '../../scenario/problems.js';
import { parseDurationMs, parseRatePerSec, parseSizeMb } from '../../scenario/units.js';
import { evaluateBudget } from '../../verdicts/budget.js';
import { exitCodeFor } from '../../verdicts/exit-code.js';
import { EXIT_CODES_HELP, useColor, widthOf } from '../output.js';
import { overridesFrom, setOption } from '../set-option.js';
import { costFrom } from './cost-from.js';

interface Args {
  file?: string;
  from?: string;
  set?: string[];
  json: boolean;
  sweep?: string;
  points: number;
}

export { MAX_SWEEP_POINTS };

export const costCommand: CommandModule<object, Args> = {
  command: 'cost [file]',
  describe:
    "Price the scenario's attack per horizon (projected, limits' bound, no limits) without sending traffic",
  builder: (y) =>
    y
      .positional('file', { type: 'string', describe: 'Scenario file (or --from)' })
      .option('from', {
        type: 'string',
        describe: 'Price every route of a template, Terraform plan JSON or serverless.yml instead',
      })
      .option('set', setOption)
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of tables' })
      .option('sweep', {
        type: 'string',
        describe: `Price the limits' bound across a range of one setting: KEY=FROM..TO, KEY one of ${SWEEP_KEYS.join(', ')}`,
      })
      .option('points', {
        type: 'number',
        default: DEFAULT_SWEEP_POINTS,
        describe: `Values in the sweep, ends included (2 to ${MAX_SWEEP_POINTS})`,
      })
      .example('$0 cost scenarios/finance-review.yaml', 'What the attack costs per hour, day and 30 days')
      .example('$0 cost --from template.yaml', "Every route's worst case, ranked")
      .example(
        '$0 cost scenarios/finance-review.yaml --sweep rateLimit=100..2000 --points 20',
        'The bill against the rate limit',
      )
      .example(
        '$0 cost scenarios/finance-review.yaml --sweep timeout=1s..30s',
        'The bill against the function timeout',
      )
      .epilogue(EXIT_CODES_HELP) as never,
  handler: (args) => {
    if ((args.file === undefined) === (args.from === undefined))
      throw optionError(
        '--from',
        'give a scenario file or --from FILE (one of them)',
        'e.g. dowdrill cost --from template.yaml',
      );
    if (args.from !== undefined) return costFrom(args.from, args.json);
    const { scenario, warnings } = loadScenario(args.file ?? '', process.env, overridesFrom(args.set));
    for (const w of warnings) process.stderr.write(`${formatProblem(w)}\n`);
    const sweepSpec = args.sweep === undefined ? null : parseSweep(args.sweep, args.points);
    const projection = projectAttack({ scenario, observation: null });
    const swept = sweepSpec
      ? sweep(scenario, null, sweepSpec.key, sweepSpec.from, sweepSpec.to, sweepSpec.points)
      : null;
    const verdicts = budgetVerdicts(projection);
    const redact = createRedactor(scenario.secrets);
    process.stdout.write(
      args.json
        ? `${JSON.stringify(redactDeep({ projection, sweep: swept, verdicts }, redact), null, 2)}\n`
        : redact(renderText(projection, swept)),
    );
    for (const v of verdicts)
      if (v.status === 'fail') process.stderr.write(`budget broken: ${redact(v.detail)}\n`);
    process.exitCode = exitCodeFor(verdicts);
  },
};

function budgetVerdicts(projection: Projection) {
  return projection.horizons.flatMap((h) => evaluateBudget(h, projection.attackRatePerSec) ?? []);
}

function renderText(projection: Projection, swept: SweepResult | null): string {
  const color = useColor(process.stdout);
  const parts = [renderProjectionTable(projection, { color, ...widthOf(process.stdout) })];
  if (swept) parts.push(renderSweepTable(swept, { color, ...widthOf(process.stdout) }));
  return parts.join('\n');
}

export interface SweepSpec {
  key: SweepKey;
  from: number;
  to: number;
  points: number;
}

const SWEEP_RE = /^\s*([A-Za-z]+)\s*=\s*(.+?)\s*\.\.\s*(.+?)\s*$/;

/** `rateLimit=100..2000`, `timeout=1s..30s`, `memory=128..3008`, `reservedConcurrency=10..500`. */
export function parseSweep(text: string, points: number): SweepSpec {
  const m = SWEEP_RE.exec(text);
  const key = m?.[1] ?? '';
  if (!m || !isSweepKey(key)) {
    throw optionError(
      '--sweep',
      `expected KEY=FROM..TO with KEY one of ${SWEEP_KEYS.join(', ')}, got ${JSON.stringify(text)}`,
      'e.g. --sweep rateLimit=100..2000',
    );
  }
  const from = parseSweepValue(key, m[2] ?? '');
  const to = parseSweepValue(key, m[3] ?? '');
  if (from === null || to === null) {
    throw optionError(
      '--sweep',
      `cannot read the range ${JSON.stringify(`${m[2]}..${m[3]}`)} for ${key}`,
      sweepFix(key),
    );
  }
  if (!Number.isInteger(points) || points < 2 || points > MAX_SWEEP_POINTS) {
    throw optionError(
      '--points',
      `expected a whole number from 2 to ${MAX_SWEEP_POINTS}, got ${points}`,
      'e.g. --points 50',
    );
  }
  return { key, from, to, points };
}

function parseSweepValue(key: SweepKey, text: string): number | null {
  const plain = /^\d+(\.\d+)?$/.test(text) ? Number(text) : null;
  const value =
    key === 'rateLimit'
      ? (plain ?? parseRatePerSec(text))
      : key === 'timeout'
        ? (plain ?? parseDurationMs(text))
        : key === 'memory'
          ? parseSizeMb(text)
          : plain;
  if (value === null || !Number.isFinite(value)) return null;
  if (key === 'memory' && (value < 128 || value > 10_240)) return null;
  if (key === 'timeout' && value <= 0) return null;
  return value;
}

function sweepFix(key: SweepKey): string {
  const examples: Record<SweepKey, string> = {
    rateLimit: 'rateLimit=100..2000 (req/s) or rateLimit=100/s..2000/s',
    reservedConcurrency: 'reservedConcurrency=10..500',
    timeout: 'timeout=1000..30000 (ms) or timeout=1s..30s (above 0)',
    memory: 'memory=128..3008 (MB, 128 to 10,240) or memory=128MB..3GB',
  };
  return `write ${examples[key]}`;
}

function optionError(option: string, message: string, fix: string): InvalidInputError {
  return new InvalidInputError([{ severity: 'error', rule: 'option', path: [option], message, fix }]);
}
