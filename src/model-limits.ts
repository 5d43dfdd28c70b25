// The limit models a scenario can state (`expect.rateLimits`), in their normalised form: one
// union member per model, every duration in ms. Kept apart from model.ts so the list of models can
// grow without touching the shared types; model.ts re-exports it.

/**
 * token-bucket: `burst` tokens, refilled at `ratePerSec` (API Gateway, APIM v2).
 * leaky-bucket: nginx `limit_req`: admits like a bucket of `burst` + 1; of the excess, the first
 *   `nodelayExcess` pass at once and the rest wait their turn at `ratePerSec` (`nodelay`: all of the
 *   burst; no `nodelay`: 0), so the most added delay is (burst − nodelayExcess) / ratePerSec.
 * fixed-window: `limit` per `windowMs`, the count reset at each window start (express-rate-limit).
 * sliding-window: at most `limit` in any `windowMs` (HAProxy http_req_rate, a sliding log);
 *   `countDenied`: refused requests count too, so a client that keeps sending stays refused.
 * lockout: a breach of `limit` per `windowMs` (every request counted) refuses the key for `lockoutMs`.
 * concurrency-queue: at most `maxConcurrent` execute, the rest wait (at most `maxQueue`, each at
 *   most `queueTimeoutMs`), refused beyond (HAProxy maxconn / maxqueue / timeout queue).
 */
export type LimitParams =
  | { model: 'token-bucket'; ratePerSec: number; burst: number }
  | { model: 'leaky-bucket'; ratePerSec: number; burst: number; nodelayExcess: number }
  | { model: 'fixed-window'; limit: number; windowMs: number }
  | { model: 'sliding-window'; limit: number; windowMs: number; countDenied: boolean }
  | { model: 'lockout'; limit: number; windowMs: number; lockoutMs: number }
  | {
      model: 'concurrency-queue';
      maxConcurrent: number;
      /** null: no bound on the queue's length (only the wait bounds it). */
      maxQueue: number | null;
      /** null: a request may wait as long as it takes. */
      queueTimeoutMs: number | null;
      /** The backend's time per request; null: measured by the drill (its fastest 2xx). */
      serviceMs: number | null;
    };

export type LimitModelKind = LimitParams['model'];

/**
 * global: one limit for all traffic; per-identity: one per identity of the drill; per-header: one
 * per value of `header` (judged per identity when the identities set that header, else globally);
 * per-source: one per source address (a drill from one machine is one source: judged globally).
 */
export type LimitScope = 'global' | 'per-identity' | 'per-header' | 'per-source';
