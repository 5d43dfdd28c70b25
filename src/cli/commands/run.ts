import type { CommandModule } from 'yargs';
import { runDrill } from '../../drill.js';
import { EXIT } from '../../model.js';
import { createRedactor, redactError } from '../../redact.js';
import { loadScenario } from '../../scenario/load.js';
import { formatProblem, InvalidInputError } from '../../scenario/problems.js';
import { assertWritableDir, EXIT_CODES_HELP, terminalColumns, useColor } from '../output.js';
import { createProgressPrinter } from '../progress.js';
import { type ReportArgs, withReportOptions } from '../report-options.js';
import {
  errorMessage,
  parseFormats,
  renderReport,
  reportFileNames,
  writeReportsKeepingGoing,
} from '../reports.js';
import { overridesFrom, setOption } from '../set-option.js';
import { trapSignals } from '../signals.js';
import { runShardCommand, type ShardArgs, withShardOptions } from './run-shard.js';

interface Args extends ShardArgs, ReportArgs {
  file: string;
  set?: string[];
  quiet: boolean;
}

export const runCommand: CommandModule<object, Args> = {
  command: 'run <file>',
  describe: "Run a drill: send the scenario's traffic, check each defence, price the attack",
  builder: (y) =>
    withReportOptions(withShardOptions(y), {
      out: 'Directory for the reports (result.json is always written there)',
      json: 'Print the JSON result on stdout instead of tables',
    })
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file (YAML or JSON)' })
      .option('set', setOption)
      .option('quiet', {
        alias: 'q',
        type: 'boolean',
        default: false,
        describe: 'No progress line on stderr',
      })
      .example(
        '$0 run scenarios/quickstart.yaml',
        'Drill the embedded emulator and print the verdicts and the bill',
      )
      .example(
        '$0 run scenarios/ci-smoke.yaml --out out --report junit,md,html',
        'CI: write JUnit, Markdown and HTML reports',
      )
      .epilogue(EXIT_CODES_HELP) as never,
  handler: async (args) => {
    if (args.shard !== undefined) return runShardCommand({ ...args, shard: args.shard });
    const formats = parseFormats(args.report);
    // Before any traffic: reports asked for with nowhere to write them would be lost.
    if (args.report !== undefined && !args.out)
      throw new InvalidInputError([
        {
          severity: 'error',
          rule: 'option',
          path: ['--report'],
          message: `--report ${args.report} writes report files, but no --out directory was given`,
          fix: `add --out DIR, e.g. --out out --report ${args.report}`,
        },
      ]);
    const { scenario, warnings } = loadScenario(args.file, process.env, overridesFrom(args.set));
    const reportFormats = [...new Set(['json', ...formats])];
    // Before any traffic: a drill must never run only to fail writing its reports.
    if (args.out) assertWritableDir(args.out, [...reportFileNames(reportFormats), 'result.json']);
    for (const w of warnings) process.stderr.write(`${formatProblem(w)}\n`);
    const signals = trapSignals();
    const redact = createRedactor(scenario.secrets);
    try {
      const report = await runDrill({
        scenario,
        file: args.file,
        signal: signals.signal,
        onProgress: createProgressPrinter(process.stderr, { quiet: args.quiet, redact }),
      });
      const failures: string[] = [];
      if (args.out) {
        const written = writeReportsKeepingGoing(report, args.out, formats, scenario.secrets, failures);
        if (written.length > 0) process.stderr.write(`wrote ${written.join(', ')}\n`);
      }
      const view = args.json ? 'json' : 'console';
      try {
        process.stdout.write(
          `${renderReport(report, view, scenario.secrets, !args.json && useColor(process.stdout), terminalColumns(process.stdout))}\n`,
        );
      } catch (e) {
        failures.push(`the ${view} view: ${errorMessage(e)}`);
      }
      for (const f of failures) {
        process.stderr.write(
          `${redact(`dowdrill: warning: could not render ${f}; the drill's data is kept`)}\n`,
        );
      }
      if (failures.length > 0) {
        process.exitCode = EXIT.runtime;
        return;
      }
      process.exitCode = report.exitCode;
    } catch (e) {
      throw redactError(e, redact); // a failure message may quote the target or a request
    } finally {
      signals.release(); // a signal while the reports are flushed ends the process at once
    }
  },
};
