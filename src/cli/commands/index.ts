// Every command, registered in one place (STYLE rule 10).

import type { CommandModule } from 'yargs';
import { costCommand } from './cost.js';
import { emulateCommand } from './emulate.js';
import { initCommand } from './init.js';
import { k8sCommand } from './k8s.js';
import { mergeCommand } from './merge.js';
import { planCommand } from './plan.js';
import { priceCommand } from './price.js';
import { reportCommand } from './report.js';
import { runCommand } from './run.js';
import { schemaCommand } from './schema.js';
import { validateCommand } from './validate.js';

// yargs' CommandModule generics don't unify across commands with different argument types.
export const commands = [
  runCommand,
  planCommand,
  costCommand,
  priceCommand,
  validateCommand,
  emulateCommand,
  reportCommand,
  schemaCommand,
  initCommand,
  mergeCommand,
  k8sCommand,
] as unknown as CommandModule[];
