// `dowdrill init --from FILE [--out scenario.yaml]`: a commented scenario per route of a
// CloudFormation/SAM/CDK template, Terraform plan JSON or serverless.yml (src/infra). One route
// writes --out itself; several write one file each beside it (scenario.get-orders.yaml …). Every
// file is validated before anything is written; an existing file is kept unless --force.

import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import { generateScenarios, loadStack } from '../../infra/load.js';
import { loc } from '../../infra/scenario-writer.js';
import { InvalidInputError } from '../../scenario/problems.js';
import { EXIT_CODES_HELP, writeFileAtomic } from '../output.js';

interface Args {
  from: string;
  out: string;
  force: boolean;
}

export const initCommand: CommandModule<object, Args> = {
  command: 'init',
  describe:
    'Write a drill scenario per route from infrastructure code (SAM/CloudFormation/CDK, Terraform plan JSON, serverless.yml)',
  builder: (y) =>
    y
      .option('from', {
        type: 'string',
        demandOption: true,
        describe: 'Template, cdk.out/*.template.json, plan JSON or serverless.yml',
      })
      .option('out', {
        type: 'string',
        default: 'scenario.yaml',
        describe: 'Scenario file; with several routes, one file per route beside it',
      })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite existing files' })
      .example('$0 init --from template.yaml', 'One scenario per route of a SAM app')
      .example('$0 init --from plan.json --out drills/api.yaml', 'From `terraform show -json tfplan`')
      .epilogue(EXIT_CODES_HELP) as never,
  handler: async (args) => {
    const stack = await loadStack(args.from);
    const generated = generateScenarios(stack, `dowdrill init --from ${args.from}`);
    const paths = generated.map((g) =>
      generated.length === 1 ? args.out : perRoute(args.out, g.endpoint.id),
    );
    const existing = paths.filter((p) => existsSync(p));
    if (existing.length > 0 && !args.force)
      throw new InvalidInputError(
        existing.map((p) => ({
          severity: 'error',
          rule: 'option',
          path: ['--out'],
          message: `${p} exists`,
          fix: 'pass another --out, or --force to overwrite it',
        })),
      );
    for (const [i, g] of generated.entries()) writeFileAtomic(paths[i]!, g.text);
    for (const u of stack.unresolved)
      process.stderr.write(`unresolved ${loc(u.at)} ${u.affects}: ${u.what}\n`);
    for (const [i, g] of generated.entries())
      process.stdout.write(`${paths[i]} ${g.endpoint.method} ${g.endpoint.path}
`);
  },
};

/** `drills/scenario.yaml` + `get-orders` → `drills/scenario.get-orders.yaml`. */
export function perRoute(out: string, id: string): string {
  const ext = extname(out) || '.yaml';
  return join(dirname(out), `${basename(out, extname(out))}.${id}${ext}`);
}
