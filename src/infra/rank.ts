// `cost --from`: every endpoint's worst case per horizon (the limits' bound, the bill with no
// limits) from the projection that prices a scenario, ranked by the attack cost the limits still
// allow over the longest horizon (ties: the bill with no limits). Pure: projections in, rows out.

import type { Projection } from '../model.js';
import { renderTable } from '../report/cli-table.js';
import { formatCost } from '../report/display.js';
import type { EndpointSpec } from './stack.js';

export interface RankedEndpoint {
  rank: number;
  id: string;
  route: string;
  gateway: string;
  function: string;
  horizons: { horizon: string; limitsBoundUsd: number; noLimitsUsd: number }[];
  projection: Projection;
}

export function rankEndpoints(
  items: readonly { endpoint: EndpointSpec; projection: Projection }[],
): RankedEndpoint[] {
  const rows = items.map(({ endpoint: e, projection }) => ({
    rank: 0,
    id: e.id,
    route: `${e.method} ${e.path}`,
    gateway: e.gateway,
    function: e.function.name,
    horizons: projection.horizons.map((h) => ({
      horizon: h.horizon,
      limitsBoundUsd: h.limitsBound.totalUsd,
      noLimitsUsd: h.noLimits.totalUsd,
    })),
    projection,
  }));
  const last = (r: RankedEndpoint) => r.horizons[r.horizons.length - 1];
  rows.sort(
    (a, b) =>
      (last(b)?.limitsBoundUsd ?? 0) - (last(a)?.limitsBoundUsd ?? 0) ||
      (last(b)?.noLimitsUsd ?? 0) - (last(a)?.noLimitsUsd ?? 0) ||
      a.id.localeCompare(b.id),
  );
  return rows.map((r, i) => ({ ...r, rank: i + 1 }));
}

export function renderRanking(
  rows: readonly RankedEndpoint[],
  attackRatePerSec: number,
  color: boolean,
): string {
  const horizons = rows[0]?.horizons.map((h) => h.horizon) ?? [];
  const head = [
    '#',
    'endpoint',
    'gateway',
    ...horizons.flatMap((h) => [`${h} limits' bound`, `${h} no limits`]),
  ];
  const body = rows.map((r) => [
    String(r.rank),
    `${r.route}\n${r.function}`,
    r.gateway,
    ...r.horizons.flatMap((h) => [formatCost(h.limitsBoundUsd), formatCost(h.noLimitsUsd)]),
  ]);
  const aligns = ['right', 'left', 'left', ...horizons.flatMap(() => ['right', 'right'] as const)] as const;
  const table = renderTable({ head, aligns: [...aligns], color }, body);
  return `Worst case per endpoint, an attack at ${attackRatePerSec}/s (ranked by the limits' bound over ${horizons.at(-1) ?? 'the horizon'}):\n${table}\n`;
}
