// A seeded mutation fuzzer over the example scenarios and usage files: byte flips, truncations,
// deleted and duplicated keys, swapped types, huge/negative/special numbers, unicode, deep
// nesting, alias bombs, long strings, binary junk, BOMs, CRLF, tabs and odd ${env:...} names.
// Each mutant says whether it is certainly invalid, so "accepted but invalid" can be counted.

import { parse, stringify } from 'yaml';
import { seededRandom } from '../../../src/plan/random.js';

export type Rng = () => number;

/** The project's own seeded PRNG (mulberry32), so a fuzz seed replays exactly. */
export const createRng: (seed: number) => Rng = seededRandom;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

export interface Mutant {
  mutator: string;
  content: string | Uint8Array;
  ext: 'yaml' | 'json';
  /** True when no correct loader may accept it (exit 0 would be a bug). */
  invalid: boolean;
}

/** Names that live on Object.prototype (the root cause of the crashes in issue 19), and others. */
export const ODD_ENV_NAMES = [
  'toString',
  'toLocaleString',
  'hasOwnProperty',
  'valueOf',
  'constructor',
  '__proto__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  'DOWDRILL_FUZZ_UNSET',
];

const SPECIAL_VALUES: unknown[] = [
  -1,
  0,
  -0,
  0.5,
  1e308,
  -1e308,
  1e-308,
  2 ** 53 + 1,
  Number.MAX_SAFE_INTEGER,
  '',
  ' ',
  'NaN',
  '.nan',
  '.inf',
  '-.inf',
  'Infinity',
  '-5/s',
  '0/s',
  '1e400/s',
  '99999999999d',
  '-1s',
  '0s',
  '🙂💥',
  '\u202e\u0000x',
  'x'.repeat(5000),
  null,
  true,
  [],
  {},
  [[[[]]]],
  { a: { b: { c: 1 } } },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${env:...} reference, not a template
  '${env:toString}',
];

type Doc = unknown;
type Path = (string | number)[];

