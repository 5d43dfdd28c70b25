import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { createCachedLookup } from '../../../../src/driver/open-loop/dns-cache.js';

type Done = (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;

/** A resolver that answers only when told to, and counts what it was asked. */
function fakeResolver() {
  const pending: Done[] = [];
  return {
    calls: () => pending.length,
    resolveAll: (_host: string, _opts: unknown, cb: Done) => {
      pending.push(cb);
    },
    answer: (i: number, err: NodeJS.ErrnoException | null, addresses: LookupAddress[] = []) =>
      pending[i]?.(err, addresses),
  };
}

const V4: LookupAddress = { address: '10.0.0.1', family: 4 };
const V6: LookupAddress = { address: 'fd00::1', family: 6 };

function ask(lookup: ReturnType<typeof createCachedLookup>, options: { all?: boolean; family?: number }) {
  const got: unknown[][] = [];
  lookup('api.test', options, (...args) => got.push(args));
  return got;
}

/** The error code the first callback got, if any. */
function codeOf(got: unknown[][]): string | undefined {
  return (got[0]?.[0] as NodeJS.ErrnoException | undefined)?.code;
}

describe('createCachedLookup', () => {
  it('shares one lookup between concurrent callers and answers each in its own form', () => {
    const r = fakeResolver();
    let now = 0;
    const lookup = createCachedLookup(1000, r.resolveAll, () => now);
    const all = ask(lookup, { all: true });
    const one = ask(lookup, {});
    const v6 = ask(lookup, { family: 6 });
    expect(r.calls()).toBe(1);
    r.answer(0, null, [V4, V6]);
    expect(all).toEqual([[null, [V4, V6]]]);
    expect(one).toEqual([[null, '10.0.0.1', 4]]);
    expect(v6).toEqual([[null, 'fd00::1', 6]]);
    now = 999;
    ask(lookup, {});
    expect(r.calls()).toBe(1);
    now = 1000;
    ask(lookup, {});
    expect(r.calls()).toBe(2);
  });

  it('caches failures too, giving each caller its own copy of the error', () => {
    const r = fakeResolver();
    const lookup = createCachedLookup(1000, r.resolveAll, () => 0);
    const a = ask(lookup, { all: true });
    r.answer(0, Object.assign(new Error('getaddrinfo ENOTFOUND api.test'), { code: 'ENOTFOUND' }));
    const b = ask(lookup, {});
    expect(r.calls()).toBe(1);
    expect([codeOf(a), codeOf(b)]).toEqual(['ENOTFOUND', 'ENOTFOUND']);
    expect(a[0]?.[0]).not.toBe(b[0]?.[0]);
  });

  it('a family with no address is ENOTFOUND', () => {
    const r = fakeResolver();
    const lookup = createCachedLookup(1000, r.resolveAll, () => 0);
    const got = ask(lookup, { family: 6 });
    r.answer(0, null, [V4]);
    expect(codeOf(got)).toBe('ENOTFOUND');
  });

  it('a resolver that throws fails the lookup instead of leaving callers waiting', () => {
    const lookup = createCachedLookup(1000, () => {
      throw Object.assign(new TypeError('bad hostname'), { code: 'ERR_INVALID_ARG_TYPE' });
    });
    const got = ask(lookup, {});
    expect(codeOf(got)).toBe('ERR_INVALID_ARG_TYPE');
  });
});
