// What one phase kind is (STYLE rule 10): the keys a user writes beside `type` and `name`, and the
// rate pieces one such phase becomes. One file per kind beside this; the registry (index.ts)
// builds the schema's discriminated union, the kind list and the plan's segments from them.

import type { z } from 'zod';

/** One linear piece of a phase's rate, relative to the phase start: ms and per second. */
export interface PhaseRate {
  offsetMs: number;
  durationMs: number;
  fromRatePerSec: number;
  toRatePerSec: number;
}

export interface PhaseKindDef<Shape extends z.ZodRawShape = z.ZodRawShape> {
  /** The description of the `type` literal in the schema (and the JSON Schema for editors). */
  describe: string;
  /** The written keys beside `type` and `name`; `duration` (ms after the schema) is one of them. */
  shape: Shape;
  /** The phase as linear pieces back to back (method syntax: the registry calls it on any kind). */
  rates(phase: z.output<z.ZodObject<Shape>>): PhaseRate[];
  /** The written key to point at when the phase sends nothing; null: sending nothing is its point. */
  rateKey: (keyof Shape & string) | null;
}

/** Types a kind's rates from its own shape. */
export function definePhaseKind<Shape extends z.ZodRawShape>(def: PhaseKindDef<Shape>): PhaseKindDef<Shape> {
  return def;
}

/** The one piece of a phase at a linear rate from `from` to `to`. */
export function linear(durationMs: number, from: number, to: number): PhaseRate[] {
  return [{ offsetMs: 0, durationMs, fromRatePerSec: from, toRatePerSec: to }];
}
