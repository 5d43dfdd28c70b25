// The stated rate limits of a scenario, whichever way it was built: `expect.rateLimits` (the
// list), or a hand-built Expectations with only the single `rateLimit`.

import type { Expectations, RateLimitExpectation } from '../model.js';

export function rateLimitsOf(expect: Expectations): RateLimitExpectation[] {
  if (expect.rateLimits && expect.rateLimits.length > 0) return expect.rateLimits;
  return expect.rateLimit ? [expect.rateLimit] : [];
}
