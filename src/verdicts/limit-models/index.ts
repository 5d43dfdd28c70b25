// The limit-model registry (STYLE rule 10): every model a scenario can state, found by kind.

import type { LimitModelKind, LimitParams } from '../../model.js';
import { concurrencyQueue } from './concurrency-queue.js';
import { fixedWindow } from './fixed-window.js';
import { lockout } from './lockout.js';
import { slidingWindow } from './sliding-window.js';
import { leakyBucket, tokenBucket } from './token-bucket.js';
import type { LimitModel } from './types.js';

export type { Admitter, FitSeries, LimitModel, ParamsOf } from './types.js';

export const limitModels: { readonly [K in LimitModelKind]: LimitModel<K> } = {
  'token-bucket': tokenBucket,
  'leaky-bucket': leakyBucket,
  'fixed-window': fixedWindow,
  'sliding-window': slidingWindow,
  lockout,
  'concurrency-queue': concurrencyQueue,
};

export const LIMIT_MODEL_KINDS = Object.keys(limitModels) as LimitModelKind[];

/** The model of a parameter set (its methods take that parameter set). */
export function modelOf(p: LimitParams): LimitModel<LimitModelKind> {
  return limitModels[p.model] as unknown as LimitModel<LimitModelKind>;
}
