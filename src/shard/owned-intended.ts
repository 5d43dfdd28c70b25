// A shard's Observation says what THIS shard was meant to send: its owned arrivals per second and
// per 100 ms, in place of the whole plan's figures the driver writes. Then sent + dropped + missed
// = intended holds shard by shard, and the merged intended is the single-machine plan. Pure.

import type { Observation, Scenario } from '../model.js';
import { createLoadPlan } from '../plan/load-plan.js';
import { createIdentityOf } from '../plan/requests.js';
import { type IdentityOf, ownedPerBucket, type ShardSpec } from './ownership.js';

/** Identity of arrival k as the shard's driver draws it (a pure function of the seed and k). */
export function identitySequence(scenario: Scenario): IdentityOf {
  return createIdentityOf(scenario.requests, scenario.identities, scenario.seed);
}

export function withOwnedIntended(obs: Observation, scenario: Scenario, spec: ShardSpec): Observation {
  const plan = createLoadPlan(scenario.phases);
  // The span that ran: all of the plan, or up to where an early stop left the driver's own figures.
  const untilMs = obs.partial ? Math.min(plan.durationMs, ranMs(obs)) : plan.durationMs;
  const perSecond = ownedPerBucket(plan, spec, untilMs, 1000, identitySequence(scenario));
  const perTenth = ownedPerBucket(plan, spec, untilMs, 100, identitySequence(scenario));
  const seconds = obs.seconds.map((s, i) => ({ ...s, intended: perSecond[i] ?? 0 }));
  const tenths = obs.tenths.intended.map((_, i) => perTenth[i] ?? 0);
  return {
    ...obs,
    seconds,
    tenths: { ...obs.tenths, intended: tenths },
    totals: { ...obs.totals, intended: perSecond.reduce((a, b) => a + b, 0) },
  };
}

/** Where the driver's intended figures end (ms): the last 100 ms bucket it planned anything in. */
function ranMs(obs: Observation): number {
  let last = 0;
  obs.tenths.intended.forEach((v, i) => {
    if (v > 0) last = (i + 1) * 100;
  });
  return last;
}

/** A shard that refused to send: nothing intended in its Observation (merge adds its share). */
export function withoutIntended(obs: Observation): Observation {
  return {
    ...obs,
    seconds: obs.seconds.map((s) => ({ ...s, intended: 0 })),
    tenths: { ...obs.tenths, intended: obs.tenths.intended.map(() => 0) },
    totals: { ...obs.totals, intended: 0 },
  };
}

/** How many arrivals of the whole plan shard `spec` owns. */
export function ownedTotal(scenario: Scenario, spec: ShardSpec): number {
  const plan = createLoadPlan(scenario.phases);
  return (
    ownedPerBucket(plan, spec, plan.durationMs, plan.durationMs || 1, identitySequence(scenario))[0] ?? 0
  );
}
