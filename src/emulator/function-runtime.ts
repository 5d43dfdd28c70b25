import type { ServerResponse } from 'node:http';
import type { Clock } from './clock.js';
import type { EmulatorConfig } from './config.js';
import { createDownstreamSampler } from './downstream-headers.js';
import { createDurationSampler, type DurationSampler } from './duration-model.js';
import { type Environment, EnvironmentPool } from './env-pool.js';
import { FunctionQueue } from './function-queue.js';
import { type InvocationPlan, planInvocation } from './invocation.js';
import { Layer } from './layers.js';
import type { Random } from './prng.js';
import type { EmulatorSettings } from './profiles.js';
import { formatReportLine } from './report-line.js';
import type { ReportLog } from './report-log.js';
import type { Responder } from './responses.js';
import type { StatsRecorder } from './stats.js';

// The function behind the gateway: a concurrency cap, a pool of execution environments, a duration
// model and the two timeouts. It waits with timers and never burns CPU, so the emulator stays cheap
// however slow the modelled function is. Every pending timer is tracked so stop() can drop them.
// Over the cap a request is throttled at once, or, with function.queue, waits for a slot
// (function-queue.ts); it is billed from when it starts to execute, never for the wait.

// Lambda reports the peak memory of the sandbox; the emulator has no real figure, so it reports a
// small constant (capped by the configured memory). Billing does not depend on it.
const REPORTED_MEMORY_USED_MB = 64;

interface Invocation {
  readonly requestId: string;
  readonly res: ServerResponse;
  readonly environment: Environment;
  /** INIT duration in ms on a cold start, undefined when warm. */
  readonly initMs: number | undefined;
  readonly plan: InvocationPlan;
  /** Per-request headers decided at admission (rate-limit headers). */
  readonly extra: readonly string[] | undefined;
  /** Downstream quantity headers of this invocation (name, value pairs), sent with a success. */
  readonly downstream: readonly string[];
  responded: boolean;
  functionTimer: NodeJS.Timeout | undefined;
  gatewayTimer: NodeJS.Timeout | undefined;
}

export interface RuntimeDeps {
  config: EmulatorConfig;
  settings: EmulatorSettings;
  stats: StatsRecorder;
  responder: Responder;
  reportLog: ReportLog | undefined;
  clock: Clock;
  random: Random;
}

export class FunctionRuntime {
  inFlight = 0;
  private readonly pending = new Set<Invocation>();
  private readonly pool: EnvironmentPool;
  private readonly sampleDuration: DurationSampler;
  private readonly sampleDownstream: () => readonly string[];
  private readonly queue: FunctionQueue | undefined;
  /** True while finish() starts waiters, so a 0 ms one finishing inside it does not recurse. */
  private draining = false;

  constructor(private readonly deps: RuntimeDeps) {
    const fn = deps.config.function;
    this.pool = new EnvironmentPool(fn.coldStart.idleTtlMs);
    this.sampleDuration = createDurationSampler(fn.duration, deps.random);
    this.sampleDownstream = createDownstreamSampler(fn.downstreamHeaders, deps.random);
    this.queue = fn.queue
      ? new FunctionQueue(fn.queue, deps.settings.integrationTimeoutMs, deps.stats, deps.responder)
      : undefined;
  }

  /** Runs the function for an admitted request; over the concurrency cap, queues or throttles it. */
  invoke(res: ServerResponse, requestId: string, nowMs: number, extra?: readonly string[]): void {
    const { stats } = this.deps;
    if (this.inFlight < this.deps.settings.concurrencyLimit) {
      this.start(res, requestId, nowMs, extra, 0);
      return;
    }
    if (this.queue) {
      this.queue.offer({ res, requestId, extra, arrivedMs: nowMs }, this.inFlight);
      return;
    }
    stats.throttled[Layer.lambdaConcurrency] = (stats.throttled[Layer.lambdaConcurrency] ?? 0) + 1;
    this.deps.responder.send(res, Layer.lambdaConcurrency, requestId, extra);
  }

  /** Starts an invocation in a free slot; `waitedMs` it spent queued counts against the gateway. */
  private start(
    res: ServerResponse,
    requestId: string,
    nowMs: number,
    extra: readonly string[] | undefined,
    waitedMs: number,
  ): void {
    const { stats } = this.deps;
    this.inFlight += 1;
    if (this.inFlight > stats.peakConcurrency) stats.peakConcurrency = this.inFlight;
    this.queue?.noteInSystem(this.inFlight);
    stats.invocations += 1;
    const environment = this.pool.acquire(nowMs);
    const cold = environment.invocations === 1;
    if (cold) stats.coldStarts += 1;
    const initMs = cold ? this.deps.config.function.coldStart.initMs : undefined;
    this.schedule({
      requestId,
      res,
      environment,
      initMs,
      plan: this.plan(initMs ?? 0, waitedMs),
      extra,
      downstream: this.sampleDownstream(),
      responded: false,
      functionTimer: undefined,
      gatewayTimer: undefined,
    });
  }

