// The file/YAML edge shared by scenarios and usage files: read a file, parse YAML or JSON with
// positions, interpolate ${env:NAME}, run a zod schema, and map every problem back to
// file:line:column. Parser work is bounded (size, aliases, depth) so hostile input can't hang it.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import {
  type Document,
  isAlias,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
} from 'yaml';
import type { z } from 'zod';
import { createRedactor, type Redactor } from '../redact.js';
import { explainIssue, misspeltParentIssues } from './issue-messages.js';
import { MAX_IDENTITY_VALUES } from './limits.js';
import { InvalidInputError, MAX_KEPT_PROBLEMS, type Problem, redactProblem } from './problems.js';
import { referenceFindings } from './references.js';
import { quote } from './units.js';

export const MAX_FILE_BYTES = 1_048_576;
const MAX_ALIAS_COUNT = 50;
const MAX_DEPTH = 64;
/** The longest list any file may hold (twice the longest a valid one needs). */
const MAX_LIST_ITEMS = 2 * MAX_IDENTITY_VALUES;

export interface ParsedDocument {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Values substituted from the environment: secrets, redacted in every output. */
  secrets: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

export function readDocument(file: string, env: Env): ParsedDocument {
  return parseDocumentText(readText(file), file, env);
}

/**
 * The pure half of readDocument: YAML or JSON text → the parsed document with positions and
 * `${env:...}` interpolated from `env`. `file` names the text in every problem. Throws
 * InvalidInputError with every syntax or shape problem at once.
 */
export function parseDocumentText(text: string, file: string, env: Env): ParsedDocument {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const parsed: ParsedDocument = { file, doc, lines, secrets: [] };
  const problems: Problem[] = doc.errors.slice(0, MAX_KEPT_PROBLEMS).map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return {
      severity: 'error',
      rule: 'syntax',
      path: [],
      message: `not valid YAML or JSON: ${firstLine(e.message)}`,
      fix: 'fix the syntax at this line',
      file,
      line: pos.line,
      column: pos.col,
    };
  });
  if (problems.length === 0) problems.push(...checkShape(parsed), ...interpolateEnv(parsed, env));
  if (problems.length === 0 && doc.contents === null) {
    problems.push({
      severity: 'error',
      rule: 'syntax',
      path: [],
      message: 'the file is empty',
      fix: 'write a scenario; see scenarios/quickstart.yaml',
      file,
    });
  }
  if (problems.length > 0)
    throw new InvalidInputError(problems, Math.max(0, doc.errors.length - MAX_KEPT_PROBLEMS));
  return parsed;
}

function readText(file: string): string {
  const fail = (message: string, fix: string): never => {
    throw new InvalidInputError([{ severity: 'error', rule: 'file', path: [], message, fix, file }]);
  };
  const buf = readCapped(file, MAX_FILE_BYTES, fail);
  if (buf.includes(0)) fail('is a binary file (it contains NUL bytes)', 'pass a YAML or JSON text file');
  let text = '';
  try {
    // fatal: a real U+FFFD written in the file is valid UTF-8; only undecodable bytes are refused.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    fail('is not valid UTF-8 text', 'save the file as UTF-8');
  }
  if (file.toLowerCase().endsWith('.json')) checkJson(text, file);
  return text;
}

/**
 * The file's bytes, at most `maxBytes`: read with a hard cap rather than trusting `stat`, so
 * /dev/zero, a FIFO or a file that grows while read can never make the loader read forever.
 */
export function readCapped(
  file: string,
  maxBytes: number,
  fail: (message: string, fix: string) => never,
): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return fail('cannot be read (no such file, or no permission)', 'check the path');
  }
  try {
    if (fstatSync(fd).isDirectory()) fail('is a directory, not a file', 'pass a .yaml or .json file');
    const chunks: Buffer[] = [];
    let size = 0;
    while (size <= maxBytes) {
      const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - size));
      let n = 0;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch {
        fail('cannot be read (an I/O error)', 'check the path');
      }
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      size += n;
    }
    if (size > maxBytes)
      fail(
        `is more than ${maxBytes} bytes, the limit for ${maxBytes === MAX_FILE_BYTES ? 'a scenario or usage file' : 'this file'}`,
        maxBytes === MAX_FILE_BYTES
          ? 'a scenario is a few kilobytes: check you passed the right file'
          : 'check you passed the right file',
      );
    return Buffer.concat(chunks, size);
  } finally {
    closeSync(fd);
  }
}

