/**
 * Date the figures were read, for the `seen` field of every rate and param: the research
 * snapshot shared/research/pricing.md + pricing-verification.md (copies of public pages, the
 * newest dated 2026). Re-check against the live pages before relying on a figure.
 */
export const RESEARCH_SEEN = '2026-11-28';
