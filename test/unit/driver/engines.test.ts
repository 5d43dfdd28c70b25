import { describe, expect, it } from 'vitest';
import { ENGINES, loadEngine, UnknownEngineError } from '../../../src/driver/engines.js';
import { ENGINES as ENGINE_IDS } from '../../../src/model.js';

describe('engine registry', () => {
  it('has exactly one engine per traffic.engine id of the schema', () => {
    expect(Object.keys(ENGINES).sort()).toEqual([...ENGINE_IDS].sort());
  });

  it.each([
    ['open-loop', 'open-loop', 'per-arrival'],
    ['autocannon', 'autocannon', 'loop-delay'],
  ])('loads %s (labelled %s, lateness %s)', async (id, label, lateness) => {
    const engine = await loadEngine(id);
    expect(engine.label).toBe(label);
    expect(engine.lateness).toBe(lateness);
    expect(typeof engine.run).toBe('function');
  });

  it('refuses an unknown id, listing the known ones', () => {
    expect(() => loadEngine('wrk')).toThrow(UnknownEngineError);
    expect(() => loadEngine('wrk')).toThrow('known engines: open-loop, autocannon');
    expect(() => loadEngine('toString')).toThrow(UnknownEngineError);
  });
});
