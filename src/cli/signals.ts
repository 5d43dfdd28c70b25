// Ctrl-C and SIGTERM during a drill or a shard, handled the same way everywhere: the first signal
// stops the traffic and keeps what was measured (reports, or the shard file, are still written); a
// second Ctrl-C ends the process at once (130); a SIGTERM (a CI runner, `kill`, a Kubernetes
// deadline) always ends it within SIGTERM_GRACE_MS (143), written or not. After the traffic, while
// files are flushed, a signal ends the process at once with the documented code.

/**
 * How long a SIGTERM'd drill may take to stop and write its reports before it is ended (exit 143).
 * Not 1 s: on a loaded 2-core runner the graceful stop plus reports takes 1-2 s (interrupt.test.ts).
 */
export const SIGTERM_GRACE_MS = 4000;

export interface TrappedSignals {
  /** Aborted by the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** The traffic is over: from now on a signal ends the process at once (130 / 143). */
  release(): void;
}

export function trapSignals(): TrappedSignals {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130); // a second Ctrl-C: stop now
    process.stderr.write(`\n${signal}: stopping the drill, keeping what was measured…\n`);
    controller.abort();
    if (signal === 'SIGTERM') setTimeout(() => process.exit(143), SIGTERM_GRACE_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    release() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
    },
  };
}
