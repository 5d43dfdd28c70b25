// One drill, start to end: scenario → plan → (emulator) → driver → projection → verdicts →
// RunReport. The CLI and the library API both call this; neither repeats it.

import type { DriverProgress } from './driver/index.js';
import { runDriver } from './driver/index.js';
import { startEmulatorThread } from './emulator/thread.js';
import { RuntimeFailure } from './errors.js';
import {
  EXIT,
  type ExitCode,
  type Observation,
  REPORT_SCHEMA_VERSION,
  type RunReport,
  type Scenario,
  type TimelineEntry,
} from './model.js';
import { createLoadPlan, summarizePlan } from './plan/load-plan.js';
import { createDrillSpendMeter, projectAttack } from './projection/index.js';
import { evaluateVerdicts, exitCodeFor, inferRateLimit } from './verdicts/index.js';
import { VERSION } from './version.js';

export interface DrillOptions {
  scenario: Scenario;
  /** The scenario's file name, for the report. */
  file: string;
  signal?: AbortSignal;
  onProgress?: (p: DriverProgress) => void;
  /** Called once the target is known (the emulator's URL is only known once it listens). */
  onTarget?: (url: string) => void;
  now?: () => Date;
}

export async function runDrill(opts: DrillOptions): Promise<RunReport> {
  const { scenario } = opts;
  const startedAt = (opts.now ?? (() => new Date()))();
  const warnings: string[] = [];
  let observation: Observation | null = null;
  let emulatorStats: Record<string, unknown> | null = null;
  if (scenario.phases.length > 0) {
    const result = await drive(opts);
    observation = result.observation;
    emulatorStats = result.emulatorStats;
  } else {
    warnings.push('the scenario has no traffic: only the cost projection and budgets were checked');
  }
  const projection = projectAttack({ scenario, observation });
  const inferredLimit = observation ? inferRateLimit(observation, scenario.expect.rateLimit) : null;
  const verdicts = evaluateVerdicts({ scenario, observation, projection, inferred: inferredLimit });
  let exitCode: ExitCode = exitCodeFor(verdicts);
  if (observation && isUnreachable(observation)) {
    const t = observation.totals;
    warnings.push(
      `the target never answered: ${t.errors} connection errors, ${t.timeouts} timeouts (${kindsLine(t.errorsByKind)})`,
    );
    exitCode = EXIT.runtime;
  } else if (observation?.partial && exitCode === EXIT.ok) {
    exitCode = EXIT.inconclusive;
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'dowdrill', version: VERSION },
    scenario: {
      name: scenario.name,
      description: scenario.description,
      file: opts.file,
      target: targetLabel(scenario),
    },
    startedAt: startedAt.toISOString(),
    partial: observation?.partial ?? false,
    stopReason: observation?.stopReason ?? 'completed',
    exitCode,
    plan: summarizePlan(createLoadPlan(scenario.phases)),
    observation,
    timeline: observation ? timelineOf(observation) : [],
    verdicts,
    inferredLimit,
    projection,
    emulatorStats,
    warnings,
  };
}

async function drive(
  opts: DrillOptions,
): Promise<{ observation: Observation; emulatorStats: Record<string, unknown> | null }> {
  const { scenario } = opts;
  const spendMeter = createDrillSpendMeter(scenario);
  const common = {
    scenario,
    spendMeter,
    seed: scenario.seed,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  };
  if (scenario.target.kind === 'url') {
    opts.onTarget?.(scenario.target.url);
    const observation = await runDriver({
      ...common,
      targetUrl: scenario.target.url,
      allowedHosts: scenario.target.allowedHosts,
    });
    return { observation, emulatorStats: null };
  }
  const emu = await startEmulatorOrFail(scenario);
  try {
    opts.onTarget?.(emu.url);
    emu.resetLoopDelay();
    const observation = await runDriver({ ...common, targetUrl: emu.url, allowedHosts: 'any' });
    const truth = await emu.stats().catch(() => null);
    if (truth && observation.health) {
      observation.health.targetLoopDelayP99Ms = round1(truth.loopDelay.p99Ms);
      observation.health.targetLoopDelayMaxMs = round1(truth.loopDelay.maxMs);
    }
    return { observation, emulatorStats: truth ? (truth.stats as unknown as Record<string, unknown>) : null };
  } finally {
    await emu.stop();
  }
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** The emulator runs in a thread of its own (emulator/thread.ts): the drill's load never slows it. */
async function startEmulatorOrFail(scenario: Scenario) {
  if (scenario.target.kind !== 'emulator') throw new Error('unreachable');
  const logFile = scenario.target.reportLogFile;
  try {
    return await startEmulatorThread(scenario.target.emulator, {
      host: '127.0.0.1',
      port: 0,
      ...(logFile ? { reportLogFile: logFile } : {}),
    });
  } catch (e) {
    throw new RuntimeFailure(
      `the embedded emulator failed to start: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/**
 * No HTTP response came back at all: every request that finished failed to connect, was cut off,
 * could not be parsed, or timed out. (`completed` counts those failures too, so it is not the test.)
 */
function isUnreachable(o: Observation): boolean {
  const { sent, completed, errors, timeouts } = o.totals;
  return sent > 0 && errors + timeouts > 0 && completed - errors - timeouts === 0;
}

/** `refused 100, timeout 3`, largest first. */
function kindsLine(byKind: Record<string, number>): string {
  const parts = Object.entries(byKind)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, n]) => `${kind} ${n}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function timelineOf(o: Observation): TimelineEntry[] {
  return o.seconds.map((s) => ({
    second: s.second,
    intended: s.intended,
    sent: s.sent,
    completed: s.completed,
    accepted: s.accepted,
    byStatus: s.byStatus,
    timeouts: s.timeouts,
    errors: s.errors,
    ...(s.errorsByKind && Object.keys(s.errorsByKind).length > 0 ? { errorsByKind: s.errorsByKind } : {}),
  }));
}

function targetLabel(s: Scenario): string {
  return s.target.kind === 'url' ? s.target.url : `embedded emulator (${s.target.emulator.profile})`;
}
