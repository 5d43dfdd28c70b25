// The bill's lines per horizon, for spreadsheets: one row per (horizon, bill, line), money without
// float noise (12 significant digits; the model keeps full precision) and the date each source was seen, plus a total row per bill. Columns are a bill's rows (csv-rows.ts, as `price --csv`)
// with the horizon and which bill in front. Cells that a spreadsheet would run as a formula are defused.

import type { Bill, RunReport } from '../model.js';
import { BILL_CSV_HEADER, billCsvRows, type CsvValue, csvCell, csvText } from './csv-rows.js';
import { redactDeep } from './redact.js';
import type { RenderContext } from './types.js';

const HEADER = ['horizon', 'bill', 'durationMs', ...BILL_CSV_HEADER];

export { csvCell };

/** A bill's rows (csv-rows.ts) behind the horizon, which bill, and the horizon's length. */
function billRows(horizon: string, which: string, durationMs: number | null, bill: Bill): CsvValue[][] {
  return billCsvRows(bill).map((row) => [horizon, which, durationMs, ...row]);
}

export function renderCsv(report: RunReport, ctx: RenderContext): string {
  const r = redactDeep(report, ctx.redact);
  const rows = [
    ...billRows('drill', r.observation ? 'measured' : 'planned', r.plan.durationMs, r.projection.drill),
    ...r.projection.horizons.flatMap((h) => [
      ...billRows(h.horizon, 'projected', h.durationMs, h.projected),
      ...billRows(h.horizon, 'limits-bound', h.durationMs, h.limitsBound),
      ...(h.limitsBoundSlowPath
        ? billRows(h.horizon, 'limits-bound-slow-path', h.durationMs, h.limitsBoundSlowPath)
        : []),
      ...billRows(h.horizon, 'no-limits', h.durationMs, h.noLimits),
    ]),
  ];
  return csvText([HEADER, ...rows]);
}
