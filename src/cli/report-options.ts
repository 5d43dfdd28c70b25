// The report options `run` and `merge` share (--out, --report, --json), declared once so the two
// commands cannot drift apart; each command says in its own words what --out and --json hold.

import type { Argv } from 'yargs';

export interface ReportArgs {
  out?: string;
  report?: string;
  json: boolean;
}

export function withReportOptions<T>(
  y: Argv<T>,
  describe: { out: string; json: string },
): Argv<T & ReportArgs> {
  return y
    .option('out', { type: 'string', describe: describe.out })
    .option('report', {
      type: 'string',
      describe: 'Report formats to write to --out: json,html,junit,md,csv',
    })
    .option('json', { type: 'boolean', default: false, describe: describe.json }) as Argv<T & ReportArgs>;
}
