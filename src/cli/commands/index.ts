// Every command, registered in one place (STYLE rule 10).
//
// Loaded lazily: a command's module, and all it imports (the driver, the cost model, the zod
// schemas), is read only when that command is the one asked for. Every command loaded eagerly
// cost `dowdrill --version` about a second of module loading, and every spawned CLI test paid it.

import type { CommandModule } from 'yargs';

// yargs' CommandModule generics don't unify across commands with different argument types.
type Loader = () => Promise<CommandModule>;
const as = (m: unknown): CommandModule => m as CommandModule;

export const COMMAND_LOADERS: Record<string, Loader> = {
  run: async () => as((await import('./run.js')).runCommand),
  plan: async () => as((await import('./plan.js')).planCommand),
  cost: async () => as((await import('./cost.js')).costCommand),
  price: async () => as((await import('./price.js')).priceCommand),
  validate: async () => as((await import('./validate.js')).validateCommand),
  emulate: async () => as((await import('./emulate.js')).emulateCommand),
  report: async () => as((await import('./report.js')).reportCommand),
  schema: async () => as((await import('./schema.js')).schemaCommand),
  init: async () => as((await import('./init.js')).initCommand),
  merge: async () => as((await import('./merge.js')).mergeCommand),
  k8s: async () => as((await import('./k8s.js')).k8sCommand),
};

/**
 * The commands yargs needs for this argv: the one named (its own --help, options and strict
 * checks come with it); none for a bare `--version`; all of them otherwise (the top-level help,
 * and "did you mean" for a misspelt command).
 */
export async function commandsFor(argv: readonly string[]): Promise<CommandModule[]> {
  const named = argv.find((a) => !a.startsWith('-'));
  const load =
    named !== undefined && Object.hasOwn(COMMAND_LOADERS, named) ? COMMAND_LOADERS[named] : undefined;
  if (load) return [await load()];
  if (named === undefined && argv.length === 1 && argv[0] === '--version') return [];
  return Promise.all(Object.values(COMMAND_LOADERS).map((load) => load()));
}
