// `dowdrill merge DIR`: the shard files of one run → one Observation, priced and judged once, with
// the distribution beside the report. Exit codes as for `run` (0 held, 1 failed, 2 usage or the
// files do not belong together, 3 runtime, 4 inconclusive).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { InvalidInputError } from '../../errors.js';
import { createRedactor } from '../../redact.js';
import { loadScenario } from '../../scenario/load.js';
import { formatProblem, type Problem } from '../../scenario/problems.js';
import { renderDistribution } from '../../shard/distribution-text.js';
import { judgeMerged } from '../../shard/judge-merged.js';
import { type LoadedShardFile, MergeRefusedError, mergeShardFiles } from '../../shard/merge.js';
import { scenarioSha256 } from '../../shard/scenario-hash.js';
import { SHARD_FORMAT, type ShardFile, shardFileName, shardFileSchema } from '../../shard/shard-file.js';
import { assertWritableDir, EXIT_CODES_HELP, terminalColumns, useColor, writeFileAtomic } from '../output.js';
import { type ReportArgs, withReportOptions } from '../report-options.js';
import {
  errorMessage,
  parseFormats,
  renderReport,
  reportFileNames,
  writeReportsKeepingGoing,
} from '../reports.js';

interface Args extends ReportArgs {
  dir: string;
  scenario?: string;
  'declared-clock-skew': number;
  'egress-addresses'?: number;
}

function bad(file: string, path: (string | number)[], message: string, fix: string): Problem {
  return { severity: 'error', rule: 'shard-file', path, message, fix, file };
}

/** Every shard file in `dir` (files of another format, e.g. a result.json, are left alone). */
export function readShardDir(dir: string): LoadedShardFile[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch (e) {
    throw new InvalidInputError([
      bad(
        dir,
        [],
        `cannot read the directory: ${errorMessage(e)}`,
        'pass the directory the shards wrote with --out',
      ),
    ]);
  }
  const problems: Problem[] = [];
  const files: LoadedShardFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      problems.push(bad(path, [], `not JSON: ${errorMessage(e)}`, 'remove the file or re-run the shard'));
      continue;
    }
    if ((doc as { format?: unknown } | null)?.format !== SHARD_FORMAT) continue;
    const parsed = shardFileSchema.safeParse(doc);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5)) {
        problems.push(
          bad(
            path,
            issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
            issue.message,
            'the file is damaged or from another dowdrill version: re-run that shard',
          ),
        );
      }
      continue;
    }
    files.push({ path, file: parsed.data as unknown as ShardFile });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  if (files.length === 0) {
    throw new InvalidInputError([
      bad(
        dir,
        [],
        `no shard files (${SHARD_FORMAT}) in the directory`,
        'pass the directory the shards wrote with --out (files shard-<i>-of-<n>.json)',
      ),
    ]);
  }
  return files;
}

export const mergeCommand: CommandModule<object, Args> = {
  command: 'merge <dir>',
  describe: 'Merge the shard files of one drill run on many machines, then price and judge it once',
  builder: (y) =>
    withReportOptions(y, {
      out: 'Directory for the merged shard file and the reports',
      json: 'Print the JSON result (with the distribution) on stdout',
    })
      .positional('dir', {
        type: 'string',
        demandOption: true,
        describe: 'Directory of shard-<i>-of-<n>.json files',
      })
      .option('scenario', {
        type: 'string',
        describe: 'The scenario file (default: the path the shards recorded)',
      })
      .option('declared-clock-skew', {
        type: 'number',
        default: 0,
        describe: "The most the shards' clocks may differ (ms), e.g. from chrony",
      })
      .option('egress-addresses', {
        type: 'number',
        describe:
          'How many source addresses the shards reached the target from (1 behind one NAT gateway): per-source limits are judged only when it is 1',
      })
      .example('$0 merge results/', 'Merge the shards in results/ and print the verdicts and the bill')
      .epilogue(EXIT_CODES_HELP) as never,
  handler: (args) => {
    try {
      mergeAndJudge(args);
    } catch (e) {
      // Every usage mistake of merge ends with what did not happen to the shards, not "nothing was sent".
      if (e instanceof InvalidInputError && !(e instanceof MergeRefusedError))
        throw new MergeRefusedError(e.problems, e.omitted);
      throw e;
    }
  },
};

/** Reads, checks, merges, judges once and writes: the merge command's work. */
function mergeAndJudge(args: Args): void {
  const formats = parseFormats(args.report);
  const egress = args['egress-addresses'];
  if (egress !== undefined && !(Number.isInteger(egress) && egress >= 1)) {
    throw new InvalidInputError([
      {
        severity: 'error',
        rule: 'option',
        path: ['--egress-addresses'],
        message: `expected a whole number ≥ 1, got ${egress}`,
        fix: 'write e.g. --egress-addresses 1 (all shards behind one NAT gateway)',
      },
    ]);
  }
  const merged = mergeShardFiles(readShardDir(args.dir));
  const file = args.scenario ?? merged.run.scenarioFile;
  const { scenario, warnings } = loadScenario(file);
  for (const w of warnings) process.stderr.write(`${formatProblem(w)}\n`);
  const sha = scenarioSha256(scenario);
  if (sha !== merged.run.scenarioSha256) {
    throw new InvalidInputError([
      bad(
        file,
        [],
        `this scenario's sha256 ${sha.slice(0, 12)}… is not the shards' ${merged.run.scenarioSha256.slice(0, 12)}…`,
        'pass the exact scenario the shards ran with --scenario (and the same environment values)',
      ),
    ]);
  }
  const mergedName = shardFileName(merged.indices, merged.run.count);
  if (args.out) assertWritableDir(args.out, [mergedName, 'result.json', ...reportFileNames(formats)]);
  const { report, distribution } = judgeMerged(scenario, merged, {
    file,
    declaredSkewMs: args['declared-clock-skew'],
    ...(egress !== undefined ? { egressAddresses: egress } : {}),
  });
  const redact = createRedactor(scenario.secrets);
  const failures: string[] = [];
  if (args.out) {
    writeFileAtomic(join(args.out, mergedName), `${redact(JSON.stringify(merged))}\n`);
    const written = writeReportsKeepingGoing(report, args.out, formats, scenario.secrets, failures);
    process.stderr.write(`wrote ${[join(args.out, mergedName), ...written].join(', ')}\n`);
  }
  if (args.json) {
    const json = JSON.parse(renderReport(report, 'json', scenario.secrets)) as Record<string, unknown>;
    process.stdout.write(`${redact(JSON.stringify({ ...json, distribution }, null, 2))}\n`);
  } else {
    process.stdout.write(
      `${renderReport(report, 'console', scenario.secrets, useColor(process.stdout), terminalColumns(process.stdout))}\n`,
    );
    process.stdout.write(`\n${redact(renderDistribution(distribution))}\n`);
  }
  for (const f of failures) process.stderr.write(`${redact(`dowdrill: warning: could not write ${f}`)}\n`);
  process.exitCode = failures.length > 0 ? 3 : report.exitCode;
}
