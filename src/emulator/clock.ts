// Every mechanism takes the time as a parameter (ms); only the server reads a real clock, so unit
// tests drive the mechanisms with an injected clock.

export interface Clock {
  /** Milliseconds since the Unix epoch, monotonic within a process. */
  now(): number;
}

// performance.now() is monotonic; adding timeOrigin keeps it aligned with calendar time, which the
// usage-plan quota periods (day, week, month in UTC) need.
const origin = performance.timeOrigin;

export const systemClock: Clock = {
  now: () => origin + performance.now(),
};
