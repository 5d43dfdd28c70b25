// The phase kinds, found by `type` (STYLE rule 10). A new kind is its file beside this plus one
// line in PHASE_KIND_DEFS: the schema's discriminated union (scenario/schema.ts), the kind list
// (model's PhaseKind) and the plan's segments (plan/phases.ts) are all built from this map.

import { z } from 'zod';
import { constant } from './constant.js';
import { pause } from './pause.js';
import { ramp } from './ramp.js';
import { spike } from './spike.js';
import { step } from './step.js';
import type { PhaseKindDef, PhaseRate } from './types.js';

export const PHASE_KIND_DEFS = { constant, ramp, spike, step, pause };

export type PhaseKind = keyof typeof PHASE_KIND_DEFS;
type Defs = typeof PHASE_KIND_DEFS;

/** The kinds in schema order. */
export const PHASE_KINDS = Object.keys(PHASE_KIND_DEFS) as PhaseKind[];

const phaseName = z.string().min(1).optional().describe('A label for the phase in reports');

type Variant<K extends PhaseKind> =
  Defs[K] extends PhaseKindDef<infer Shape>
    ? z.ZodObject<{ type: z.ZodLiteral<K>; name: typeof phaseName } & Shape, z.core.$strict>
    : never;
type PhaseVariant = { [K in PhaseKind]: Variant<K> }[PhaseKind];

/** A written phase after the schema's defaults: rates per second, durations in ms. */
export type PhaseSpec = z.output<PhaseVariant>;

/** One strict object per kind, `type` first: the options of the schema's discriminated union. */
export function phaseVariants(): [PhaseVariant, ...PhaseVariant[]] {
  return PHASE_KINDS.map((kind) =>
    z.strictObject({
      type: z.literal(kind).describe(PHASE_KIND_DEFS[kind].describe),
      name: phaseName,
      ...PHASE_KIND_DEFS[kind].shape,
    }),
  ) as unknown as [PhaseVariant, ...PhaseVariant[]];
}

function defOf(phase: PhaseSpec): PhaseKindDef {
  return PHASE_KIND_DEFS[phase.type];
}

/** The rate pieces of one written phase, by its kind. */
export function phaseRates(phase: PhaseSpec): PhaseRate[] {
  return defOf(phase).rates(phase);
}

/** The written key to point at when this phase sends nothing; null when that is its point (pause). */
export function phaseRateKey(phase: PhaseSpec): string | null {
  return defOf(phase).rateKey;
}

export type { PhaseKindDef, PhaseRate } from './types.js';
