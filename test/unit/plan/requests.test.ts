import { describe, expect, it } from 'vitest';
import type { Identities } from '../../../src/model.js';
import { createIdentityOf, createRequestPicker, identityLabel } from '../../../src/plan/requests.js';
import { compileTemplate, fillTemplate } from '../../../src/plan/template.js';
import { request } from '../../helpers/scenario.js';

const tpl = request;

const ids = (over: Partial<Identities>): Identities => ({
  count: 4,
  rotation: 'round-robin',
  hotKeyShare: 0.9,
  fields: [
    { kind: 'api-key', header: 'x-api-key', prefix: '', values: ['k0', 'k1', 'k2', 'k3'], secret: true },
  ],
  ...over,
});

describe('templates', () => {
  it.each([
    ['/a/{{seq}}', '/a/7'],
    ['/a/{{ seq }}/{{identity}}', '/a/7/2'],
    ['{{phase}}-{{randomId}}', 'burst-abc'],
    ['no vars', 'no vars'],
    ['{{unknown}} stays', '{{unknown}} stays'],
  ])('%s → %s', (text, out) => {
    expect(
      fillTemplate(compileTemplate(text), { seq: '7', randomId: 'abc', identity: '2', phase: 'burst' }),
    ).toBe(out);
  });
});

describe('createRequestPicker', () => {
  it('follows the weights of the mix', () => {
    const picker = createRequestPicker(
      [tpl({ path: '/a', weight: 3 }), tpl({ path: '/b', weight: 1 })],
      null,
      42,
    );
    const counts = { '/a': 0, '/b': 0 } as Record<string, number>;
    for (let i = 0; i < 20_000; i++) counts[picker.next(i, 'p').path]! += 1;
    expect(counts['/a']! / 20_000).toBeCloseTo(0.75, 1);
  });

  it('fills query, headers and body per request', () => {
    const picker = createRequestPicker(
      [
        tpl({
          path: '/o/{{seq}}',
          query: { id: '{{randomId}}' },
          headers: { 'x-seq': '{{seq}}' },
          body: '{"n":{{seq}}}',
        }),
      ],
      null,
    );
    const r = picker.next(5, 'p');
    expect(r.path).toMatch(/^\/o\/5\?id=[0-9a-f]{16}$/);
    expect(r.headers['x-seq']).toBe('5');
    expect(r.body).toBe('{"n":5}');
    expect(r.identityIndex).toBe(-1);
  });

  it('rotates identities round-robin', () => {
    const picker = createRequestPicker([tpl({})], ids({}));
    const keys = Array.from({ length: 8 }, (_, i) => picker.next(i, 'p').headers['x-api-key']);
    expect(keys).toEqual(['k0', 'k1', 'k2', 'k3', 'k0', 'k1', 'k2', 'k3']);
  });

  it('sends hotKeyShare of the traffic as identity 0 with hot-key rotation', () => {
    const picker = createRequestPicker([tpl({})], ids({ rotation: 'hot-key', hotKeyShare: 0.8 }), 3);
    let hot = 0;
    for (let i = 0; i < 10_000; i++) if (picker.next(i, 'p').identityIndex === 0) hot++;
    expect(hot / 10_000).toBeCloseTo(0.8, 1);
  });

  it('random rotation covers every identity and is repeatable with the same seed', () => {
    const a = createRequestPicker([tpl({})], ids({ rotation: 'random' }), 9);
    const b = createRequestPicker([tpl({})], ids({ rotation: 'random' }), 9);
    const seqA = Array.from({ length: 200 }, (_, i) => a.next(i, 'p').identityIndex);
    const seqB = Array.from({ length: 200 }, (_, i) => b.next(i, 'p').identityIndex);
    expect(seqA).toEqual(seqB);
    expect(new Set(seqA).size).toBe(4);
  });

  it('draws request seq as a pure function of (seed, seq): any order, any process', () => {
    const mix = [tpl({ path: '/a', weight: 2 }), tpl({ path: '/b?r={{randomId}}', weight: 1 })];
    const inOrder = createRequestPicker(mix, ids({ rotation: 'random' }), 5);
    const forward = Array.from({ length: 300 }, (_, i) => inOrder.next(i, 'p'));
    const backward = createRequestPicker(mix, ids({ rotation: 'random' }), 5);
    for (let i = 299; i >= 0; i -= 7) expect(backward.next(i, 'p')).toEqual(forward[i]);
    const identityOf = createIdentityOf(mix, ids({ rotation: 'random' }), 5);
    expect(forward.map((_, i) => identityOf(i))).toEqual(forward.map((r) => r.identityIndex));
    const other = createRequestPicker(mix, ids({ rotation: 'random' }), 6);
    const differ = forward.filter((r, i) => other.next(i, 'p').path !== r.path).length;
    expect(differ).toBeGreaterThan(50);
  });

  it('labels identities without their values', () => {
    expect(identityLabel(ids({}), 2)).toBe('api-key#2');
    expect(identityLabel(null, -1)).toBe('anonymous');
  });
});
