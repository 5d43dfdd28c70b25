/**
 * Month-level state shared by the entries of one usage file, so that
 * - a provider's free tier is applied ONCE across entries: allowances are consumed in the order
 *   the entries appear in the file (the first entry gets the free units first);
 * - volume tiers aggregate across entries (AWS tiers are per account, Region and architecture):
 *   each entry prices the next slice of the month's cumulative usage;
 * - once-per-account charges (Cloudflare Workers' $5 subscription) are billed once.
 * Pool keys are strings such as 'aws-lambda:gb-seconds:x86_64' (see the meters).
 */
export class UsageLedger {
  readonly #positions = new Map<string, number>();
  readonly #freeUsed = new Map<string, number>();
  readonly #charged = new Set<string>();

  /** Reserve `quantity` units of a tier pool; returns the pool position where they start. */
  claimSlice(poolKey: string, quantity: number): number {
    const start = this.#positions.get(poolKey) ?? 0;
    this.#positions.set(poolKey, start + quantity);
    return start;
  }

  /** Take up to `wanted` units from a free allowance of `allowance` units; returns what was granted. */
  claimFree(poolKey: string, wanted: number, allowance: number): number {
    const used = this.#freeUsed.get(poolKey) ?? 0;
    const granted = Math.max(0, Math.min(wanted, allowance - used));
    this.#freeUsed.set(poolKey, used + granted);
    return granted;
  }

  /** True the first time a key is claimed, false afterwards. */
  claimOnce(key: string): boolean {
    if (this.#charged.has(key)) return false;
    this.#charged.add(key);
    return true;
  }
}
