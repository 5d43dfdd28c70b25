// The allow-list check, shared by validation (before anything runs) and the driver (before any
// socket opens). Exact host names, case-insensitive; `*.example.com` matches subdomains only;
// an entry with a port (`host:8080`) also requires that port.

export function isAllowedHost(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  return allowedHosts.some((entry) => hostMatches(entry.trim().toLowerCase(), host, port));
}

function hostMatches(entry: string, host: string, port: string): boolean {
  // A bare IPv6 address (more than one colon, no brackets) has no port part.
  const m =
    entry.split(':').length > 2 && !entry.startsWith('[')
      ? [entry, entry, undefined]
      : /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
  if (!m) return false;
  const name = (m[1] ?? '').replace(/^\[|\]$/g, '');
  if (m[2] && m[2] !== port) return false;
  if (name.startsWith('*.')) return host.endsWith(name.slice(1)) && host.length > name.length - 1;
  return name === host;
}
