import { describe, expect, it } from 'vitest';
import { EnvironmentPool } from '../../../src/emulator/env-pool.js';

// Steps on an injected clock: acquire(id) expects an environment id and whether it is cold.
type Step =
  | { op: 'acquire'; t: number; id: number; cold: boolean }
  | { op: 'release'; t: number; id: number };

describe('EnvironmentPool', () => {
  it.each<[string, number, Step[]]>([
    [
      'reuses a warm idle environment',
      60_000,
      [
        { op: 'acquire', t: 0, id: 1, cold: true },
        { op: 'release', t: 100, id: 1 },
        { op: 'acquire', t: 1_000, id: 1, cold: false },
      ],
    ],
    [
      'concurrent invocations each need their own environment',
      60_000,
      [
        { op: 'acquire', t: 0, id: 1, cold: true },
        { op: 'acquire', t: 0, id: 2, cold: true },
        { op: 'release', t: 100, id: 1 },
        { op: 'release', t: 200, id: 2 },
        // Last in, first out: the most recently used serves next.
        { op: 'acquire', t: 300, id: 2, cold: false },
        { op: 'acquire', t: 300, id: 1, cold: false },
        { op: 'acquire', t: 300, id: 3, cold: true },
      ],
    ],
    [
      'an environment idle for idleTtlMs expires: the next invocation is cold',
      1_000,
      [
        { op: 'acquire', t: 0, id: 1, cold: true },
        { op: 'release', t: 0, id: 1 },
        { op: 'acquire', t: 999, id: 1, cold: false },
        { op: 'release', t: 999, id: 1 },
        { op: 'acquire', t: 1_999, id: 2, cold: true },
      ],
    ],
    [
      'expiry trims only the old ones',
      1_000,
      [
        { op: 'acquire', t: 0, id: 1, cold: true },
        { op: 'acquire', t: 0, id: 2, cold: true },
        { op: 'release', t: 0, id: 1 },
        { op: 'release', t: 600, id: 2 },
        { op: 'acquire', t: 1_200, id: 2, cold: false },
        { op: 'acquire', t: 1_200, id: 3, cold: true },
      ],
    ],
    [
      'idleTtlMs 0 never reuses',
      0,
      [
        { op: 'acquire', t: 0, id: 1, cold: true },
        { op: 'release', t: 10, id: 1 },
        { op: 'acquire', t: 10, id: 2, cold: true },
      ],
    ],
  ])('%s', (_name, idleTtlMs, steps) => {
    const pool = new EnvironmentPool(idleTtlMs);
    const held = new Map<number, ReturnType<EnvironmentPool['acquire']>>();
    for (const step of steps) {
      if (step.op === 'acquire') {
        const env = pool.acquire(step.t);
        expect({ t: step.t, id: env.id, cold: env.invocations === 1 }).toEqual({
          t: step.t,
          id: step.id,
          cold: step.cold,
        });
        held.set(env.id, env);
      } else {
        pool.release(held.get(step.id)!, step.t);
      }
    }
  });

  it('counts warm, created and expired environments', () => {
    const pool = new EnvironmentPool(1_000);
    const a = pool.acquire(0);
    const b = pool.acquire(0);
    pool.release(a, 0);
    pool.release(b, 500);
    expect(pool.warmCount(999)).toBe(2);
    expect(pool.warmCount(1_000)).toBe(1);
    expect(pool.warmCount(1_500)).toBe(0);
    expect({ created: pool.created, expired: pool.expired }).toEqual({ created: 2, expired: 2 });
  });
});
