// One DNS lookup per host per TTL for the whole drill, shared by every connection, failures
// included. Without it every new connection resolves the target again: against a host that does
// not resolve, every request is a lookup, and resolvers rate-limit a burst of them (measured here:
// after ~50 lookups at 50/s, half took 5–10 s), so requests that should fail at once as `dns` hang
// into client timeouts, and lookups the OS cannot cancel keep the process alive long after the drill.
// Concurrent lookups of one host wait for the one in flight.

import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';

/** How long an answer (addresses or an error) is reused. Short: a long drill still sees DNS changes. */
export const DNS_CACHE_TTL_MS = 1000;

type AllCallback = (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;
type ResolveAll = (hostname: string, options: LookupOptions & { all: true }, cb: AllCallback) => void;

/** The `lookup` option of net.connect (and undici's `connect` options). */
export type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

interface Entry {
  expiresAtMs: number;
  err: NodeJS.ErrnoException | null;
  addresses: LookupAddress[];
  waiting: Array<(e: Entry) => void> | null;
}

/** `now` and `resolveAll` are injectable for tests. */
export function createCachedLookup(
  ttlMs = DNS_CACHE_TTL_MS,
  resolveAll: ResolveAll = dnsLookup as unknown as ResolveAll,
  now: () => number = () => performance.now(),
): LookupFunction {
  const cache = new Map<string, Entry>();
  return (hostname, options, callback) => {
    const answer = (e: Entry) => reply(e, hostname, options ?? {}, callback);
    const hit = cache.get(hostname);
    if (hit?.waiting) {
      hit.waiting.push(answer);
      return;
    }
    if (hit && hit.expiresAtMs > now()) {
      answer(hit);
      return;
    }
    const entry: Entry = { expiresAtMs: 0, err: null, addresses: [], waiting: [answer] };
    cache.set(hostname, entry);
    const settle = (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
      entry.err = err;
      entry.addresses = err ? [] : addresses;
      entry.expiresAtMs = now() + ttlMs;
      const waiting = entry.waiting ?? [];
      entry.waiting = null;
      for (const w of waiting) w(entry);
    };
    try {
      resolveAll(hostname, { all: true }, settle);
    } catch (err) {
      settle(err instanceof Error ? err : new Error(String(err)), []);
    }
  };
}

function reply(
  e: Entry,
  hostname: string,
  options: LookupOptions,
  callback: Parameters<LookupFunction>[2],
): void {
  if (e.err) {
    callback(copyError(e.err), options.all ? [] : '');
    return;
  }
  const family = familyOf(options.family);
  const list = family ? e.addresses.filter((a) => a.family === family) : e.addresses;
  const first = list[0];
  if (!first) {
    callback(notFound(hostname), options.all ? [] : '');
    return;
  }
  if (options.all) callback(null, list);
  else callback(null, first.address, first.family);
}

function familyOf(f: LookupOptions['family']): 4 | 6 | 0 {
  if (f === 4 || f === 'IPv4') return 4;
  if (f === 6 || f === 'IPv6') return 6;
  return 0;
}

/** Each connection gets its own error object: sockets decorate the errors they are given. */
function copyError(err: NodeJS.ErrnoException): NodeJS.ErrnoException {
  const { code, errno, syscall } = err;
  return Object.assign(new Error(err.message), {
    code,
    errno,
    syscall,
    hostname: (err as { hostname?: string }).hostname,
  });
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
    hostname,
  });
}
