// The distribution section of a merged report, as text: one line per shard (sent of intended,
// missed, dropped, start lag, host, health), then what turned verdicts inconclusive. Pure.

import type { Distribution } from './judge-merged.js';

const ms = (x: number | null) => (x === null ? '–' : `${Math.round(x * 10) / 10} ms`);

export function renderDistribution(d: Distribution): string {
  const lines = [
    `Distribution: ${d.count} shard${d.count === 1 ? '' : 's'} (partition ${d.partition}), run ${d.runId}, start-at ${d.startAt}`,
  ];
  for (const s of d.shards) {
    lines.push(
      `  shard ${s.index}: sent ${s.sent} of ${s.intended}, missed ${s.missed}, dropped ${s.dropped}, start lag ${ms(s.startLagMs)}, ` +
        `loop delay max ${ms(s.loopDelayMaxMs)}, CPU wait ${ms(s.cpuWaitMs)}, ${s.stopReason}${s.saturated ? ', SATURATED' : ''}${s.refused ? ', REFUSED (late start)' : ''} (${s.hostname})`,
    );
  }
  for (const i of d.missing) lines.push(`  shard ${i}: MISSING`);
  const clocks = d.shards.filter((s) => s.clock);
  for (const s of clocks)
    lines.push(
      `  shard ${s.index} clock: ${s.clock?.offsetMs} ms ± ${s.clock?.boundMs} ms against the reference`,
    );
  if (d.measuredSkewMs !== null) lines.push(`  measured clock skew: at most ${d.measuredSkewMs} ms`);
  const { lowerBound: lo, upperBound: hi } = d.inFlight;
  lines.push(
    `  in-flight peak: ${lo.requests ?? '?'}–${hi.requests} requests, ${lo.successes ?? '?'}–${hi.successes} successes (largest shard's own – sum of the shards')`,
  );
  if (d.missing.length > 0) lines.push(`  intended but not sent (missing shards): ${d.missingIntended}`);
  for (const r of d.reasons) lines.push(`  inconclusive because ${r}`);
  return lines.join('\n');
}
