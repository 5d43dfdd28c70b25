// zod issues → messages that say how to fix them: a missing key is named with its description, an
// object written as a number gets an example, an unknown key gets "did you mean" from the keys the
// schema really has, a phase without `type` lists the forms. Errors under a misspelt parent
// (`expecct:`) are found in the same pass, by checking its value against the key it was meant to be.

import type { z } from 'zod';
import { didYouMean } from './did-you-mean.js';
import { objectShape, schemaAt, unionForms, unwrap } from './schema-walk.js';

type Path = (string | number)[];
export interface IssueText {
  path: Path;
  message: string;
  fix: string;
}

/** Examples of the objects users most often write as a bare value, by key. */
const OBJECT_EXAMPLES: Record<string, string> = {
  concurrency: 'concurrency: { max: 10 }',
  rateLimit: 'rateLimit: { rate: 100/s, burst: 50 }',
  timeout: 'timeout: { after: 3s }',
  budget: 'budget: { perMonth: 2500 }',
  traffic: 'traffic: { phases: [{ type: constant, rate: 100/s, duration: 30s }] }',
  identities: 'identities: { count: 10, apiKey: { generate: true } }',
  target: 'target: { emulator: {} }',
  safety: 'safety: { maxRequests: 5000, maxDuration: 1m }',
  projection: 'projection: { horizons: [1h, 1d, 30d] }',
  throttle: 'throttle: { ratePerSec: 100, burst: 50 }',
  account: 'account: { ratePerSec: 10000, burst: 5000 }',
  coldStart: 'coldStart: { share: 0.01, init: 200ms }',
  billedDuration: 'billedDuration: { source: fixed, duration: 100ms }',
};

/** A value to show after `key:` in a fix, from what the schema says the key takes. */
function exampleValue(description: string | undefined): string {
  if (!description) return '…';
  if (description.includes('"500/s"') || description.includes('"100/s"')) return '100/s';
  if (/"30s"|"250ms"/.test(description)) return '30s';
  return '…';
}

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let here = data;
  for (const k of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[k];
  }
  return here;
}

export function explainIssue(issue: z.core.$ZodIssue, root: z.core.$ZodType, data: unknown): IssueText[] {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => unknownKey(root, data, path, k));
  const last = path[path.length - 1];
  const present = valueAt(data, path) !== undefined;
  const here = schemaAt(root, path, data);
  if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.discriminator === 'string') {
    const parent = schemaAt(root, path.slice(0, -1), data);
    return [{ ...discriminator(issue.discriminator, present, parent, valueAt(data, path)), path }];
  }
  if (
    !present &&
    typeof last === 'string' &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_union')
  ) {
    const described = here ? unwrap(here).description : undefined;
    return [
      {
        path,
        message: `"${last}" is missing${described ? ` (${described})` : ''}`,
        fix: exampleValue(described) === '…' ? `add ${last}` : `add ${last}: ${exampleValue(described)}`,
      },
    ];
  }
  if (issue.code === 'invalid_type' && issue.expected === 'object' && typeof last === 'string') {
    const keys = here ? Object.keys(objectShape(here) ?? {}) : [];
    const example = OBJECT_EXAMPLES[last] ?? `${last}: { ${keys.slice(0, 2).join(': …, ')}: … }`;
    return [
      {
        path,
        message: `expected an object${keys.length ? ` with keys ${keys.join(', ')}` : ''}, got ${describeValue(valueAt(data, path))}`,
        fix: `write e.g. ${example}`,
      },
    ];
  }
  const described = here ? unwrap(here).description : undefined;
  const example = typeof last === 'string' ? exampleValue(described) : '…';
  const fix = issue.code === 'custom' && example !== '…' ? `write e.g. ${last}: ${example}` : fixFor(issue);
  return [{ path, message: describeIssue(issue), fix }];
}

function unknownKey(root: z.core.$ZodType, data: unknown, path: Path, key: string): IssueText {
  const keys = Object.keys(objectShape(schemaAt(root, path, data) ?? root) ?? {});
  const present = valueAt(data, path);
  const free = keys.filter((k) => !(present && typeof present === 'object' && k in present));
  const close = didYouMean(key, free) ?? didYouMean(key, keys);
  return {
    path: [...path, key],
    message: `unknown key "${key}"${close ? `: did you mean "${close}"?` : ''}`,
    fix: close
      ? `rename it to ${close}`
      : `remove it or check its spelling; the keys here are ${keys.join(', ') || 'none'} (\`dowdrill schema\` lists every key)`,
  };
}

