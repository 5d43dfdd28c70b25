// Real limiters of the window kinds, started by a test on loopback: express with the
// express-rate-limit middleware (a fixed window per client, from npm) and HAProxy with a
// stick-table request-rate rule (a sliding window over every request, from Debian). Each counts
// what it let through on the server side, so a test can compare it with what the client saw.

import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import {
  freePort,
  HAPROXY_HEAD,
  type RunningProxy,
  startProcess,
  stopper,
  waitListening,
} from './proxies.js';

export interface RunningLimiter extends RunningProxy {
  /** Requests the limiter let through to the handler. */
  served(): number;
}

/** How express-rate-limit talks about its limit (the defaults: draft-7 headers, the truth). */
export interface ExpressHeaderOptions {
  standardHeaders?: 'draft-6' | 'draft-7' | 'draft-8';
  /** A fixed Retry-After (whole seconds) instead of the window's true reset. */
  retryAfterSec?: number;
  /** A RateLimit-Policy value sent on every response instead of the true one. */
  advertise?: string;
  /** Keep the limit per value of this request header (an API key) instead of per client address. */
  keyHeader?: string;
  /**
   * A second middleware after the first, with its own window and store (two stacked limits, a
   * burst window then a longer sustained one): it counts only what the first let through.
   * `global`: one count for every client (a global limit behind a per-key one).
   */
  secondWindow?: { limit: number; windowMs: number; global?: boolean };
}

/** express + express-rate-limit: `limit` per `windowMs` per client (MemoryStore), 429 beyond. */
export async function startExpressRateLimit(
  limit: number | null,
  windowMs: number,
  headers: ExpressHeaderOptions = {},
): Promise<RunningLimiter> {
  const app = express();
  let served = 0;
  const { advertise } = headers;
  const windows =
    limit === null
      ? []
      : [{ limit, windowMs, global: false }, ...(headers.secondWindow ? [headers.secondWindow] : [])];
  for (const w of windows) {
    app.use(
      rateLimit({
        windowMs: w.windowMs,
        limit: w.limit,
        standardHeaders: headers.standardHeaders ?? 'draft-7',
        legacyHeaders: false,
        validate: false,
        ...(w.global
          ? { keyGenerator: () => 'everyone' }
          : headers.keyHeader
            ? { keyGenerator: (req: express.Request) => String(req.headers[headers.keyHeader ?? ''] ?? '') }
            : {}),
        ...(headers.retryAfterSec === undefined ? {} : { retryAfter: headers.retryAfterSec }),
        handler: (_req, res) => {
          if (advertise) res.setHeader('RateLimit-Policy', advertise);
          res.status(429).send('Too many requests');
        },
      }),
    );
  }
  if (advertise) {
    app.use((_req, res, next) => {
      res.setHeader('RateLimit-Policy', advertise);
      next();
    });
  }
  app.get('/', (_req, res) => {
    served++;
    res.type('text/plain').send('ok');
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served: () => served,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * HAProxy in front of 127.0.0.1:backendPort with `frontend` lines (a stick table and its rules),
 * and `sections` after the backend (other tables' backends).
 */
async function startHaproxyWith(backendPort: number, frontend: string, sections = ''): Promise<RunningProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'dowdrill-haproxy-rate-'));
  const port = await freePort();
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    `${HAPROXY_HEAD}frontend f
  bind 127.0.0.1:${port}
${frontend}  default_backend b
backend b
  server b 127.0.0.1:${backendPort}
${sections}`,
  );
  const { child, stderr } = startProcess('haproxy', ['-db', '-f', cfg]);
  await waitListening(port, child, stderr);
  return { url: `http://127.0.0.1:${port}`, stop: stopper(child) };
}

/**
 * HAProxy in front of the backend: every request is tracked in a stick table storing
 * http_req_rate(<periodSec>s) per source; above `limit` it is denied with 429 (null: no rule).
 * The denied requests count too, so a flood stays refused until it pauses.
 */
export function startHaproxyRate(backendPort: number, limit: number | null, periodSec: number) {
  const table = `  stick-table type ip size 100k expire 60s store http_req_rate(${periodSec}s)\n`;
  const rule =
    limit === null
      ? ''
      : `  http-request track-sc0 src
  http-request deny deny_status 429 if { sc_http_req_rate(0) gt ${limit} }
`;
  return startHaproxyWith(backendPort, table + rule);
}

/**
 * HAProxy lockout, the ban-table pattern: every request counts in http_req_rate(<periodSec>s) per
 * source; a request that finds more than `limit` there (refused ones included) enters the source
 * in a ban table whose entries expire `lockoutSec` after, and a banned source is denied 429. The
 * ban check comes first, so requests during the lockout do not extend it; they still count, so a
 * flood still under way when the ban ends is banned again at once (the lockout model's rule).
 * HAProxy's rate is a smoothed two-period estimate: a lockout longer than the period keeps the
 * flood that caused the ban out of the count when it ends.
 */
export function startHaproxyLockout(
  backendPort: number,
  limit: number,
  periodSec: number,
  lockoutSec: number,
) {
  return startHaproxyWith(
    backendPort,
    `  stick-table type ip size 100k expire 60s store http_req_rate(${periodSec}s)
  http-request track-sc0 src
  http-request deny deny_status 429 if { src,in_table(ban) }
  http-request track-sc1 src table ban if { sc_http_req_rate(0) gt ${limit} }
  http-request deny deny_status 429 if { sc_http_req_rate(0) gt ${limit} }
`,
    `backend ban
  stick-table type ip size 100k expire ${lockoutSec}s
`,
  );
}
