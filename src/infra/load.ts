// The front door from infrastructure code: a file → the Stack (the reader picked by content) →
// one generated scenario per endpoint, each parsed and validated exactly as a scenario file is
// (schema → normalise → rules). A file no reader knows, or a stack with no route, is a located
// InvalidInputError (exit 2), as is a generated scenario that would not validate.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Scenario } from '../model.js';
import { normaliseScenario } from '../scenario/normalise.js';
import { InvalidInputError, type Problem } from '../scenario/problems.js';
import { runRules } from '../scenario/rules.js';
import { scenarioSchema } from '../scenario/scenario-schema.js';
import { isCloudFormation, readCloudFormation } from './cfn.js';
import { readHcl } from './hcl.js';
import { writeScenario } from './scenario-writer.js';
import { isServerless, readServerless } from './serverless.js';
import { type EndpointSpec, type Stack, uniqueIds } from './stack.js';
import { isTerraformPlan, readTerraformPlan } from './terraform-plan.js';
import { readTree } from './tree.js';

/** Any supported file; `.tf` (HCL) goes through the WebAssembly HCL parser, hence async. */
export async function loadStack(file: string): Promise<Stack> {
  if (isDirectory(file)) return cdkOut(file);
  return /\.tf$/i.test(file) ? finish(await readHcl(file)) : readStack(file);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A `cdk.out` directory: every `*.template.json` in it (one per synthesized stack), as one stack. */
function cdkOut(dir: string): Stack {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.template.json'))
    .sort();
  if (files.length === 0)
    refuse(
      dir,
      'is a directory with no *.template.json',
      'run `cdk synth` and pass cdk.out, or pass one template',
    );
  const stacks = files.map((f) => readStack(join(dir, f)));
  return {
    file: dir,
    format: 'cloudformation',
    endpoints: uniqueIds(stacks.flatMap((s) => s.endpoints)),
    unresolved: stacks.flatMap((s) => s.unresolved),
  };
}

/** Every format but `.tf` (which needs loadStack). */
export function readStack(file: string): Stack {
  if (/\.tf$/i.test(file))
    refuse(file, 'is Terraform HCL: read it with loadStack', 'call loadStack, or pass plan JSON');
  const tree = readTree(file);
  const stack = isCloudFormation(tree.root)
    ? readCloudFormation(tree)
    : isTerraformPlan(tree.root)
      ? readTerraformPlan(tree)
      : isServerless(tree.root)
        ? readServerless(tree)
        : refuse(
            file,
            'is not a CloudFormation/SAM template (no Resources with a Type), a Terraform plan (no format_version and planned_values) or a serverless.yml (no service)',
            'pass a template (template.yaml, cdk.out/*.template.json), `terraform show -json` output or serverless.yml',
          );
  return finish(stack);
}

function finish(stack: Stack): Stack {
  const file = stack.file;
  if (stack.endpoints.length === 0)
    refuse(
      file,
      'declares no route that reaches a Lambda function (API Gateway REST or HTTP API, or a function URL)',
      'check the file: routes come from SAM Api/HttpApi events, AWS::ApiGateway::Method, AWS::ApiGatewayV2::Route, AWS::Lambda::Url, Terraform aws_api_gateway_method/aws_apigatewayv2_route or serverless http/httpApi events',
    );
  // In file order, each once (a Globals value shared by two functions is one entry per function).
  const seen = new Set<string>();
  const unresolved = stack.unresolved
    .filter((u) => {
      const key = `${u.at.line}\u0000${u.affects}\u0000${u.what}`;
      return !seen.has(key) && Boolean(seen.add(key));
    })
    .sort((a, b) => a.at.line - b.at.line);
  return { ...stack, unresolved };
}

function refuse(file: string, message: string, fix: string): never {
  throw new InvalidInputError([{ severity: 'error', rule: 'infra', path: [], message, fix, file }]);
}

export interface GeneratedScenario {
  endpoint: EndpointSpec;
  /** The commented YAML text `init` writes. */
  text: string;
  scenario: Scenario;
}

/** One validated scenario per endpoint of the stack. */
export function generateScenarios(stack: Stack, command: string): GeneratedScenario[] {
  return stack.endpoints.map((endpoint) => {
    const text = writeScenario(stack, endpoint, command);
    return { endpoint, text, scenario: parseGenerated(text, endpoint) };
  });
}

/**
 * The generated text through the scenario pipeline. A problem here is a value in the template
 * dowdrill cannot drill or price (memory above 10,240 MB, a WAF limit under 10): it is located at
 * the template line that wrote it.
 */
export function parseGenerated(text: string, e: EndpointSpec): Scenario {
  const fail = (problems: Problem[]): never => {
    throw new InvalidInputError(problems.map((p) => ({ ...p, ...where(e, p.path) })));
  };
  const written = scenarioSchema.safeParse(parse(text));
  if (!written.success)
    fail(
      written.error.issues.map((i) => {
        const path = i.path.filter((k): k is string | number => typeof k !== 'symbol');
        return {
          severity: 'error',
          rule: 'schema',
          path,
          message: `${e.method} ${e.path}: the template gives a value dowdrill cannot drill or price (${i.message})`,
          fix: 'check the setting at this line',
        };
      }),
    );
  const scenario = normaliseScenario(written.data!, {});
  const errors = runRules(scenario).filter((p) => p.severity === 'error');
  if (errors.length > 0) fail(errors);
  return scenario;
}

/** The template line behind a generated scenario's path (the route's own line when unknown). */
function where(e: EndpointSpec, path: readonly (string | number)[]): { file: string; line?: number } {
  const key = String(path.at(-1) ?? '');
  const fn = e.function;
  const plan = e.usagePlans[0];
  const source =
    key === 'memoryMb'
      ? fn.memoryMb?.at
      : key === 'timeoutMs' || key === 'timeout'
        ? fn.timeoutMs?.at
        : key === 'reservedConcurrency'
          ? fn.reservedConcurrency?.at
          : path.includes('waf')
            ? e.waf[0]?.limit.at
            : path.includes('usagePlans')
              ? (plan?.throttle ?? plan?.quota)?.at
              : path.includes('throttle')
                ? e.throttle?.at
                : undefined;
  const at = source ?? e.at;
  return at.line > 0 ? { file: at.file, line: at.line } : { file: at.file };
}
