import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from './clock.js';
import { type EmulatorConfig, type EmulatorConfigInput, emulatorConfigSchema } from './config.js';
import { FunctionRuntime } from './function-runtime.js';
import { Gateway } from './gateway.js';
import { Holds } from './holds.js';
import { mulberry32 } from './prng.js';
import { resolveSettings } from './profiles.js';
import { openReportLog, type ReportLog } from './report-log.js';
import { Responder } from './responses.js';
import { createRequestHandler, snapshotStats } from './server.js';
import type { EmulatorStats } from './stats.js';
import { StatsRecorder } from './stats.js';

export type {
  BucketConfig,
  DurationConfig,
  EmulatorConfig,
  EmulatorConfigInput,
  EmulatorProfile,
  UsagePlanConfig,
  WafConfig,
} from './config.js';
export { emulatorConfigSchema, parseEmulatorConfig } from './config.js';
export { LAYER_NAMES, type LayerName } from './layers.js';
export type { EmulatorStats, ThrottledByLayer } from './stats.js';

export interface StartEmulatorOptions {
  /** Interface to bind; loopback unless told otherwise. */
  host?: string;
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Append one Lambda-style REPORT line per invocation to this file. */
  reportLogFile?: string;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  host: string;
  port: number;
  /** The ground-truth counters (same JSON as GET /__dowdrill/stats). */
  stats(): EmulatorStats;
  /** Closes the server and its connections, drops pending holds and function timers, flushes the log. */
  stop(): Promise<void>;
}

// Seeds derived from config.seed, one stream per consumer, so turning the WAF on does not change
// the sequence of sampled durations.
const WAF_SEED_SALT = 0x9e3779b9;

/** Starts the emulator; the config is (re)parsed, so a written config works too. */
export async function startEmulator(
  config: EmulatorConfig | EmulatorConfigInput,
  opts: StartEmulatorOptions = {},
): Promise<RunningEmulator> {
  const parsed = emulatorConfigSchema.parse(config);
  const reportLog = opts.reportLogFile === undefined ? undefined : openReportLog(opts.reportLogFile);
  const { deps, handler } = assemble(parsed, reportLog);
  const server = createServer({ keepAliveTimeout: 30_000 }, handler);
  const host = opts.host ?? '127.0.0.1';
  const port = await listen(server, host, opts.port ?? 0).catch(async (error: unknown) => {
    await reportLog?.close();
    throw error;
  });
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    stats: () => snapshotStats(deps),
    stop: () => {
      stopping ??= (async () => {
        deps.holds.stop();
        deps.runtime.stop();
        await closeServer(server);
        await reportLog?.close();
      })();
      return stopping;
    },
  };
}

// Wires the layers together: one clock, one stats recorder, the gateway, the function runtime.
function assemble(config: EmulatorConfig, reportLog: ReportLog | undefined) {
  const clock = systemClock;
  const settings = resolveSettings(config);
  const stats = new StatsRecorder(config.profile, config.function.memoryMb, clock.now());
  const responder = new Responder(settings.responses, stats);
  const gateway = new Gateway(
    config,
    settings.hasGateway,
    mulberry32(config.seed ^ WAF_SEED_SALT),
    clock.now(),
  );
  const random = mulberry32(config.seed);
  const runtime = new FunctionRuntime({ config, settings, stats, responder, reportLog, clock, random });
  const holds = new Holds(stats.held);
  const deps = { clock, gateway, holds, runtime, responder, stats, reportLog };
  const handler = createRequestHandler({
    ...deps,
    hasGateway: settings.hasGateway,
    rateLimitStyle: config.gateway.rateLimitHeaders,
  });
  return { deps, handler };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

// close() alone waits for keep-alive clients to hang up; closeAllConnections() ends them now.
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
