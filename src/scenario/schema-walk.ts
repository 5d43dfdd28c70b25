// Walking a zod schema along a data path, so a message can name what belongs at a place: the
// keys an object takes (for "did you mean"), the description of a missing key, the options of a
// union. Reads zod 4's public `_zod.def`; wrappers (optional, default, pipe…) are seen through.

import type { z } from 'zod';

type Path = readonly (string | number)[];
type Def = { type: string; [k: string]: unknown };

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function def(s: z.core.$ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** The schema under every wrapper (optional, default, transform pipes), with the first description met. */
export function unwrap(s: z.core.$ZodType): { schema: z.core.$ZodType; description?: string } {
  let here = s;
  let description = (here as { description?: string }).description;
  for (let i = 0; i < 20; i++) {
    const d = def(here);
    const next = WRAPPERS.has(d.type)
      ? (d.innerType as z.core.$ZodType)
      : d.type === 'pipe'
        ? (d.in as z.core.$ZodType)
        : d.type === 'lazy'
          ? (d.getter as () => z.core.$ZodType)()
          : null;
    if (!next) break;
    here = next;
    description ??= (here as { description?: string }).description;
  }
  return description === undefined ? { schema: here } : { schema: here, description };
}

/** The shape of an object schema (or of every object option of a union), else null. */
export function objectShape(s: z.core.$ZodType): Record<string, z.core.$ZodType> | null {
  const { schema } = unwrap(s);
  const d = def(schema);
  if (d.type === 'object') return d.shape as Record<string, z.core.$ZodType>;
  if (d.type === 'union') {
    const merged: Record<string, z.core.$ZodType> = {};
    for (const o of d.options as z.core.$ZodType[]) Object.assign(merged, objectShape(o) ?? {});
    return Object.keys(merged).length > 0 ? merged : null;
  }
  return null;
}

/**
 * The schema at `path` of the data, or null where the path leaves the schema. `data` picks the
 * option of a discriminated union (a phase's `type`) where it can.
 */
export function schemaAt(root: z.core.$ZodType, path: Path, data?: unknown): z.core.$ZodType | null {
  let here: z.core.$ZodType | null = root;
  let value = data;
  for (const key of path) {
    if (!here) return null;
    here = child(here, key, value);
    value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  return here;
}

function child(s: z.core.$ZodType, key: string | number, value: unknown): z.core.$ZodType | null {
  const { schema } = unwrap(s);
  const d = def(schema);
  if (d.type === 'array') return typeof key === 'number' ? (d.element as z.core.$ZodType) : null;
  if (d.type === 'record') return d.valueType as z.core.$ZodType;
  if (d.type === 'object') {
    const shape = d.shape as Record<string, z.core.$ZodType>;
    return Object.hasOwn(shape, String(key)) ? (shape[String(key)] ?? null) : null;
  }
  if (d.type === 'union') {
    const options = d.options as z.core.$ZodType[];
    const picked = typeof d.discriminator === 'string' ? pickOption(options, d.discriminator, value) : null;
    for (const o of picked ? [picked, ...options] : options) {
      const c = child(o, key, value);
      if (c) return c;
    }
  }
  return null;
}

function pickOption(
  options: z.core.$ZodType[],
  discriminator: string,
  value: unknown,
): z.core.$ZodType | null {
  const wanted =
    value && typeof value === 'object' ? (value as Record<string, unknown>)[discriminator] : undefined;
  for (const o of options) {
    const lit = objectShape(o)?.[discriminator];
    const values = lit ? (def(unwrap(lit).schema).values as unknown[] | undefined) : undefined;
    if (values?.includes(wanted)) return o;
  }
  return null;
}

/** The option objects of a discriminated union, by discriminator value, with their required keys. */
export function unionForms(s: z.core.$ZodType): { value: string; required: string[] }[] {
  const d = def(unwrap(s).schema);
  if (d.type !== 'union' || typeof d.discriminator !== 'string') return [];
  const key = d.discriminator;
  return (d.options as z.core.$ZodType[]).flatMap((o) => {
    const shape = objectShape(o);
    const lit = shape?.[key];
    const value = lit ? (def(unwrap(lit).schema).values as unknown[] | undefined)?.[0] : undefined;
    if (!shape || typeof value !== 'string') return [];
    const required = Object.entries(shape)
      .filter(([k, v]) => k !== key && !isOptional(v))
      .map(([k]) => k);
    return [{ value, required }];
  });
}

export function isOptional(s: z.core.$ZodType): boolean {
  const t = def(s).type;
  return t === 'optional' || t === 'default' || t === 'prefault';
}
