// `--set key=value`: CLI overrides for the common knobs, applied to the written document before
// the schema, so an override gets exactly the validation (and the messages) of the same key
// written in the file. A key is a dot path (`safety.maxRequests`, `traffic.phases[0].rate`) or
// one of the short names below; values are read as YAML scalars or flow lists (`5000`, `30s`, `[429]`).

import { parse } from 'yaml';
import { didYouMean } from './did-you-mean.js';
import type { Problem } from './problems.js';
import { scenarioSchema } from './scenario-schema.js';
import { objectShape, schemaAt } from './schema-walk.js';

export interface Override {
  /** As given: `maxRequests=5000`. */
  text: string;
  path: (string | number)[];
  value: unknown;
}

/** Short names for the knobs people set most. */
export const SET_SHORTCUTS: Record<string, string> = {
  url: 'target.url',
  maxRequests: 'safety.maxRequests',
  maxDuration: 'safety.maxDuration',
  maxDrillSpendUsd: 'safety.maxDrillSpendUsd',
  seed: 'traffic.seed',
  engine: 'traffic.engine',
  requestTimeout: 'traffic.requestTimeout',
  memoryMb: 'platform.memoryMb',
  region: 'platform.region',
  provider: 'platform.provider',
  gateway: 'platform.gateway',
  attackRate: 'projection.attackRate',
};

const fail = (text: string, message: string, fix: string): Problem => ({
  severity: 'error',
  rule: 'set-option',
  path: [],
  message,
  fix,
  file: `--set ${text}`,
});

/** Parses every `--set`; returns the overrides and a problem for each one that cannot be read. */
export function parseOverrides(texts: readonly string[]): { overrides: Override[]; problems: Problem[] } {
  const overrides: Override[] = [];
  const problems: Problem[] = [];
  for (const text of texts) {
    const m = /^\s*([A-Za-z$][\w.[\]$-]*)\s*=(.*)$/s.exec(text);
    if (!m) {
      problems.push(
        fail(
          text,
          'expected KEY=VALUE',
          'write e.g. --set safety.maxRequests=5000 or --set maxRequests=5000',
        ),
      );
      continue;
    }
    const key = SET_SHORTCUTS[m[1] ?? ''] ?? m[1] ?? '';
    const path = key
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    const unknown = unknownAt(path);
    if (unknown) {
      problems.push(fail(text, unknown.message, unknown.fix));
      continue;
    }
    let value: unknown;
    try {
      value = parse(m[2] ?? '');
    } catch {
      value = m[2];
    }
    overrides.push({ text, path, value: value ?? '' });
  }
  return { overrides, problems };
}

function unknownAt(path: (string | number)[]): { message: string; fix: string } | null {
  for (let i = 0; i < path.length; i++) {
    if (schemaAt(scenarioSchema, path.slice(0, i + 1))) continue;
    const keys = Object.keys(objectShape(schemaAt(scenarioSchema, path.slice(0, i)) ?? scenarioSchema) ?? {});
    const close = didYouMean(String(path[i]), keys);
    return {
      message: `no key "${path.slice(0, i + 1).join('.')}" in a scenario${close ? `: did you mean "${[...path.slice(0, i), close].join('.')}"?` : ''}`,
      fix: `use a dot path such as safety.maxRequests, or one of ${Object.keys(SET_SHORTCUTS).join(', ')}`,
    };
  }
  return null;
}

/** The document with each override set in place (objects and lists created on the way). */
export function applyOverrides(data: unknown, overrides: readonly Override[]): unknown {
  if (overrides.length === 0) return data;
  const root = (data !== null && typeof data === 'object' ? data : {}) as Record<string | number, unknown>;
  for (const { path, value } of overrides) {
    let here = root;
    path.forEach((k, i) => {
      if (i === path.length - 1) {
        here[k] = value;
        return;
      }
      const next = here[k];
      if (next === null || typeof next !== 'object') here[k] = typeof path[i + 1] === 'number' ? [] : {};
      here = here[k] as Record<string | number, unknown>;
    });
  }
  return root;
}
