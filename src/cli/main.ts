// The CLI: the only code that reads argv, writes stdout/stderr and sets the exit code.

import yargs from 'yargs';
import { EXIT } from '../model.js';
import { VERSION } from '../version.js';
import { commands } from './commands/index.js';
import { handleError } from './errors.js';
import { EXIT_CODES_HELP } from './output.js';

export async function main(argv: string[]): Promise<void> {
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
    process.exitCode = handleError(e);
  }
}

class UsageError extends Error {}