function paths(value: Doc, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function getAt(doc: Doc, path: Path): unknown {
  let node = doc as Record<string | number, unknown> | undefined;
  for (const k of path) node = node?.[k] as Record<string | number, unknown> | undefined;
  return node;
}

function setAt(doc: Doc, path: Path, value: unknown): Doc {
  if (path.length === 0) return value;
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = value;
  return copy;
}

function deleteAt(doc: Doc, path: Path): Doc {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  const parent = getAt(copy, path.slice(0, -1));
  const key = path[path.length - 1] as string | number;
  if (Array.isArray(parent)) parent.splice(key as number, 1);
  else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[key];
  return copy;
}

type TextMutator = (rng: Rng, text: string, kind: 'scenario' | 'usage') => Omit<Mutant, 'mutator' | 'ext'>;
type DocMutator = (rng: Rng, doc: Doc, kind: 'scenario' | 'usage') => { doc: Doc; invalid: boolean };

const ok = (content: string | Uint8Array, invalid = false) => ({ content, invalid });

const textMutators: Record<string, TextMutator> = {
  'byte-flip': (rng, text) => {
    const bytes = Buffer.from(text, 'utf8');
    for (let k = int(rng, 1, 8); k > 0; k--) {
      const i = int(rng, 0, bytes.length - 1);
      bytes[i] = (bytes[i] ?? 0) ^ (1 << int(rng, 0, 7));
    }
    return ok(new Uint8Array(bytes));
  },
  truncate: (rng, text) => ok(text.slice(0, int(rng, 0, text.length))),
  bom: (_rng, text) => ok(`\uFEFF${text}`),
  crlf: (_rng, text) => ok(text.replace(/\n/g, '\r\n')),
  tabs: (rng, text) => ok(text.replace(/^( {2})+/gm, (m) => (rng() < 0.5 ? '\t'.repeat(m.length / 2) : m))),
  'binary-junk': (rng, text) => {
    const junk = new Uint8Array(int(rng, 1, 64)).map(() => int(rng, 0, 255));
    const at = int(rng, 0, text.length);
    return ok(Buffer.concat([Buffer.from(text.slice(0, at)), junk, Buffer.from(text.slice(at))]));
  },
  'nul-byte': (rng, text) => {
    const at = int(rng, 0, text.length);
    return ok(`${text.slice(0, at)}\u0000${text.slice(at)}`, true);
  },
  'invalid-utf8': (rng, text) => {
    const at = int(rng, 0, text.length);
    return ok(
      Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xc3, 0x28]), Buffer.from(text.slice(at))]),
      true,
    );
  },
  'real-replacement-char': (_rng, text) =>
    ok(text.replace(/^(name|freeTier): /m, (m) => m).replace(/# /, '# \uFFFD ')),
  'unicode-comment': (_rng, text) => ok(text.replace(/# /g, '# 🙂\u202e\u200b ')),
  'odd-env-name': (rng, text, kind) => {
    const name = pick(rng, ODD_ENV_NAMES);
    const line = kind === 'scenario' ? `description: pre-\${env:${name}}-post` : `freeTier: \${env:${name}}`;
    const stripped = text.replace(/^description:.*$/m, '');
    return ok(`${line}\n${stripped}`, true);
  },
  'odd-env-name-with-default': (rng, text, kind) => {
    const name = pick(rng, ODD_ENV_NAMES);
    const line = kind === 'scenario' ? `description: "\${env:${name}:-fallback}"` : '';
    return ok(`${line}\n${text.replace(/^description:.*$/m, '')}`);
  },
  'duplicate-line': (rng, text) => {
    const lines = text.split('\n');
    const keyLines = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[\w-]+:/.test(l));
    if (keyLines.length === 0) return ok(text);
    const [, i] = pick(rng, keyLines);
    lines.splice(i, 0, lines[i] ?? '');
    return ok(lines.join('\n'), /^[\w$-]+:/.test(lines[i] ?? '')); // a duplicated top-level key
  },
  'deep-nesting': (rng, text) =>
    ok(`${text}\nx: ${'['.repeat(int(rng, 50, 5000))}${']'.repeat(int(rng, 0, 1) * 5000)}\n`, true),
  'alias-bomb': (_rng, text) => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`,
      );
    return ok(`${text}\nbomb:\n${lines.map((l) => `  ${l}`).join('\n')}\n`, true);
  },
  'long-string': (rng, text) =>
    ok(text.replace(/^name: .*$/m, `name: ${'n'.repeat(int(rng, 1000, 900_000))}`)),
  'huge-file': (_rng, text) => ok(`${text}\n# ${'x'.repeat(1_100_000)}\n`, true),
  'many-errors': (rng, _text, kind) => {
    // Tens of thousands of bad entries: each is a problem, and at most a screenful may print.
    const n = int(rng, 1000, 40_000);
    return ok(
      kind === 'scenario'
        ? `name: x\ntraffic:\n  phases:\n${'    - { type: bogus, rate: -1 }\n'.repeat(n)}`
        : `services:\n${'  - { service: nope, requests: -1 }\n'.repeat(n)}`,
      true,
    );
  },
};

const docMutators: Record<string, DocMutator> = {
  'delete-key': (rng, doc) => {
    const ps = paths(doc).filter((p) => p.length > 0);
    const p = pick(rng, ps);
    const required = p.length === 1 && (p[0] === 'name' || p[0] === 'services');
    return { doc: deleteAt(doc, p), invalid: required };
  },
  'swap-type': (rng, doc) => {
    const p = pick(rng, paths(doc));
    const v = getAt(doc, p);
    const swapped =
      typeof v === 'number'
        ? `${String(v)}x`
        : typeof v === 'string'
          ? [v]
          : typeof v === 'object'
            ? 42
            : 'text';
    return {
      doc: setAt(doc, p, swapped),
      invalid: p.length === 1 && p[0] === 'name' && typeof swapped !== 'string',
    };
  },
  'special-value': (rng, doc) => ({
    doc: setAt(doc, pick(rng, paths(doc)), structuredClone(pick(rng, SPECIAL_VALUES))),
    invalid: false,
  }),
  'unknown-key': (rng, doc) => {
    const objects = paths(doc).filter((p) => {
      const v = getAt(doc, p);
      return v !== null && typeof v === 'object' && !Array.isArray(v) && !isFreeForm(p);
    });
    const p = pick(rng, objects);
    return {
      doc: setAt(doc, [...p, `zz${pick(rng, ['', 'toString', 'constructor', 'proto'])}Unknown`], 1),
      invalid: true,
    };
  },
  'prototype-key': (rng, doc) => {
    const objects = paths(doc).filter((p) => {
      const v = getAt(doc, p);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    });
    const p = pick(rng, objects);
    return {
      doc: setAt(doc, [...p, pick(rng, ['toString', 'constructor', 'hasOwnProperty', 'valueOf'])], 1),
      invalid: false,
    };
  },
  'grow-array': (rng, doc) => {
    const arrays = paths(doc).filter(
      (p) => Array.isArray(getAt(doc, p)) && (getAt(doc, p) as unknown[]).length > 0,
    );
    if (arrays.length === 0) return { doc, invalid: false };
    const p = pick(rng, arrays);
    const arr = getAt(doc, p) as unknown[];
    const n = pick(rng, [2, 10, 101, 1001, 5000]);
    return {
      doc: setAt(
        doc,
        p,
        Array.from({ length: n }, (_, i) => structuredClone(arr[i % arr.length])),
      ),
      invalid: false,
    };
  },
  'scale-counts': (rng, doc, kind) => {
    if (kind === 'usage') {
      const services = Array.from({ length: pick(rng, [199, 200, 201, 4000]) }, () => ({
        service: 'aws-lambda',
        requests: 1000,
        durationMs: 10,
        memoryMb: 128,
      }));
      return { doc: { services }, invalid: services.length > 200 };
    }
    const d = structuredClone(doc) as Record<string, unknown>;
    const choice = int(rng, 0, 2);
    if (choice === 0) {
      const n = pick(rng, [4, 5, 6]);
      d.traffic = {
        phases: Array.from({ length: n }, () => ({
          type: 'step',
          from: '1/s',
          to: '10/s',
          steps: 1000,
          duration: '1000s',
        })),
      };
      d.safety = { maxRequests: 1e9, maxDuration: '3650d', maxDrillSpendUsd: 1e9 };
      return { doc: d, invalid: n > 5 };
    }
    if (choice === 1) {
      const n = pick(rng, [10, 11, 2000]);
      d.projection = {
        ...(d.projection as object),
        horizons: Array.from({ length: n }, (_, i) => `${i + 1}h`),
      };
      return { doc: d, invalid: n > 10 };
    }
    d.traffic = {
      phases: [
        { type: 'constant', rate: '1/s', duration: '1s' },
        { type: 'pause', duration: pick(rng, ['365d', '3650d']) },
      ],
    };
    d.safety = { maxRequests: 1e9, maxDuration: '3650d' };
    return { doc: d, invalid: false };
  },
};

/** Keys whose children are user-named (records): an unknown key there is not an error. */
function isFreeForm(p: Path): boolean {
  const last = p[p.length - 1];
  return (
    last === 'headers' ||
    last === 'query' ||
    last === 'body' ||
    p.includes('prices') ||
    p.includes('usagePlans') ||
    p.includes('emulator')
  );
}

export const MUTATORS = [...Object.keys(textMutators), ...Object.keys(docMutators)];

/** One mutant of `source` (a YAML example): the mutator is chosen by `rng`. */
export function mutate(rng: Rng, source: string, kind: 'scenario' | 'usage'): Mutant {
  const name = pick(rng, MUTATORS);
  const text = textMutators[name];
  if (text) return { mutator: name, ext: 'yaml', ...text(rng, source, kind) };
  const docMutator = docMutators[name];
  if (!docMutator) throw new Error(`no mutator ${name}`);
  const { doc, invalid } = docMutator(rng, parse(source) as Doc, kind);
  const asJson = rng() < 0.3;
  return {
    mutator: name,
    ext: asJson ? 'json' : 'yaml',
    content: asJson ? JSON.stringify(doc, null, rng() < 0.5 ? 2 : undefined) : stringify(doc),
    invalid,
  };
}
