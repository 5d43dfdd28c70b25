// The allow-list check, shared by validation (before anything runs) and the driver (before any
// socket opens): a drill only ever sends to hosts the scenario names.

interface HostPattern {
  /** Lower-case hostname; IPv6 in brackets, as URL.hostname writes it. */
  hostname: string;
  /** `*.example.com`: any subdomain (at any depth), never the apex itself. */
  wildcard: boolean;
  /** Only set when the entry was written as host:port. */
  port: string | null;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * True when `url`'s host is in `allowedHosts`. Both sides are normalised the same way, then compared
 * exactly (the README's Safety section lists these rules):
 *   - WHATWG URL parsing: lower case, IDN to punycode (`bücher.example` = `xn--bcher-kva.example`),
 *     IPv4 in any form to dotted decimal (`2130706433`, `0x7f.1`, `127.1` = `127.0.0.1`), IPv6
 *     compressed and bracketed (`0:0:0:0:0:0:0:1` = `[::1]`);
 *   - an IPv4-mapped IPv6 address is its IPv4 address (`[::ffff:127.0.0.1]` = `127.0.0.1`);
 *   - one trailing dot is dropped (`localhost.` = `localhost`).
 * A name never allows its subdomains (`localhost` does not allow `a.localhost`); only a wildcard
 * does: `*.example.com` allows `a.example.com` and `a.b.example.com` (any depth), never
 * `example.com` itself. Ports are ignored unless the entry is written as `host:port` (then the URL's
 * port, or its scheme's default, must match). IPv6 entries may be written `::1`, `[::1]` or
 * `[::1]:8080`; an entry written as a URL counts by its host.
 * Examples: `API.example.com` allows `https://api.example.com:8443/x`; `localhost:3000` allows
 * `http://localhost:3000` but not `http://localhost:3001`.
 */
export function isAllowedHost(url: string, allowedHosts: readonly string[]): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const hostname = normaliseHostname(target.hostname);
  const port = target.port || DEFAULT_PORTS[target.protocol] || '';
  return allowedHosts.some((entry) => {
    const p = parseHostPattern(entry);
    if (!p) return false;
    if (p.port !== null && p.port !== port) return false;
    return p.wildcard ? hostname.endsWith(`.${p.hostname}`) : hostname === p.hostname;
  });
}

function normaliseHostname(hostname: string): string {
  const lower = hostname.toLowerCase();
  const name = lower.endsWith('.') ? lower.slice(0, -1) : lower;
  return mappedIpv4(name) ?? name;
}

/** `[::ffff:7f00:1]` (how URL writes `[::ffff:127.0.0.1]`) → `127.0.0.1`; else null. */
function mappedIpv4(hostname: string): string | null {
  const m = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(hostname);
  if (!m) return null;
  const hi = Number.parseInt(m[1]!, 16);
  const lo = Number.parseInt(m[2]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** The hostname as URL writes it (IPv6 compressed and bracketed, IDN in punycode). */
function canonicalHost(host: string): string {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return host;
  }
}

function parseHostPattern(raw: string): HostPattern | null {
  let entry = raw.trim();
  if (entry === '') return null;
  if (entry.includes('://')) {
    try {
      entry = new URL(entry).host;
    } catch {
      return null;
    }
  }
  let wildcard = false;
  if (entry.startsWith('*.')) {
    wildcard = true;
    entry = entry.slice(2);
  }
  const { host, port } = splitPort(entry);
  if (host === '') return null;
  return { hostname: normaliseHostname(canonicalHost(host)), wildcard, port };
}

function splitPort(entry: string): { host: string; port: string | null } {
  if (entry.startsWith('[')) {
    const close = entry.indexOf(']');
    if (close < 0) return { host: '', port: null };
    const rest = entry.slice(close + 1);
    return { host: entry.slice(0, close + 1), port: rest.startsWith(':') ? rest.slice(1) : null };
  }
  const colons = entry.split(':').length - 1;
  if (colons > 1) return { host: `[${entry}]`, port: null }; // bare IPv6
  if (colons === 1) {
    const [host = '', port = ''] = entry.split(':');
    return { host, port };
  }
  return { host: entry, port: null };
}
