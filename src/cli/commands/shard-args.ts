// Parsing of the shard options of `run` (--shard i/n, --start-at, --partition, --run-id): each bad
// value is one readable message and exit 2, before anything is sent.

import { InvalidInputError } from '../../errors.js';
import { parseDurationMs } from '../../scenario/units.js';
import type { Partition, ShardSpec } from '../../shard/ownership.js';

function bad(option: string, message: string, fix: string): never {
  throw new InvalidInputError([{ severity: 'error', rule: 'option', path: [option], message, fix }]);
}

/** `2/8` → shard 2 of 8 (0-based, as JOB_COMPLETION_INDEX counts). */
export function parseShard(value: string, partition: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index >= count) {
    bad(
      '--shard',
      `expected i/n with 0 ≤ i < n (0-based), got ${JSON.stringify(value)}`,
      'write e.g. --shard 0/4 … --shard 3/4',
    );
  }
  if (partition !== 'index' && partition !== 'identity') {
    bad(
      '--partition',
      `expected index or identity, got ${JSON.stringify(partition)}`,
      'use --partition index (striped) or identity',
    );
  }
  return { index, count, partition: partition as Partition };
}

/**
 * `--start-at`: an absolute RFC 3339 time with a zone (`2026-12-01T10:00:00.000Z`), or `+30s` /
 * `+500ms` from now (local runs only: machines must share one absolute instant).
 */
export function parseStartAt(value: string | undefined, nowMs: number): number {
  if (value === undefined) {
    return bad(
      '--start-at',
      'a shard needs the instant every shard starts from',
      'add --start-at 2026-12-01T10:00:00.000Z (or +10s locally)',
    );
  }
  const rel = /^\+(\d+(?:\.\d+)?)(ms|s)$/.exec(value.trim());
  if (rel) return Math.round(nowMs + Number(rel[1]) * (rel[2] === 's' ? 1000 : 1));
  const abs = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value.trim())
    ? Date.parse(value)
    : Number.NaN;
  if (!Number.isFinite(abs)) {
    bad(
      '--start-at',
      `expected an RFC 3339 time with a zone or +<n>s, got ${JSON.stringify(value)}`,
      'write e.g. --start-at 2026-12-01T10:00:00.000Z or --start-at +10s',
    );
  }
  return abs;
}

/**
 * A duration option (`--max-start-lag 5s`, `500ms`) in ms; absent → undefined. A bare number is
 * refused: its unit would be a guess.
 */
export function parseDurationOption(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDurationMs(String(value));
  if (ms === null || !Number.isFinite(ms) || ms < 0) {
    bad(
      option,
      `expected a duration with its unit (e.g. 5s, 500ms), got ${JSON.stringify(value)}`,
      `write e.g. ${option} 5s`,
    );
  }
  return ms;
}

/** The default run id: the same on every shard given the same start-at and scenario. */
export function defaultRunId(startAtEpochMs: number, scenarioSha256: string): string {
  return `${new Date(startAtEpochMs).toISOString().replace(/[-:.]/g, '')}-${scenarioSha256.slice(0, 8)}`;
}
