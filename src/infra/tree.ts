// The file edge of the infrastructure readers: read a template (YAML or JSON, both through the
// `yaml` parser so every value keeps its line), turn CloudFormation's short-form intrinsic tags
// (`!Ref X`, `!GetAtt A.B`, `!Sub`, `!If` …) into their long forms (`{Ref: X}`, `{"Fn::GetAtt":
// [A, B]}` …), and keep a side table of lines so a reader can say where each value was written.
// Malformed files are one located InvalidInputError (exit 2), never a stack trace.

import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { readCapped } from '../scenario/document.js';
import { InvalidInputError, type Problem } from '../scenario/problems.js';
import type { Source } from './stack.js';

/** Templates are bigger than scenarios (a CDK synth of a large app runs to megabytes). */
export const MAX_TEMPLATE_BYTES = 8 * 1_048_576;
const MAX_DEPTH = 128;
/** Alias expansions per file: a few anchors are normal; thousands are a billion-laughs bomb. */
const MAX_ALIASES = 1000;

export interface Tree {
  file: string;
  root: unknown;
  /** Where `container[key]` was written (line 0 when unknown). */
  at(container: unknown, key: string | number): Source;
}

export function readTree(file: string): Tree {
  const fail = (message: string, fix: string): never => {
    throw new InvalidInputError([{ severity: 'error', rule: 'file', path: [], message, fix, file }]);
  };
  const text = readCapped(file, MAX_TEMPLATE_BYTES, fail).toString('utf8');
  return parseTree(text, file);
}

/** Text → tree; exported for tests. */
export function parseTree(text: string, file: string): Tree {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems: Problem[] = doc.errors.slice(0, 20).map((e) => ({
      severity: 'error',
      rule: 'syntax',
      path: [],
      message: `not valid YAML or JSON: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      fix: 'fix the syntax at this line',
      file,
      ...position(lines, e.pos[0]),
    }));
    throw new InvalidInputError(problems);
  }
  const table = new WeakMap<object, Map<string | number, number>>();
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 0);
  let aliases = 0;
  const convert = (node: unknown, depth: number): unknown => {
    if (isAlias(node)) aliases++;
    if (depth > MAX_DEPTH || aliases > MAX_ALIASES) {
      throw new InvalidInputError([
        {
          severity: 'error',
          rule: 'syntax',
          path: [],
          message:
            aliases > MAX_ALIASES
              ? `expands more than ${MAX_ALIASES} aliases`
              : `nested more than ${MAX_DEPTH} levels deep`,
          fix: 'check you passed a template',
          file,
          line: lineOf(node as Node),
        },
      ]);
    }
    if (isAlias(node)) return convert(node.resolve(doc), depth + 1);
    let value: unknown;
    const keys = new Map<string | number, number>();
    if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
        if (key === '__proto__') continue;
        obj[key] = convert(pair.value, depth + 1);
        // The key's line: a block value starts on the next one.
        keys.set(key, lineOf(pair.key as Node) || lineOf(pair.value as Node | null));
      }
      value = obj;
    } else if (isSeq(node)) {
      value = node.items.map((item, i) => {
        keys.set(i, lineOf(item as Node));
        return convert(item, depth + 1);
      });
    } else if (isScalar(node)) {
      value = node.value;
    } else {
      value = null;
    }
    if (value !== null && typeof value === 'object') table.set(value, keys);
    const tag = (node as { tag?: string } | null)?.tag;
    return tag?.startsWith('!') && !tag.startsWith('!!') ? longForm(tag.slice(1), value, keys, table) : value;
  };
  const root = convert(doc.contents, 0);
  return {
    file,
    root,
    at: (container, key) => ({
      file,
      line: container !== null && typeof container === 'object' ? (table.get(container)?.get(key) ?? 0) : 0,
    }),
  };
}

function position(lines: LineCounter, offset: number): { line: number; column: number } {
  const p = lines.linePos(offset);
  return { line: p.line, column: p.col };
}

/** `!Ref X` → `{Ref: X}`; `!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`; `!Sub s` → `{"Fn::Sub": s}`. */
function longForm(
  name: string,
  value: unknown,
  keys: Map<string | number, number>,
  table: WeakMap<object, Map<string | number, number>>,
): unknown {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  const inner =
    name === 'GetAtt' && typeof value === 'string'
      ? [value.slice(0, value.indexOf('.')), value.slice(value.indexOf('.') + 1)]
      : value;
  const out = { [key]: inner };
  const line = [...keys.values()][0] ?? 0;
  table.set(out, new Map([[key, line]]));
  return out;
}

/** The value as a plain record, or null. */
export function asRecord(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
