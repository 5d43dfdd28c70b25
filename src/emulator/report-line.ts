// Lambda's REPORT log line, so the cost model reads the same fields from the emulator as from
// CloudWatch. Real lines separate fields with tabs, e.g.
// REPORT RequestId: 3604209a-…\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\t
// Max Memory Used: 64 MB\tInit Duration: 180.00 ms\tStatus: timeout

export interface ReportFields {
  requestId: string;
  /** Handler duration in ms (the timeout when it timed out). */
  durationMs: number;
  /** Billed duration in ms (already rounded). */
  billedMs: number;
  memoryMb: number;
  maxMemoryUsedMb: number;
  /** INIT duration in ms on a cold start; undefined on a warm start. */
  initMs: number | undefined;
  timedOut: boolean;
}

export function formatReportLine(fields: ReportFields): string {
  const init = fields.initMs === undefined ? '' : `\tInit Duration: ${fields.initMs.toFixed(2)} ms`;
  const status = fields.timedOut ? '\tStatus: timeout' : '';
  return (
    `REPORT RequestId: ${fields.requestId}\tDuration: ${fields.durationMs.toFixed(2)} ms` +
    `\tBilled Duration: ${fields.billedMs} ms\tMemory Size: ${fields.memoryMb} MB` +
    `\tMax Memory Used: ${fields.maxMemoryUsedMb} MB${init}${status}\n`
  );
}
