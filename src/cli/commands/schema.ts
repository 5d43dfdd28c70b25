import type { CommandModule } from 'yargs';
import { scenarioJsonSchema } from '../../scenario/json-schema.js';

export const schemaCommand: CommandModule<object, object> = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editors; committed as scenarios/schema.json)',
  builder: (y) => y.example('$0 schema > scenarios/schema.json', 'Regenerate the editor schema'),
  handler: () => {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  },
};
