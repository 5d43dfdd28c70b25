// One setting read from a template, the same way in every reader: absent → null; written but
// unresolvable (a deploy-time value) or of the wrong kind → listed in `unresolved` with its line,
// and null; else the value with where it was written. Each reader brings its own resolver
// (CloudFormation intrinsics, serverless variables).

import type { Located, Unresolved } from './stack.js';
import type { Tree } from './tree.js';

export type Resolved = { ok: true; value: unknown } | { ok: false; why: string };

export interface ValueReader {
  tree: Tree;
  unresolved: Unresolved[];
  resolve: (v: unknown) => Resolved;
}

export function valueAt<T>(
  r: ValueReader,
  container: unknown,
  key: string | number,
  affects: string,
  convert: (v: unknown) => { ok: true; value: T } | { ok: false; why: string },
): Located<T> | null {
  const rec = container as Record<string | number, unknown> | null;
  if (rec === null || typeof rec !== 'object' || rec[key] === undefined) return null;
  const at = r.tree.at(rec, key);
  const resolved = r.resolve(rec[key]);
  const converted = resolved.ok ? convert(resolved.value) : resolved;
  if (!converted.ok) {
    r.unresolved.push({ at, what: converted.why, affects });
    return null;
  }
  return { value: converted.value, at };
}

export function asNumber(v: unknown): { ok: true; value: number } | { ok: false; why: string } {
  const n = typeof v === 'number' ? v : Number(v);
  if (typeof v === 'boolean' || v === '' || v === null || !Number.isFinite(n))
    return { ok: false, why: `${JSON.stringify(v)} is not a number` };
  return { ok: true, value: n };
}

export function asString(v: unknown): { ok: true; value: string } {
  return { ok: true, value: String(v) };
}
