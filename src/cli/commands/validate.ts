import type { CommandModule } from 'yargs';
import { EXIT } from '../../model.js';
import { loadScenario } from '../../scenario/load.js';
import { formatProblemList, InvalidInputError, type Problem } from '../../scenario/problems.js';
import { overridesFrom, setOption } from '../set-option.js';

interface Args {
  files: string[];
  set?: string[];
}

export const validateCommand: CommandModule<object, Args> = {
  command: 'validate <files..>',
  describe: 'Check scenario files: schema, units, cross-field rules. Sends nothing.',
  builder: (y) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'Scenario files (YAML or JSON)',
      })
      .option('set', setOption)
      .example('$0 validate scenarios/*.yaml', 'Validate every example scenario') as never,
  handler: (args) => {
    const overrides = overridesFrom(args.set);
    let failed = 0;
    for (const file of args.files) {
      try {
        const { warnings } = loadScenario(file, process.env, overrides);
        printAll(warnings);
        process.stdout.write(
          `ok ${file}${warnings.length ? ` (${warnings.length} warning${warnings.length > 1 ? 's' : ''})` : ''}\n`,
        );
      } catch (e) {
        if (!(e instanceof InvalidInputError)) throw e;
        failed++;
        printAll(e.problems, e.omitted);
        process.stdout.write(`invalid ${file}\n`);
      }
    }
    if (failed > 0)
      process.stderr.write(
        `${failed} of ${args.files.length} file${args.files.length > 1 ? 's are' : ' is'} invalid.\n`,
      );
    process.exitCode = failed > 0 ? EXIT.invalid : EXIT.ok;
  },
};

function printAll(problems: readonly Problem[], omitted = 0): void {
  for (const line of formatProblemList(problems, omitted)) process.stderr.write(`${line}\n`);
}
