// The engines, found by the scenario's `traffic.engine` id. Each is imported on first use:
// autocannon costs 100–200 ms to import, which a drill on the default engine need not pay.

import type { EngineId } from '../model.js';
import type { EngineFactory, LoadEngine } from './engine.js';

/** `traffic.engine` ids, derived from the model's ENGINES array (the schema's enum). */
export type { EngineId };

export const ENGINES = {
  'open-loop': async () => (await import('./open-loop/engine.js')).openLoopEngine,
  autocannon: async () => (await import('./autocannon/engine.js')).autocannonEngine,
} satisfies Record<EngineId, EngineFactory>;

export class UnknownEngineError extends Error {
  constructor(id: string) {
    super(`Unknown traffic.engine "${id}"; known engines: ${Object.keys(ENGINES).join(', ')}.`);
    this.name = 'UnknownEngineError';
  }
}

/** The engine with this id; an unknown id throws UnknownEngineError listing the known ones. */
export function loadEngine(id: string): Promise<LoadEngine> {
  if (!Object.hasOwn(ENGINES, id)) throw new UnknownEngineError(id);
  return ENGINES[id as EngineId]();
}
