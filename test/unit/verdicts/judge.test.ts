// No run is lost after traffic was sent: a projection or verdict that throws becomes a warning
// and exit 3, with the observation kept for the reports.

import { describe, expect, it } from 'vitest';
import { judgeDrill } from '../../../src/drill.js';
import type { Scenario } from '../../../src/model.js';
import { buildObservation } from './helpers.js';
import { rateLimit, scenarioWith } from './scenario-builder.js';

describe('judgeDrill', () => {
  const observation = buildObservation({ phases: [[2, 300]] });

  it('judges a healthy run: verdicts and an exit code, no warning', () => {
    const j = judgeDrill(scenarioWith({ rateLimit: rateLimit() }), observation, null);
    expect(j.verdicts.map((v) => v.id)).toContain('rate-limit.held');
    expect(j.exitCode).toBe(1); // nothing limited the synthetic drill
    expect(j.warnings).toEqual([]);
  });

  it('a projection that throws after traffic: exit 3, a warning, nothing judged, no throw', () => {
    const broken = scenarioWith({ rateLimit: rateLimit() });
    const bad = { ...broken, platform: { ...broken.platform, provider: 'nope' } } as unknown as Scenario;
    const j = judgeDrill(bad, observation, null);
    expect(j.exitCode).toBe(3);
    expect(j.verdicts).toEqual([]);
    expect(j.warnings).toHaveLength(1);
    expect(j.warnings[0]).toMatch(/^the (projection|verdicts) failed after the traffic was sent \(/);
  });

  it('without traffic the failure is a plain error (nothing to keep)', () => {
    const broken = scenarioWith();
    const bad = { ...broken, platform: { ...broken.platform, provider: 'nope' } } as unknown as Scenario;
    expect(() => judgeDrill(bad, null, null)).toThrow();
  });
});
