// The most of each user-controlled count a scenario or usage file may hold. Every loop whose cost
// grows with one of these is linear in it, and each bound is checked by the schema (a located
// message), so a worst-case file still validates, plans and prices in well under a second
// (measured by `npm run bench -- fuzz`).

/** Phases in `traffic.phases`. */
export const MAX_PHASES = 100;
/** Steps of one step phase (so at most MAX_PHASES × MAX_STEPS rate segments). */
export const MAX_STEPS = 1000;
/** Rate segments of the whole plan: a step phase is one per step, any other phase one. */
export const MAX_PLAN_SEGMENTS = 5000;
/** Listed values of one identity source (each is a secret every output is redacted for). */
export const MAX_IDENTITY_VALUES = 2000;
/** Entries of the request mix (`traffic.requests`). */
export const MAX_REQUESTS = 50;
/** Query parameters or headers of one request. */
export const MAX_REQUEST_FIELDS = 50;
/** Attacker identities (`traffic.identities.count`), and listed values per identity source. */
export const MAX_IDENTITIES = 100_000;
/** Hosts in `target.allowedHosts`. */
export const MAX_ALLOWED_HOSTS = 100;
/** Horizons in `projection.horizons`. */
export const MAX_HORIZONS = 10;
/** Entries of `services` in a usage file. */
export const MAX_USAGE_SERVICES = 200;
/** Values in a `cost --sweep` (ends included). */
export const MAX_SWEEP_POINTS = 100;
