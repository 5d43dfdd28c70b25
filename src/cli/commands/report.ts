import type { CommandModule } from 'yargs';
import { REPORT_SCHEMA_VERSION, type RunReport } from '../../model.js';
import { readCapped } from '../../scenario/document.js';
import { InvalidInputError } from '../../scenario/problems.js';

/** A result.json holds per-second series of a drill of at most hours: well under this. */
const MAX_RESULT_BYTES = 64 * 1024 * 1024;

import { assertWritableDir, terminalColumns, useColor } from '../output.js';
import { parseFormats, renderReport, reportFileNames, writeReports } from '../reports.js';

interface Args {
  result: string;
  format: string;
  out?: string;
}

export const reportCommand: CommandModule<object, Args> = {
  command: 'report <result>',
  describe: 'Re-render a saved result (result.json from `run --out`) in other formats',
  builder: (y) =>
    y
      .positional('result', {
        type: 'string',
        demandOption: true,
        describe: 'A result.json written by `dowdrill run --out`',
      })
      .option('format', {
        type: 'string',
        default: 'console',
        describe: 'console, json, html, junit, md or csv (comma-separated with --out)',
      })
      .option('out', { type: 'string', describe: 'Write report.<ext> files here instead of printing' })
      .example(
        '$0 report out/result.json --format html,md --out out',
        'Render HTML and Markdown from a saved result',
      ) as never,
  handler: (args) => {
    const formats = parseFormats(args.format);
    const report = readResult(args.result);
    if (args.out) {
      assertWritableDir(args.out, reportFileNames(formats));
      const written = writeReports(report, formats, args.out, []);
      process.stderr.write(`wrote ${written.join(', ')}\n`);
    } else {
      for (const f of formats)
        process.stdout.write(
          `${renderReport(report, f, [], f === 'console' && useColor(process.stdout), terminalColumns(process.stdout))}\n`,
        );
    }
    process.exitCode = report.exitCode;
  },
};

function readResult(file: string): RunReport {
  const fail = (message: string, fix: string): never => {
    throw new InvalidInputError([{ severity: 'error', rule: 'result', path: [], message, fix, file }]);
  };
  const bytes = readCapped(file, MAX_RESULT_BYTES, fail); // never reads /dev/zero forever
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    return fail('is not a readable JSON result', 'pass the result.json that `dowdrill run --out DIR` wrote');
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== REPORT_SCHEMA_VERSION)
    fail(
      `has schemaVersion ${JSON.stringify(version)}, expected ${REPORT_SCHEMA_VERSION}`,
      'render it with the dowdrill version that wrote it',
    );
  if (!(data as { projection?: unknown }).projection)
    fail(
      'is not a result.json (report.json is a rendered report and cannot be re-rendered)',
      'pass the result.json that `dowdrill run --out DIR` wrote beside it',
    );
  return data as RunReport;
}
