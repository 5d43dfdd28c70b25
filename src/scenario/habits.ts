// What k6 and Artillery users write, accepted where it is unambiguous, before the schema sees it:
//   - a phase with `rate` and `duration` and no `type` is a constant phase;
//   - a single status (`status: 429`) is a list of one;
//   - the emulator block takes the spelling of every other block (`rate: 100/s`, `timeout: 3s`,
//     `memory: 512MB`) beside its own (`ratePerSec: 100`, `timeoutMs: 3000`, `memoryMb: 512`).
// Pure: plain data in, the same data rewritten in place out. Anything ambiguous is left for the
// schema to explain.

import type { z } from 'zod';
import { emulatorConfigSchema } from '../emulator/config.js';
import { objectShape, schemaAt } from './schema-walk.js';
import { parseDurationMs, parseRatePerSec, parseSizeMb } from './units.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function applyScenarioHabits(data: unknown): unknown {
  if (!isObj(data)) return data;
  const traffic = data.traffic;
  if (isObj(traffic) && Array.isArray(traffic.phases)) for (const p of traffic.phases) implicitConstant(p);
  const expect = data.expect;
  if (isObj(expect)) {
    for (const rl of Array.isArray(expect.rateLimit) ? expect.rateLimit : [expect.rateLimit]) statusList(rl);
    statusList(expect.timeout);
  }
  const target = data.target;
  if (isObj(target) && isObj(target.emulator)) applyEmulatorHabits(target.emulator);
  return data;
}

function implicitConstant(phase: unknown): void {
  if (!isObj(phase) || 'type' in phase) return;
  const shaped = 'rate' in phase && 'duration' in phase;
  if (shaped && !('from' in phase) && !('to' in phase) && !('steps' in phase)) phase.type = 'constant';
}

function statusList(block: unknown): void {
  if (isObj(block) && typeof block.status === 'number') block.status = [block.status];
}

/** Sugar for the unit-suffixed keys of the emulator block, wherever the schema has them. */
export function applyEmulatorHabits(data: unknown): unknown {
  walk(emulatorConfigSchema, data, []);
  return data;
}

const CONVERSIONS: { suffix: string; parse: (text: string) => number | null }[] = [
  { suffix: 'PerSec', parse: parseRatePerSec },
  { suffix: 'Ms', parse: parseDurationMs },
  { suffix: 'Mb', parse: parseSizeMb },
];

function walk(root: z.core.$ZodType, node: unknown, path: (string | number)[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      walk(root, item, [...path, i]);
    });
    return;
  }
  if (!isObj(node)) return;
  const here = schemaAt(root, path, undefined);
  const shape = here ? (objectShape(here) ?? {}) : {};
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (typeof value === 'string') convert(node, key, value, shape);
    else walk(root, value, [...path, key]);
  }
}

function convert(node: Obj, key: string, value: string, shape: Record<string, unknown>): void {
  for (const { suffix, parse } of CONVERSIONS) {
    // `timeoutMs: 3s` (the unit written twice) and `timeout: 3s` (the plain name) both work.
    const target = key.endsWith(suffix)
      ? key
      : key === 'rate' && suffix === 'PerSec'
        ? 'ratePerSec'
        : `${key}${suffix}`;
    if (!(target in shape) || (target !== key && target in node)) continue;
    const parsed = parse(value);
    if (parsed === null) continue;
    delete node[key];
    node[target] = parsed;
    return;
  }
}
