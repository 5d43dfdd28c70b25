// A seeded, bounded sample of the fuzz campaign (test/property/fuzz/): mutants of every example
// scenario and usage file through validate, plan, cost and price in this process. No timing
// assertion (the machine may be busy): only no crash, no function source leaked, no invalid file
// accepted, and output within its bound. The long run is `npm run bench -- fuzz`.

import { describe, expect, it } from 'vitest';
import { runCampaign } from './fuzz/campaign.js';

/** No timing assertion: a "hang" here only means a run passed a minute on a loaded machine. */
const NO_HANG_CHECK_MS = 60_000;

describe('fuzzing every loader through the CLI commands', () => {
  it('200 seeded mutants: no crash, no leak, no invalid file accepted, output bounded', async () => {
    const r = await runCampaign({ seed: 19, documents: 200, hangMs: NO_HANG_CHECK_MS });
    const bad = r.findings.map((f) => `${f.verdict}: ${f.command} (${f.mutator} of ${f.seed}): ${f.detail}`);
    expect(bad).toEqual([]);
    expect(r.documents).toBe(200);
    // The sample must reach every command and both outcomes, or it proves nothing.
    expect(Object.keys(r.byCommand).sort()).toEqual(['cost', 'plan', 'price', 'validate']);
    expect(r.byExit['0'] ?? 0).toBeGreaterThan(0);
    expect(r.byExit['2'] ?? 0).toBeGreaterThan(0);
  }, 180_000);
});
