// End to end (issue 15): a drill against the embedded emulator whose downstream quantities come
// from response headers. The emulator answers every success with x-llm-input-tokens (fixed 500)
// and x-llm-output-tokens (seeded, 100–300); platform.downstream reads both with fromHeader; the
// projection must price the MEASURED means, not the fallbacks. No timing is judged: only counts.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runDrill } from '../../src/drill.js';
import { loadScenario } from '../../src/scenario/load.js';

const doc = {
  name: 'downstream-headers',
  target: {
    emulator: {
      profile: 'aws-rest',
      gateway: { throttle: { ratePerSec: 50, burst: 20 } },
      function: {
        duration: { distribution: 'fixed', ms: 5 },
        downstreamHeaders: { 'x-llm-input-tokens': 500, 'x-llm-output-tokens': { min: 100, max: 300 } },
      },
    },
  },
  traffic: { phases: [{ type: 'constant', rate: '100/s', duration: '2s' }] },
  platform: {
    provider: 'aws-lambda',
    downstream: [
      {
        kind: 'llm',
        model: 'bedrock/anthropic.claude-sonnet-4-5',
        inputTokens: { fromHeader: 'x-llm-input-tokens', fallback: 1 },
        outputTokens: { fromHeader: 'x-llm-output-tokens', fallback: 1 },
      },
    ],
  },
  projection: { attackRate: '100/s', horizons: ['1h'], freeTier: false },
  safety: { maxRequests: 1000, maxDuration: '20s' },
};

describe('downstream quantities measured from response headers', () => {
  it('reads the headers of every accepted response and prices the measured means', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dowdrill-downstream-')), 'drill.yaml');
    writeFileSync(file, stringify(doc));
    const { scenario } = loadScenario(file, {});
    const report = await runDrill({ scenario, file });
    const obs = report.observation!;
    const stats = report.emulatorStats!;

    // Accounting, on every run: sent + dropped = intended; the emulator saw what was sent.
    expect(obs.totals.sent + obs.driver.dropped).toBe(200);
    expect(stats.requestsSeen).toBe(obs.totals.sent);
    const accepted = obs.totals.accepted;
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(obs.totals.sent);

    // Every accepted response carried both headers; the fixed one sums exactly.
    const seen = obs.billing.downstream ?? {};
    expect(seen['x-llm-input-tokens']).toEqual({ sum: 500 * accepted, count: accepted });
    const out = seen['x-llm-output-tokens'];
    expect(out?.count).toBe(accepted);
    const outMean = (out?.sum ?? 0) / accepted;
    expect(outMean).toBeGreaterThanOrEqual(100);
    expect(outMean).toBeLessThanOrEqual(300);

    // The projection uses the measured means (basis measured), not the fallback of 1.
    const outFigure = report.projection.assumptions.find((a) => a.name.endsWith('output tokens per request'));
    expect(outFigure?.basis).toBe('measured');
    expect(outFigure?.value).toBeCloseTo(outMean, 9);
    const h = report.projection.horizons[0]!;
    const invoked =
      h.projected.lines.find((l) => l.service === 'aws-lambda' && l.name === 'Requests')!.quantity * 1e6;
    const tokens = (side: string) =>
      h.projected.lines.find((l) => l.name === `bedrock/anthropic.claude-sonnet-4-5 ${side} tokens`)!;
    expect(tokens('input').quantity * 1e6).toBeCloseTo(invoked * 500, 3);
    expect(tokens('output').quantity * 1e6).toBeCloseTo(invoked * outMean, 3);
    // And the drill's own bill: its accepted requests × the measured means × $3 / $15 per M.
    const drillTokens = report.projection.drill.lines.filter((l) => l.service === 'llm-tokens');
    const drillUsd = drillTokens.reduce((sum, l) => sum + l.costUsd, 0);
    expect(drillUsd).toBeCloseTo((accepted * 500 * 3 + out!.sum * 15) / 1e6, 12);
  });
});