/**
 * A .json file must be JSON: YAML accepts `{"a": 1,}` (a trailing comma), JSON does not, so the
 * file is checked with JSON.parse first and its error located by line and column.
 */
function checkJson(text: string, file: string): void {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const comma = trailingCommaOffset(text);
    const offset = comma ?? /position (\d+)/.exec(message)?.[1];
    const pos = offset === undefined ? { line: 1, col: 1 } : lineColumn(text, Number(offset));
    const trailingComma = comma !== undefined;
    throw new InvalidInputError([
      {
        severity: 'error',
        rule: 'syntax',
        path: [],
        message: trailingComma
          ? 'not valid JSON: a trailing comma before a closing bracket or brace'
          : `not valid JSON: ${firstLine(message).replace(/ in JSON at position \d+.*$/, '')}`,
        fix: trailingComma ? 'remove the comma' : 'fix the syntax at this line (or save the file as .yaml)',
        file,
        line: pos.line,
        column: pos.col,
      },
    ]);
  }
}

/** Offset of the first comma right before a closing `]` or `}` outside strings (JSON forbids it). */
function trailingCommaOffset(text: string): number | undefined {
  let inString = false;
  let lastComma: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (c === ']' || c === '}') {
      if (lastComma !== undefined) return lastComma;
    } else if (c === ',') lastComma = i;
    if (c !== ',' && c !== undefined && !/\s/.test(c)) lastComma = undefined;
  }
  return undefined;
}

