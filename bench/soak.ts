// The long drill: 10 minutes at a high rate against the emulator (in a child process, so only the
// driver's memory is measured here), sampling this process's RSS every 10 s. Memory must stay
// flat: the Observation keeps per-second buckets and histograms, never a list of requests.
// DOWDRILL_SOAK_SECONDS and DOWDRILL_SOAK_RATE shorten or lighten it for a quick look.

import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { runDriver } from '../src/driver/index.js';
import type { Scenario } from '../src/model.js';
import { normaliseScenario } from '../src/scenario/normalise.js';
import { scenarioSchema } from '../src/scenario/scenario-schema.js';

const ROOT = join(import.meta.dirname, '..');

export async function benchSoak(): Promise<void> {
  const seconds = Number(process.env.DOWDRILL_SOAK_SECONDS ?? 600);
  const rate = Number(process.env.DOWDRILL_SOAK_RATE ?? 5000);
  const { child, url } = await startEmulatorProcess();
  const samples: { t: number; rssMb: number; heapMb: number; sent: number }[] = [];
  let sent = 0;
  const started = performance.now();
  const sample = () => {
    const m = process.memoryUsage();
    samples.push({
      t: (performance.now() - started) / 1000,
      rssMb: m.rss / 2 ** 20,
      heapMb: m.heapUsed / 2 ** 20,
      sent,
    });
    const s = samples[samples.length - 1]!;
    process.stdout.write(
      `  t=${s.t.toFixed(0).padStart(4)} s  rss ${s.rssMb.toFixed(1).padStart(6)} MB  heap ${s.heapMb.toFixed(1).padStart(6)} MB  sent ${s.sent}\n`,
    );
  };
  const timer = setInterval(sample, 10_000);
  try {
    process.stdout.write(
      `soak: ${rate}/s for ${seconds} s against the emulator in a child process (loopback)\n`,
    );
    sample();
    const obs = await runDriver({
      scenario: soakScenario(rate, seconds),
      targetUrl: url,
      allowedHosts: ['127.0.0.1'],
      onProgress: (p) => {
        sent = p.sent;
      },
    });
    sent = obs.totals.sent;
    sample();
    report(samples, obs.totals.sent, obs.totals.completed, seconds * rate);
  } finally {
    clearInterval(timer);
    child.kill('SIGTERM');
  }
}

function soakScenario(rate: number, seconds: number): Scenario {
  const written = scenarioSchema.parse({
    name: 'soak',
    target: { url: 'http://127.0.0.1/', allowedHosts: ['127.0.0.1'] },
    traffic: {
      phases: [{ type: 'constant', rate, duration: `${seconds}s` }],
      requests: [{ path: '/soak/{{seq}}' }],
    },
    safety: { maxRequests: rate * seconds + 1, maxDuration: `${seconds + 30}s`, maxDrillSpendUsd: 1000 },
  });
  return normaliseScenario(written, {});
}

function report(
  samples: { t: number; rssMb: number }[],
  sent: number,
  completed: number,
  planned: number,
): void {
  const peak = Math.max(...samples.map((s) => s.rssMb));
  // Slope after the first minute (warm-up: JIT, pools, histograms sized), least squares.
  const steady = samples.filter((s) => s.t >= 60);
  const slope = steady.length >= 3 ? leastSquaresSlope(steady.map((s) => [s.t / 60, s.rssMb])) : Number.NaN;
  process.stdout.write(
    `soak: sent ${sent} of ${planned} planned (${((sent / planned) * 100).toFixed(2)} %), ${completed} completed\n` +
      `soak: peak RSS ${peak.toFixed(1)} MB; RSS slope after the first minute ${Number.isNaN(slope) ? 'n/a (run longer)' : `${slope.toFixed(3)} MB/min`}\n`,
  );
}

function leastSquaresSlope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  const num = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return num / den;
}

function startEmulatorProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/dowdrill.js'), 'emulate', '--port', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    const timeout = setTimeout(() => reject(new Error(`the emulator did not start: ${err}`)), 10_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m?.[1]) {
        clearTimeout(timeout);
        resolve({ child, url: m[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}): ${err}`)));
  });
}
