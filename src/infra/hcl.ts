// Terraform `.tf` (HCL) → the same Stack as a plan JSON. @cdktf/hcl2json (HashiCorp's HCL parser
// compiled to WebAssembly, no native download) turns the file into JSON; that JSON is reshaped into
// the plan JSON layout (literal values in `planned_values`, `${…}` references in `configuration`)
// so readTerraformPlan links and reads it unchanged. hcl2json keeps no positions, so each value
// is located by finding `key =` after its `resource "type" "name"` line. A value that is an
// expression (`var.x` without default, a local, a data source) is listed, never guessed.

import { readCapped } from '../scenario/document.js';
import { InvalidInputError } from '../scenario/problems.js';
import type { Stack, Unresolved } from './stack.js';
import { readTerraformPlan } from './terraform-plan.js';
import { asRecord, MAX_TEMPLATE_BYTES, type Tree } from './tree.js';

/** Settings the readers use: an unresolvable expression in one of them is listed. */
const READ_KEYS = new Set([
  'memory_size',
  'timeout',
  'reserved_concurrent_executions',
  'throttling_rate_limit',
  'throttling_burst_limit',
  'rate_limit',
  'burst_limit',
  'limit',
  'evaluation_window_sec',
  'route_key',
  'http_method',
  'path_part',
]);

export async function readHcl(file: string): Promise<Stack> {
  const fail = (message: string, fix: string): never => {
    throw new InvalidInputError([{ severity: 'error', rule: 'file', path: [], message, fix, file }]);
  };
  const text = readCapped(file, MAX_TEMPLATE_BYTES, fail).toString('utf8');
  let json: Record<string, unknown>;
  try {
    // Loaded on first use: the WebAssembly parser costs nothing to commands that never read HCL.
    const { parse } = await import('@cdktf/hcl2json');
    json = (await parse(file, text)) as Record<string, unknown>;
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    const line = Number(/:(\d+),\d+/.exec(message)?.[1] ?? 0);
    throw new InvalidInputError([
      {
        severity: 'error',
        rule: 'syntax',
        path: [],
        message: `not valid HCL: ${message.replace(/^.*?:\d+,\d+-?\d*:?\s*/, '')}`,
        fix: 'fix the syntax at this line (`terraform validate` says more)',
        file,
        ...(line > 0 ? { line } : {}),
      },
    ]);
  }
  const lines = text.split('\n');
  const blockLine = new WeakMap<object, number>();
  const unresolved: Unresolved[] = [];
  const variables = variableDefaults(json);
  const planned: Record<string, unknown>[] = [];
  const configured: Record<string, unknown>[] = [];
  for (const [type, byName] of Object.entries(asRecord(json.resource) ?? {})) {
    for (const [name, blocks] of Object.entries(asRecord(byName) ?? {})) {
      const body = asRecord(Array.isArray(blocks) ? blocks[0] : blocks) ?? {};
      const address = `${type}.${name}`;
      const start = lines.findIndex((l) => new RegExp(`^\\s*resource\\s+"${type}"\\s+"${name}"`).test(l)) + 1;
      const ctx = { address, start, lines, unresolved, variables, file };
      const values = literals(ctx, body, blockLine);
      planned.push({ address, type, name, values });
      configured.push({ address, type, name, expressions: references(body) });
    }
  }
  const root = {
    format_version: 'hcl',
    planned_values: { root_module: { resources: planned } },
    configuration: { root_module: { resources: configured } },
  };
  const tree: Tree = {
    file,
    root,
    at: (container, key) => ({
      file,
      line: lineAfter(lines, blockLine.get(container as object) ?? 0, String(key)),
    }),
  };
  const stack = readTerraformPlan(tree);
  return { ...stack, format: 'terraform-hcl', unresolved: [...unresolved, ...stack.unresolved] };
}

/** variable "x" { default = … } → x → default. */
function variableDefaults(json: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, blocks] of Object.entries(asRecord(json.variable) ?? {})) {
    const body = asRecord(Array.isArray(blocks) ? blocks[0] : blocks);
    if (body && 'default' in body) out.set(name, body.default);
  }
  return out;
}

interface Ctx {
  address: string;
  start: number;
  lines: string[];
  unresolved: Unresolved[];
  variables: Map<string, unknown>;
  file: string;
}

/**
 * The body with every `${…}` expression dropped (or replaced by its variable's default). Each
 * object is mapped to the line its block starts on (`start`), so `key =` is looked up from there:
 * the n-th `route_settings {` block is the n-th one after its parent's line.
 */
function literals(
  ctx: Ctx,
  v: unknown,
  blockLine: WeakMap<object, number>,
  key = '',
  start = ctx.start,
): unknown {
  if (Array.isArray(v)) {
    let from = start;
    const out = v.map((x) => {
      const line = asRecord(x) && key ? lineAfter(ctx.lines, from, key) : start;
      from = line + 1;
      return literals(ctx, x, blockLine, key, line);
    });
    blockLine.set(out, start);
    return out;
  }
  const rec = asRecord(v);
  if (rec) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(rec)) {
      const lit = literals(ctx, x, blockLine, k, start);
      if (lit !== undefined) out[k] = lit;
    }
    blockLine.set(out, start);
    return out;
  }
  if (typeof v !== 'string' || !v.includes('${')) return v;
  const variable = /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(v)?.[1];
  if (variable !== undefined && ctx.variables.has(variable)) return ctx.variables.get(variable);
  if (READ_KEYS.has(key))
    ctx.unresolved.push({
      at: { file: ctx.file, line: lineAfter(ctx.lines, start, key) },
      what: `${v.slice(2, -1)} is known only at plan time`,
      affects: `${ctx.address} ${key}`,
    });
  return undefined;
}

/** The body's `${…}` references, in the plan JSON's `expressions` shape: attr → { references }. */
function references(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(references);
  const rec = asRecord(v);
  if (rec) return Object.fromEntries(Object.entries(rec).map(([k, x]) => [k, references(x)]));
  if (typeof v !== 'string') return {};
  const refs = [...v.matchAll(/\$\{([^}]+)\}/g)].flatMap(
    (m) => (m[1] ?? '').match(/[a-z0-9_]+\.[A-Za-z0-9_-]+/g) ?? [],
  );
  return { references: refs };
}

/** The 1-based line of the first `key =` or `key {` at or after `start`; `start` when none. */
function lineAfter(lines: readonly string[], start: number, key: string): number {
  const re = new RegExp(`^\\s*"?${key.replace(/[^A-Za-z0-9_-]/g, '')}"?\\s*[={]`);
  for (let i = Math.max(0, start - 1); i < lines.length; i++) if (re.test(lines[i] ?? '')) return i + 1;
  return start;
}
