// The CLI: the only code that reads argv, writes stdout/stderr and sets the exit code.

import yargs from 'yargs';
import { EXIT } from '../model.js';
import { VERSION } from '../version.js';
import { commandsFor } from './commands/index.js';
import { EXIT_CODES_HELP } from './output.js';

export async function main(argv: string[]): Promise<void> {
  const commands = await commandsFor(argv);
  const cli = yargs(argv)
    .scriptName('dowdrill')
    .usage(
      '$0 <command> [options]\n\nDenial-of-Wallet drills: check that rate limits, timeouts and concurrency caps hold, and price what an attack would cost.',
    )
    .command(commands)
    .demandCommand(1, 'Name a command: dowdrill run, plan, cost, price, validate, emulate, report or schema.')
    .recommendCommands()
    .strict()
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .epilogue(EXIT_CODES_HELP)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .middleware(refuseRepeatedOptions, true)
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
  try {
    await cli.parseAsync();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`dowdrill: ${e.message}\nRun \`dowdrill --help\` for the commands and options.\n`);
      process.exitCode = EXIT.invalid;
      return;
    }
    // Loaded only on failure: the error table imports every error class's module.
    const { handleError } = await import('./errors.js');
    process.exitCode = handleError(e);
  }
}

class UsageError extends Error {}

/** Options that take a list; every other option given twice is refused before anything runs. */
const LIST_OPTIONS = new Set(['_', 'files', 'set']);

/**
 * `run --out a --out b` would become out: ['a', 'b'] and fail only after the drill was sent:
 * a repeated single-value option is a usage error (exit 2) before any work.
 */
function refuseRepeatedOptions(argv: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(argv)) {
    if (LIST_OPTIONS.has(key) || !Array.isArray(value) || key.includes('-')) continue;
    const flag = key.length === 1 ? `-${key}` : `--${key}`;
    throw new UsageError(
      `${flag} was given ${value.length} times (${value.map((v) => JSON.stringify(v)).join(', ')}); it takes one value: give it once${key === 'report' || key === 'format' ? ' (several formats go in one comma-separated list: json,html,md)' : ''}`,
    );
  }
}
