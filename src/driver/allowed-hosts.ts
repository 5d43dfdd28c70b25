import { isAllowedHost } from '../scenario/hosts.js';

export { isAllowedHost };

// The first safety guard: a drill only ever sends to hosts the scenario names. Checked before any
// socket is opened, so a typo in a target URL can never point load at someone else's service.

export class HostNotAllowedError extends Error {
  readonly host: string;
  readonly allowedHosts: readonly string[];

  constructor(host: string, allowedHosts: readonly string[]) {
    const list = allowedHosts.length > 0 ? allowedHosts.join(', ') : '(none)';
    super(
      `Refusing to send to ${host}: it is not in target.allowedHosts (${list}). ` +
        'Add it there if this target really is yours.',
    );
    this.name = 'HostNotAllowedError';
    this.host = host;
    this.allowedHosts = allowedHosts;
  }
}

/** Throws HostNotAllowedError unless the URL's host is allowed (`'any'` allows everything). */
export function assertAllowedHost(url: string, allowedHosts: readonly string[] | 'any'): void {
  if (allowedHosts === 'any') return;
  if (isAllowedHost(url, allowedHosts)) return;
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the raw text: the message should show what was given
  }
  throw new HostNotAllowedError(host, allowedHosts);
}
