// The drill's target URL split into what the engines need: the origin to connect to, and the path
// prefix every request path goes under.

export interface Target {
  origin: string;
  /** The URL's own path without a trailing slash ('' for the root). */
  pathPrefix: string;
}

export function parseTarget(url: string): Target {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new Error(`Target URL must be http or https, got ${u.protocol} in ${url}`);
  }
  const path = u.pathname.replace(/\/+$/, '');
  return { origin: u.origin, pathPrefix: path };
}

/** A request path under the prefix: `/api` + `/items` → `/api/items`; `items` → `/api/items`. */
export function prefixedPath(pathPrefix: string, path: string): string {
  return path.charCodeAt(0) === 47 ? pathPrefix + path : `${pathPrefix}/${path}`;
}