function lineColumn(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Bounds checked on the parsed tree before the schema sees it: nesting depth, and the length of
 * every list (the longest a valid file holds is MAX_IDENTITY_VALUES), so a file of 40,000 bad
 * entries is one problem, not 40,000 schema issues that take seconds to find.
 */
function checkShape(p: ParsedDocument): Problem[] {
  let tooDeep: Node | null = null;
  let tooLong: Node | null = null;
  let tooLongItems = 0;
  let protoKey: Node | null = null;
  visit(p.doc, {
    Pair(_key, pair) {
      // `__proto__` becomes an object's prototype, not a key, in JavaScript: never a real key here.
      if (isScalar(pair.key) && pair.key.value === '__proto__' && !protoKey) protoKey = pair.key;
    },
    Node(_key, node, path) {
      if (path.length > MAX_DEPTH * 2 && !tooDeep) {
        tooDeep = node;
        return visit.BREAK;
      }
      if (isSeq(node) && node.items.length > MAX_LIST_ITEMS && !tooLong) {
        tooLong = node;
        tooLongItems = node.items.length;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (tooDeep)
    return [
      {
        ...at(p, tooDeep),
        severity: 'error',
        rule: 'syntax',
        path: [],
        message: `nesting deeper than ${MAX_DEPTH} levels`,
        fix: 'a scenario is only a few levels deep: check the file',
      },
    ];
  if (protoKey)
    return [
      {
        ...at(p, protoKey),
        severity: 'error',
        rule: 'syntax',
        path: [],
        message: 'a key named "__proto__" is not allowed',
        fix: 'remove it or check its spelling (`dowdrill schema` lists every key)',
      },
    ];
  if (tooLong)
    return [
      {
        ...at(p, tooLong),
        severity: 'error',
        rule: 'syntax',
        path: [],
        message: `a list of ${tooLongItems} items, above the ${MAX_LIST_ITEMS} any list in the file may hold`,
        fix: 'shorten the list (`dowdrill schema` gives the most each key takes)',
      },
    ];
  return [];
}

const ENV_RE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Free-text keys: a `$` there is prose, not a reference. */
const PROSE_KEYS = new Set(['name', 'description', '$schema']);

/**
 * Replace `${env:NAME}` (or `${env:NAME:-default}`) in every string scalar; unset names are
 * problems, and so is any other reference-shaped text (references.ts), found before replacing.
 */
function interpolateEnv(p: ParsedDocument, env: Env): Problem[] {
  const problems: Problem[] = [];
  visit(p.doc, {
    Scalar(_key, node, ancestors) {
      if (typeof node.value !== 'string') return;
      const path = keyPath(ancestors, node);
      const parent = ancestors[ancestors.length - 1];
      const isKey = isPair(parent) && parent.key === node;
      if (!isKey && !PROSE_KEYS.has(String(path[path.length - 1])))
        for (const { message, fix } of referenceFindings(node.value))
          problems.push({ ...at(p, node), severity: 'error', rule: 'reference', path, message, fix });
      if (!node.value.includes('${env:')) return;
      node.value = node.value.replace(ENV_RE, (_m, name: string, fallback: string | undefined) => {
        // Own properties only: `${env:toString}` must not find Object.prototype.toString.
        const fromEnv = Object.hasOwn(env, name) ? env[name] : undefined;
        const value = fromEnv ?? fallback;
        if (value === undefined) {
          problems.push({
            ...at(p, node),
            severity: 'error',
            rule: 'env-set',
            path,
            message: `environment variable ${name} is not set`,
            fix: `export ${name}=... before running, or write \${env:${name}:-default}`,
          });
          return '';
        }
        if (fromEnv !== undefined) p.secrets.push(value);
        return value;
      });
    },
  });
  return problems;
}

/** The key path of `node` from the ancestors `visit` passes (maps give keys, sequences indexes). */
function keyPath(ancestors: readonly unknown[], node: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const here = chain[i];
    const next = chain[i + 1];
    if (isPair(here) && isScalar(here.key) && here.value === next) out.push(String(here.key.value));
    else if (isSeq(here)) out.push(here.items.indexOf(next as never));
  }
  return out;
}

function at(p: ParsedDocument, node: Node): Pick<Problem, 'file' | 'line' | 'column'> {
  const offset = node.range?.[0] ?? 0;
  const pos = p.lines.linePos(offset);
  return { file: p.file, line: pos.line, column: pos.col };
}

/** Position of the node at `path`, or of its nearest existing ancestor. */
export function positionOf(
  p: ParsedDocument,
  path: readonly (string | number)[],
): Pick<Problem, 'file' | 'line' | 'column'> {
  for (let n = path.length; n >= 0; n--) {
    const node = p.doc.getIn(path.slice(0, n), true);
    if (node && typeof node === 'object' && (isScalar(node) || isAlias(node) || 'range' in node))
      return at(p, node as Node);
  }
  return { file: p.file, line: 1, column: 1 };
}

export function toPlain(p: ParsedDocument): unknown {
  try {
    return p.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new InvalidInputError([
      {
        severity: 'error',
        rule: 'syntax',
        path: [],
        message: `the document cannot be expanded: ${firstLine(message)}`,
        fix: 'use fewer YAML aliases (a YAML alias bomb is refused)',
        file: p.file,
      },
    ]);
  }
}

/** Stage 1: the zod schema. Every issue becomes a problem with its position and its fix. */
export function parseWithSchema<S extends z.ZodType>(
  p: ParsedDocument,
  schema: S,
  data: unknown,
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  // Values from ${env:...} are secrets: no message may echo one (e.g. `rate: ${env:TOKEN}`).
  const redact = createRedactor(p.secrets);
  const issues = [...result.error.issues, ...misspeltParentIssues(schema, data, result.error.issues)];
  const problems = issues.slice(0, MAX_KEPT_PROBLEMS).flatMap((issue) =>
    explainIssue(issue, schema, data).map((t) =>
      redactProblem(
        {
          ...positionOf(p, t.path),
          severity: 'error',
          rule: 'schema',
          path: t.path,
          message: maskReceived(issue, t.message, redact),
          fix: t.fix,
        },
        redact,
      ),
    ),
  );
  throw new InvalidInputError(problems, Math.max(0, issues.length - MAX_KEPT_PROBLEMS));
}

/**
 * A message that quotes the value it got (units.ts `quote`, cut at 60 characters) is rebuilt with
 * the value masked first: once cut, a long secret would no longer match the redactor.
 */
function maskReceived(issue: z.core.$ZodIssue, message: string, redact: Redactor): string {
  const received = issue.code === 'custom' ? issue.params?.received : undefined;
  if (typeof received !== 'string') return message;
  const masked = redact(received);
  return masked === received ? message : message.replace(quote(received), quote(masked));
}