function discriminator(
  key: string,
  present: boolean,
  parent: z.core.$ZodType | null,
  value: unknown,
): Omit<IssueText, 'path'> {
  const forms = parent ? unionForms(parent) : [];
  const list = forms.map(
    (f) => `${key}: ${f.value}${f.required.length ? ` (with ${f.required.join(', ')})` : ''}`,
  );
  const close =
    typeof value === 'string'
      ? didYouMean(
          value,
          forms.map((f) => f.value),
        )
      : null;
  return {
    message: present
      ? `${key} ${JSON.stringify(value)} is not one of ${forms.map((f) => f.value).join(', ')}${close ? `: did you mean "${close}"?` : ''}`
      : `"${key}" is missing: each entry here needs one of ${forms.map((f) => f.value).join(', ')}`,
    fix: forms.length <= MAX_FORMS_LISTED ? `write ${list.join('; or ')}` : manyFormsFix(forms, list, close),
  };
}

/** Above this many forms, the fix shows one (the closest, else the first) instead of every form. */
const MAX_FORMS_LISTED = 6;

function manyFormsFix(
  forms: readonly { value: string }[],
  list: readonly string[],
  close: string | null,
): string {
  const i = Math.max(
    0,
    forms.findIndex((f) => f.value === close),
  );
  return `write ${list[i]}, or another of the ${forms.length} forms named above (each with its keys in \`dowdrill schema\`)`;
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text ${JSON.stringify(v).slice(0, 40)}`;
  return `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
}

/**
 * Issues under a key that is unknown only because it is misspelt (`expecct:` for `expect`): its
 * value is checked against the schema of the key it was meant to be, so a second run finds nothing new.
 */
export function misspeltParentIssues(
  root: z.core.$ZodType,
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const shape = objectShape(schemaAt(root, path, data) ?? root) ?? {};
    for (const key of issue.keys) {
      const meant = didYouMean(key, Object.keys(shape));
      const schema = meant ? shape[meant] : undefined;
      const value = valueAt(data, [...path, key]);
      if (!schema || value === undefined || valueAt(data, [...path, meant ?? '']) !== undefined) continue;
      const result = (schema as z.ZodType).safeParse(value);
      if (!result.success)
        out.push(...result.error.issues.map((i) => ({ ...i, path: [...path, key, ...i.path] })));
    }
  }
  return out;
}

export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return sizeMessage('at least', issue.origin, issue.minimum, issue.inclusive);
    case 'too_big':
      return sizeMessage('at most', issue.origin, issue.maximum, issue.inclusive);
    case 'invalid_union':
      return issue.message.startsWith('Invalid input')
        ? 'does not match any of the allowed forms'
        : issue.message;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

function sizeMessage(
  bound: 'at least' | 'at most',
  origin: string,
  limit: number | bigint,
  inclusive?: boolean,
): string {
  const n = Number(limit);
  if (origin === 'array' || origin === 'set') return `needs ${bound} ${n} item${n === 1 ? '' : 's'}`;
  if (origin === 'string')
    return n === 1 && bound === 'at least' ? 'must not be empty' : `needs ${bound} ${n} characters`;
  if (inclusive === false) return `must be ${bound === 'at least' ? 'greater' : 'less'} than ${n}`;
  return `must be ${bound} ${n}`;
}

function fixFor(issue: z.core.$ZodIssue): string {
  if (
    (issue.code === 'invalid_value' || issue.code === 'invalid_union') &&
    'options' in issue &&
    Array.isArray(issue.options)
  )
    return `use one of: ${issue.options.join(', ')}`;
  if (issue.code === 'invalid_value' && 'values' in issue)
    return `use one of: ${issue.values.map((v) => String(v)).join(', ')}`;
  if (issue.code === 'invalid_type')
    return issue.expected === 'array'
      ? 'write a list, e.g. [a, b]'
      : `write ${article(issue.expected === 'int' ? 'whole number' : issue.expected)} here`;
  return 'see `dowdrill schema` for the expected form';
}
