// One drill, start to end: scenario → plan → (emulator) → driver → projection → verdicts →
// RunReport. The CLI and the library API both call this; neither repeats it.

import type { DriverProgress } from './driver/index.js';
import { runDriver } from './driver/index.js';
import { startEmulatorThread } from './emulator/thread.js';
import { RuntimeFailure } from './errors.js';
import {
  type EmulatorStats,
  EXIT,
  type ExitCode,
  type InferredLimit,
  type Observation,
  type Projection,
  REPORT_SCHEMA_VERSION,
  type RunReport,
  type Scenario,
  type TimelineEntry,
  type Verdict,
} from './model.js';
import { createLoadPlan, type LoadPlan, summarizePlan } from './plan/load-plan.js';
import { createDrillSpendMeter, projectAttack } from './projection/index.js';
import { decideExit, evaluateVerdicts, inferRateLimit } from './verdicts/index.js';
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
  // The one plan of the drill: the driver paces it, the projection prices it, the report shows it.
  const plan = createLoadPlan(scenario.phases);
  const warnings: string[] = [];
  let observation: Observation | null = null;
  let emulatorStats: EmulatorStats | null = null;
  if (scenario.phases.length > 0) {
    const result = await drive(opts, plan);
    observation = result.observation;
    emulatorStats = result.emulatorStats;
  } else {
    warnings.push('the scenario has no traffic: only the cost projection and budgets were checked');
  }
  return buildRunReport({ scenario, file: opts.file, startedAt, observation, emulatorStats, warnings, plan });
}

export interface RunReportInput {
  scenario: Scenario;
  file: string;
  startedAt: Date;
  observation: Observation | null;
  emulatorStats: EmulatorStats | null;
  /** Warnings so far; the judgement's are added. */
  warnings: string[];
  /** The drill's plan (built from the scenario when absent). */
  plan?: LoadPlan;
}

/** Judges an Observation (a drill's, or the merge of its shards') and assembles the RunReport. */
export function buildRunReport(input: RunReportInput): RunReport {
  const { scenario, observation, emulatorStats } = input;
  const warnings = [...input.warnings];
  const plan = input.plan ?? createLoadPlan(scenario.phases);
  const judged = judgeDrill(scenario, observation, emulatorStats, plan);
  warnings.push(...judged.warnings);
  const { projection, inferredLimit, verdicts, exitCode } = judged;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'dowdrill', version: VERSION },
    scenario: {
      name: scenario.name,
      description: scenario.description,
      file: input.file,
      target: targetLabel(scenario),
    },
    startedAt: input.startedAt.toISOString(),
    partial: observation?.partial ?? false,
    stopReason: observation?.stopReason ?? 'completed',
    exitCode,
    plan: summarizePlan(plan),
    observation,
    timeline: observation ? timelineOf(observation) : [],
    verdicts,
    inferredLimit,
    projection,
    emulatorStats,
    warnings,
  };
}

interface Judgement {
  projection: Projection;
  inferredLimit: InferredLimit | null;
  verdicts: Verdict[];
  exitCode: ExitCode;
  warnings: string[];
}

/** A projection with nothing in it, for a run whose projection failed. */
const NO_PROJECTION: Projection = {
  drill: { lines: [], totalUsd: 0 },
  attackRatePerSec: 0,
  assumptions: [],
  horizons: [],
};

/**
 * Projection, inference, verdicts and the exit code. Traffic has been sent by now, so a failure
 * here never loses the run: it becomes a warning and exit 3, and the measured traffic is still
 * reported (the CLI writes result.json and every report).
 */
export function judgeDrill(
  scenario: Scenario,
  observation: Observation | null,
  groundTruth: EmulatorStats | null,
  /** The drill's plan (runDrill built it); the projection builds one when absent. */
  plan?: LoadPlan,
): Judgement {
  let projection = NO_PROJECTION;
  let inferredLimit: InferredLimit | null = null;
  try {
    projection = projectAttack({ scenario, observation, ...(plan ? { plan } : {}) });
    inferredLimit = observation ? inferRateLimit(observation, scenario.expect.rateLimit) : null;
    const verdicts = evaluateVerdicts({
      scenario,
      observation,
      projection,
      inferred: inferredLimit,
      groundTruth,
    });
    const exit = decideExit(verdicts, observation, { drill: true });
    return {
      projection,
      inferredLimit,
      verdicts,
      exitCode: exit.code,
      warnings: exit.warning ? [exit.warning] : [],
    };
  } catch (e) {
    if (!observation) throw e; // nothing was sent: a plain failure, nothing to keep
    const message = e instanceof Error ? e.message : String(e);
    const stage = projection === NO_PROJECTION ? 'the projection' : 'the verdicts';
    const warning = `${stage} failed after the traffic was sent (${message}): the measured traffic is reported, nothing was judged; please report it with the scenario`;
    return { projection, inferredLimit, verdicts: [], exitCode: EXIT.runtime, warnings: [warning] };
  }
}

async function drive(
  opts: DrillOptions,
  plan: LoadPlan,
): Promise<{ observation: Observation; emulatorStats: EmulatorStats | null }> {
  const { scenario } = opts;
  const spendMeter = createDrillSpendMeter(scenario);
  const common = {
    scenario,
    plan,
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
    return { observation, emulatorStats: truth?.stats ?? null };
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
