import type { Confidence, Param, Rate } from '../types.js';

/**
 * Date the downstream services' figures (logs, data stores, queues, CDN, NAT, LLM tokens) were
 * read for issue 15: the providers' pricing pages as the stored copies show them, or, where no
 * copy was at hand, the provider's public us-east-1 list price as known on that date (labelled
 * 3P or UNCONFIRMED). Re-check every one against the live page before relying on it.
 */
export const DOWNSTREAM_SEEN = '2026-12-02';

/** A rate of a downstream price sheet, seen on DOWNSTREAM_SEEN. */
export function rate(usd: number, unit: string, source: string, confidence: Confidence, note?: string): Rate {
  return { usd, unit, source, seen: DOWNSTREAM_SEEN, confidence, ...(note === undefined ? {} : { note }) };
}

/** A numeric param (free allowance, tier bound) of a downstream price sheet. */
export function param(
  value: number,
  unit: string,
  source: string,
  confidence: Confidence,
  note?: string,
): Param<number> {
  return { value, unit, source, seen: DOWNSTREAM_SEEN, confidence, ...(note === undefined ? {} : { note }) };
}
