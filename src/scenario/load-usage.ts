// Loading a usage file (`dowdrill price`): the same document edge as scenarios, so every problem
// is reported with file:line:column and exit code 2.

import type { UsageFile } from '../cost/usage-schema.js';
import { usageFileSchema } from '../cost/usage-schema.js';
import { parseWithSchema, readDocument, toPlain } from './document.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Read, parse and validate a usage file; problems throw InvalidInputError (exit 2). */
export function loadUsageFile(file: string, env: Env = process.env): UsageFile {
  const parsed = readDocument(file, env);
  return parseWithSchema(parsed, usageFileSchema, toPlain(parsed));
}