  /** Forgets every pending invocation and its timers, so the process can exit at once. */
  stop(): void {
    this.queue?.stop();
    for (const invocation of this.pending) {
      clearTimeout(invocation.functionTimer);
      clearTimeout(invocation.gatewayTimer);
    }
    this.pending.clear();
  }

  warmEnvironments(nowMs: number): number {
    return this.pool.warmCount(nowMs);
  }

  // The integration timeout runs from arrival: a request that waited has that much less of it.
  private plan(initMs: number, waitedMs: number): InvocationPlan {
    const { config, settings } = this.deps;
    return planInvocation({
      durationMs: this.sampleDuration(),
      initMs,
      timeoutMs: config.function.timeoutMs,
      integrationTimeoutMs: settings.integrationTimeoutMs - waitedMs,
      initBilled: config.function.coldStart.initBilled,
      granularityMs: config.billing.granularityMs,
    });
  }

  private schedule(invocation: Invocation): void {
    const { plan } = invocation;
    // A 0 ms function with no INIT finishes now: no timer, no event-loop turn.
    if (plan.finishMs <= 0) {
      this.finish(invocation);
      return;
    }
    this.pending.add(invocation);
    if (plan.gatewayTimesOut) {
      invocation.gatewayTimer = setTimeout(onGatewayTimeout, plan.respondMs, this, invocation);
    }
    invocation.functionTimer = setTimeout(onFunctionDone, plan.finishMs, this, invocation);
  }

  /** The gateway gives up; the function keeps running (and billing) to its own end. */
  gatewayTimeout(invocation: Invocation): void {
    invocation.gatewayTimer = undefined;
    if (invocation.responded) return;
    invocation.responded = true;
    this.deps.stats.gatewayTimeouts += 1;
    this.deps.responder.send(
      invocation.res,
      Layer.gatewayTimeout,
      invocation.requestId,
      coldHeaders(invocation),
    );
  }

  finish(invocation: Invocation): void {
    const { stats, config } = this.deps;
    const { plan } = invocation;
    this.pending.delete(invocation);
    clearTimeout(invocation.gatewayTimer);
    this.inFlight -= 1;
    this.pool.release(invocation.environment, this.deps.clock.now());
    stats.completedInvocations += 1;
    stats.billedMs += plan.billedMs;
    stats.initBilledMs += plan.initBilledMs;
    stats.durationMs += plan.runMs;
    if (plan.timedOut) stats.functionTimeouts += 1;
    this.writeReport(invocation, config.function.memoryMb);
    this.respond(invocation);
    this.startWaiters();
  }

  private respond(invocation: Invocation): void {
    if (invocation.responded) return;
    invocation.responded = true;
    const layer = invocation.plan.timedOut ? Layer.functionTimeout : Layer.function;
    this.deps.responder.send(invocation.res, layer, invocation.requestId, functionHeaders(invocation));
  }

  /** Fills the free slots from the queue, longest waiting first. */
  private startWaiters(): void {
    if (!this.queue || this.draining) return;
    this.draining = true;
    const nowMs = this.deps.clock.now();
    try {
      while (this.inFlight < this.deps.settings.concurrencyLimit) {
        const waiter = this.queue.take(nowMs);
        if (!waiter) break;
        this.start(waiter.res, waiter.requestId, nowMs, waiter.extra, nowMs - waiter.arrivedMs);
      }
    } finally {
      this.draining = false;
    }
  }

  private writeReport(invocation: Invocation, memoryMb: number): void {
    if (!this.deps.reportLog) return;
    this.deps.reportLog.write(
      formatReportLine({
        requestId: invocation.requestId,
        durationMs: invocation.plan.runMs,
        billedMs: invocation.plan.billedMs,
        memoryMb,
        maxMemoryUsedMb: Math.min(memoryMb, REPORTED_MEMORY_USED_MB),
        initMs: invocation.initMs,
        timedOut: invocation.plan.timedOut,
      }),
    );
  }
}

function onGatewayTimeout(runtime: FunctionRuntime, invocation: Invocation): void {
  runtime.gatewayTimeout(invocation);
}

function onFunctionDone(runtime: FunctionRuntime, invocation: Invocation): void {
  invocation.functionTimer = undefined;
  runtime.finish(invocation);
}

// The gateway timeout answers before the bill is known: cold-start headers only.
function coldHeaders(invocation: Invocation): string[] {
  const headers = invocation.extra ? invocation.extra.slice() : [];
  if (invocation.initMs !== undefined) {
    headers.push('x-emu-cold-start', '1', 'x-emu-init-duration-ms', String(invocation.initMs));
  }
  return headers;
}

function functionHeaders(invocation: Invocation): string[] {
  const headers = coldHeaders(invocation);
  headers.push('x-emu-billed-duration-ms', String(invocation.plan.billedMs));
  for (const value of invocation.downstream) headers.push(value);
  return headers;
}
