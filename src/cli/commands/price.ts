// `dowdrill price USAGE`: price a month of usage from a usage file; `--list` shows the service ids
// and their keys. The file goes through the same document edge as scenarios, so every problem is
// printed with file:line:column and the exit code is 2.

import type { CommandModule } from 'yargs';
import { displayMoney } from '../../cost/money.js';
import { listServices, priceUsage } from '../../cost/price.js';
import type { Bill } from '../../cost/types.js';
import { EXIT } from '../../model.js';
import { renderBillCsv, renderBillTable } from '../../report/bill-table.js';
import { loadUsageFile } from '../../scenario/load-usage.js';
import { useColor } from '../output.js';

interface Args {
  usage?: string;
  json: boolean;
  csv: boolean;
  list: boolean;
}

export const priceCommand: CommandModule<object, Args> = {
  command: 'price [usage]',
  describe: 'Price a month of usage from a usage file (YAML or JSON). Sends nothing.',
  builder: (y) =>
    y
      .positional('usage', { type: 'string', describe: 'Usage file: services with their monthly usage' })
      .option('json', { type: 'boolean', default: false, describe: 'Print { totalUsd, lines } as JSON' })
      .option('csv', {
        type: 'boolean',
        default: false,
        describe: 'Print the lines as CSV at full precision (--json wins if both)',
      })
      .option('list', {
        type: 'boolean',
        default: false,
        describe: 'List the service ids, their usage keys and price keys',
      })
      .example(
        '$0 price scenarios/usage/example.yaml',
        'Price the example month: every line, its source, the total',
      )
      .example('$0 price usage.yaml --json', 'The bill as JSON')
      .example('$0 price --list', 'Which services and keys a usage file may use') as never,
  handler: (args) => {
    if (args.list) {
      process.stdout.write(args.json ? `${JSON.stringify(listServices(), null, 2)}\n` : renderServiceList());
      return;
    }
    if (!args.usage) {
      process.stderr.write(
        'dowdrill price: name a usage file, or pass --list.\nExample: dowdrill price scenarios/usage/example.yaml\n',
      );
      process.exitCode = EXIT.invalid;
      return;
    }
    const bill = priceUsage(loadUsageFile(args.usage));
    process.stdout.write(renderBill(bill, args));
    process.exitCode = EXIT.ok;
  },
};

/**
 * The --json contract: exactly these keys per line, the source and the date it was seen included;
 * money without float noise (displayMoney: 12 significant digits).
 */
export function billJson(bill: Bill): string {
  const lines = bill.lines.map(({ service, name, unit, quantity, unitPriceUsd, costUsd, source, seen }) => ({
    service,
    name,
    unit,
    quantity: displayMoney(quantity),
    unitPriceUsd: displayMoney(unitPriceUsd),
    costUsd: displayMoney(costUsd),
    source,
    seen: seen ?? null,
  }));
  return `${JSON.stringify({ totalUsd: displayMoney(bill.totalUsd), lines }, null, 2)}\n`;
}

function renderBill(bill: Bill, args: Args): string {
  if (args.json) return billJson(bill);
  if (args.csv) return renderBillCsv(bill);
  return `${renderBillTable(bill, { color: useColor(process.stdout) })}\n`;
}

function renderServiceList(): string {
  const out: string[] = [];
  for (const s of listServices()) {
    out.push(
      `${s.id}  ${s.title}`,
      `  usage keys: ${s.keys.join(', ')}`,
      `  price keys: ${s.priceKeys.join(', ')}`,
      '',
    );
  }
  return `${out.join('\n')}\n`;
}
