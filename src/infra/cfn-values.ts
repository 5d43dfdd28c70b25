// CloudFormation values: literal settings and the intrinsics a template uses to write them.
// A `Ref` to a Parameter resolves to its Default, `Fn::FindInMap` with literal keys to the mapped
// value, `Fn::Sub` with parameters only to the string; anything else (a Parameter without Default,
// `Fn::ImportValue`, `Fn::If`, an attribute of another stack) is recorded as unresolved with its
// line, never guessed. `refsIn` finds the resources a value points at (Ref, GetAtt, ${X} in Sub),
// which is how routes, integrations, stages and plans are linked.

import { asNumber, asString, type Resolved, type ValueReader, valueAt } from './located-value.js';
import type { Unresolved } from './stack.js';
import { asRecord, type Tree } from './tree.js';

export interface CfnContext {
  tree: Tree;
  parameters: Record<string, unknown>;
  mappings: Record<string, unknown>;
  resources: Record<string, unknown>;
  unresolved: Unresolved[];
}

const PSEUDO: Record<string, string> = {
  'AWS::Region': 'us-east-1',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** The literal a value stands for, or why it cannot be known from this template. */
export function resolveValue(ctx: CfnContext, v: unknown): Resolved {
  const rec = asRecord(v);
  if (!rec) return { ok: true, value: v };
  const [key, arg] = Object.entries(rec)[0] ?? [];
  if (Object.keys(rec).length !== 1 || key === undefined) return { ok: true, value: v };
  if (key === 'Ref' && typeof arg === 'string') return resolveRef(ctx, arg);
  if (key === 'Fn::FindInMap' && Array.isArray(arg)) return findInMap(ctx, arg);
  if (key === 'Fn::Sub') return sub(ctx, arg);
  if (key === 'Fn::ImportValue') return { ok: false, why: 'Fn::ImportValue reads another stack’s export' };
  if (key === 'Fn::GetAtt') return { ok: false, why: `Fn::GetAtt ${flat(arg)} is known only once deployed` };
  if (key === 'Fn::If') return { ok: false, why: 'Fn::If depends on a condition known only at deploy time' };
  if (key.startsWith('Fn::')) return { ok: false, why: `${key} is not evaluated by dowdrill` };
  return { ok: true, value: v };
}

function resolveRef(ctx: CfnContext, name: string): Resolved {
  if (name in PSEUDO) return { ok: true, value: PSEUDO[name] };
  const param = asRecord(ctx.parameters[name]);
  if (param) {
    if ('Default' in param) return { ok: true, value: param.Default };
    return { ok: false, why: `Parameter ${name} has no Default (its value is given at deploy time)` };
  }
  if (name in ctx.resources) return { ok: false, why: `Ref ${name} is a resource id, known once deployed` };
  return { ok: false, why: `Ref ${name} names no Parameter or resource in this template` };
}

function findInMap(ctx: CfnContext, args: unknown[]): Resolved {
  const keys = args.map((a) => resolveValue(ctx, a));
  const failed = keys.find((k) => !k.ok);
  if (failed) return failed;
  let node: unknown = ctx.mappings;
  for (const k of keys) node = asRecord(node)?.[String((k as { value: unknown }).value)];
  return node === undefined
    ? { ok: false, why: `Fn::FindInMap ${flat(args)} has no such entry` }
    : { ok: true, value: node };
}

function sub(ctx: CfnContext, arg: unknown): Resolved {
  const [text, vars] = Array.isArray(arg) ? [arg[0], asRecord(arg[1]) ?? {}] : [arg, {}];
  if (typeof text !== 'string') return { ok: false, why: 'Fn::Sub without a string' };
  let why = '';
  const out = text.replace(/\$\{([^}!]+)\}/g, (_m, name: string) => {
    const r = name in vars ? resolveValue(ctx, vars[name]) : resolveRef(ctx, name);
    if (!r.ok) why ||= r.why;
    return r.ok ? String(r.value) : '';
  });
  return why ? { ok: false, why } : { ok: true, value: out };
}

function flat(v: unknown): string {
  return Array.isArray(v) ? v.map(String).join('.') : String(v);
}

const reader = (ctx: CfnContext): ValueReader => ({
  tree: ctx.tree,
  unresolved: ctx.unresolved,
  resolve: (v) => resolveValue(ctx, v),
});

/** `container[key]` as a number, located; null when not written or unresolvable (then listed). */
export function numberAt(ctx: CfnContext, container: unknown, key: string | number, affects: string) {
  return valueAt(reader(ctx), container, key, affects, asNumber);
}

/** `container[key]` as a string, located; null when not written or unresolvable (then listed). */
export function stringAt(ctx: CfnContext, container: unknown, key: string | number, affects: string) {
  return valueAt(reader(ctx), container, key, affects, asString);
}

/** Every resource logical id a value points at: Ref, Fn::GetAtt and ${Id} / ${Id.Attr} in Fn::Sub. */
export function refsIn(ctx: CfnContext, v: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) {
    for (const item of v) refsIn(ctx, item, out);
    return out;
  }
  const rec = asRecord(v);
  if (!rec) return out;
  for (const [k, arg] of Object.entries(rec)) {
    if (k === 'Ref' && typeof arg === 'string' && arg in ctx.resources) out.add(arg);
    else if (k === 'Fn::GetAtt') {
      const id = Array.isArray(arg) ? arg[0] : undefined;
      if (typeof id === 'string' && id in ctx.resources) out.add(id);
    } else if (k === 'Fn::Sub') {
      const text = Array.isArray(arg) ? arg[0] : arg;
      if (typeof text === 'string')
        for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/g))
          if (m[1] && m[1] in ctx.resources) out.add(m[1]);
      if (Array.isArray(arg)) refsIn(ctx, arg[1], out);
    } else refsIn(ctx, arg, out);
  }
  return out;
}

/** The resource's Type, or '' when it is not a resource of this template. */
export function typeOf(ctx: CfnContext, id: string): string {
  const t = asRecord(ctx.resources[id])?.Type;
  return typeof t === 'string' ? t : '';
}

/** The first referenced resource of one of `types`, or null. */
export function refOfType(ctx: CfnContext, v: unknown, types: readonly string[]): string | null {
  for (const id of refsIn(ctx, v)) if (types.includes(typeOf(ctx, id))) return id;
  return null;
}
