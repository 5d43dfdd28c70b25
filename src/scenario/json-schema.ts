// The JSON Schema for editors, generated from the zod schema (STYLE rule 5). The input side is
// exported: that is what users write ("30s", "500/s").

import { z } from 'zod';
import { scenarioSchema } from './scenario-schema.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
    $id: 'https://dowdrill.dev/schema/scenario-v1.json',
    title: 'dowdrill scenario',
  };
}
