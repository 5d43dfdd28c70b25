// Usage-plan quota periods, aligned to UTC calendar boundaries as API Gateway does with offset 0:
// a day starts at 00:00 UTC, a week on Sunday, a month on the 1st.

export type QuotaPeriod = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;
// 1970-01-01 was a Thursday: add 4 to count days from the Sunday before it.
const EPOCH_WEEKDAY_OFFSET = 4;

/** Start (ms since epoch) of the period that contains `nowMs`. */
export function periodStartMs(period: QuotaPeriod, nowMs: number): number {
  const day = Math.floor(nowMs / DAY_MS);
  switch (period) {
    case 'day':
      return day * DAY_MS;
    case 'week':
      return (day - ((day + EPOCH_WEEKDAY_OFFSET) % 7)) * DAY_MS;
    case 'month': {
      const date = new Date(nowMs);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    }
  }
}

/** Start (ms since epoch) of the period after the one that contains `nowMs`. */
export function nextPeriodStartMs(period: QuotaPeriod, nowMs: number): number {
  const start = periodStartMs(period, nowMs);
  switch (period) {
    case 'day':
      return start + DAY_MS;
    case 'week':
      return start + 7 * DAY_MS;
    case 'month': {
      const date = new Date(start);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    }
  }
}
