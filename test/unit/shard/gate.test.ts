// The shard gate: striped ownership by a modulo, owned counts without a walk, the late start
// counted as missed, and a start later than maxStartLagMs refused (nothing owned from then on).

import { describe, expect, it } from 'vitest';
import type { PreparedRequest } from '../../../src/plan/requests.js';
import { type GateSpec, ShardGate } from '../../../src/shard/gate.js';

const req = (k: number): PreparedRequest => ({
  method: 'GET',
  path: `/${k}`,
  headers: {},
  body: undefined,
  templateIndex: 0,
  identityIndex: k % 5,
});

function gate(spec: Partial<GateSpec> = {}) {
  const drawn: number[] = [];
  const g = new ShardGate({ index: 1, count: 3, partition: 'index', ...spec }, (k) => {
    drawn.push(k);
    return req(k);
  });
  return { g, drawn };
}

describe('ShardGate', () => {
  it('owns k mod n = i and counts owned and passed-over arrivals without drawing them', () => {
    const { g, drawn } = gate();
    expect([0, 1, 2, 3, 4].map((k) => g.owns(k))).toEqual([false, true, false, false, true]);
    expect(g.countOwned(0, 10)).toBe(3);
    expect(drawn).toEqual([]);
    expect(g.request(4).path).toBe('/4');
    expect(g.summary()).toMatchObject({ notOwned: 7, missed: 0, refused: false });
  });

  it.each([
    // lag ms, max start lag ms, refused
    [40, 100, false],
    [100, 100, false],
    [101, 100, true],
    [5000, undefined, false],
  ])('a start %d ms late with max %s ms: refused %s', (lagMs, maxStartLagMs, refused) => {
    const calls: number[] = [];
    const { g } = gate({
      ...(maxStartLagMs !== undefined ? { maxStartLagMs } : {}),
      onRefused: (lag) => calls.push(lag),
    });
    g.startedLate(lagMs, 9); // arrivals 0..8 went by: 1, 4, 7 were this shard's
    expect(g.summary()).toMatchObject({ missed: 3, refused, startLagMs: lagMs });
    expect(calls).toEqual(refused ? [lagMs] : []);
    expect(g.owns(10)).toBe(!refused);
  });
});
