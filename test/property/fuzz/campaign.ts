// A fuzz campaign: mutants of the examples through the commands users run, each outcome
// classified by exit code, time and output size. `npm test` runs a small seeded sample
// (test/property/fuzz.test.ts); `npm run bench -- fuzz` runs 10,000 documents and prints counts.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_SHOWN_PROBLEMS } from '../../../src/scenario/problems.js';
import { createRng, type Mutant, mutate } from './mutate.js';
import { type CommandOutcome, runCommand } from './run-command.js';

const ROOT = join(import.meta.dirname, '../../..');

export type Command = 'validate' | 'plan' | 'cost' | 'price';

export interface Seed {
  kind: 'scenario' | 'usage';
  file: string;
  text: string;
}

export function loadSeeds(): Seed[] {
  const dirOf = (d: string) => join(ROOT, d);
  const read = (kind: Seed['kind'], d: string): Seed[] =>
    readdirSync(dirOf(d))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => ({ kind, file: `${d}/${f}`, text: readFileSync(join(dirOf(d), f), 'utf8') }));
  return [...read('scenario', 'scenarios'), ...read('usage', 'scenarios/usage')];
}

/** Printed problems, lines: a screenful of problems plus a summary line or two per file. */
export const MAX_STDERR_LINES = MAX_SHOWN_PROBLEMS + 5;
/** Output bytes of one command (the biggest valid output is a sweep or plan --json, ~0.2 MB). */
export const MAX_OUTPUT_BYTES = 2_000_000;

export type Verdict = 'ok' | 'crash' | 'hang' | 'accepted-invalid' | 'too-much-output' | 'leak';

export interface Finding {
  verdict: Verdict;
  command: string;
  mutator: string;
  seed: string;
  exitCode: number;
  elapsedMs: number;
  outputBytes: number;
  detail: string;
}

export interface CampaignResult {
  documents: number;
  runs: number;
  byVerdict: Record<Verdict, number>;
  byExit: Record<string, number>;
  byCommand: Record<string, number>;
  maxOutputBytes: number;
  maxStderrLines: number;
  maxElapsedMs: number;
  slowest: string;
  findings: Finding[];
}

/** Source text of a JavaScript function leaking into output (`${env:toString}` did that). */
const FUNCTION_SOURCE = /\[native code\]|function \w*\(/;

export function classify(
  out: CommandOutcome,
  mutant: Pick<Mutant, 'invalid'>,
  hangMs: number,
): { verdict: Verdict; detail: string } {
  const text = out.stdout + out.stderr;
  if (out.thrown !== undefined)
    return { verdict: 'crash', detail: `threw: ${String((out.thrown as Error)?.message ?? out.thrown)}` };
  if (out.exitCode === 3 || /unexpected failure/.test(out.stderr))
    return { verdict: 'crash', detail: out.stderr.split('\n')[0] ?? '' };
  if (out.elapsedMs > hangMs) return { verdict: 'hang', detail: `${Math.round(out.elapsedMs)} ms` };
  if (FUNCTION_SOURCE.test(text)) return { verdict: 'leak', detail: 'function source in the output' };
  const stderrLines = out.stderr.split('\n').length - 1;
  if (stderrLines > MAX_STDERR_LINES || text.length > MAX_OUTPUT_BYTES)
    return { verdict: 'too-much-output', detail: `${stderrLines} stderr lines, ${text.length} bytes` };
  if (mutant.invalid && (out.exitCode === 0 || out.exitCode === 1 || out.exitCode === 4))
    return { verdict: 'accepted-invalid', detail: `exit ${out.exitCode}` };
  return { verdict: 'ok', detail: '' };
}

function argvFor(command: Command, file: string, rngValue: number): string[] {
  if (command === 'plan') return rngValue < 0.5 ? ['plan', file] : ['plan', '--json', file];
  if (command === 'cost')
    return rngValue < 0.3
      ? [
          'cost',
          file,
          '--sweep',
          rngValue < 0.15 ? 'rateLimit=1..5000' : 'memory=128..10240',
          '--points',
          '100',
        ]
      : ['cost', file];
  if (command === 'price') return rngValue < 0.3 ? ['price', '--json', file] : ['price', file];
  return ['validate', file];
}

/**
 * Runs `documents` mutants, each through one command (scenarios rotate through validate, plan and
 * cost; usage files go to price), in this process, one after another.
 */
export async function runCampaign(opts: {
  seed: number;
  documents: number;
  hangMs: number;
  onProgress?: (done: number, soFar: CampaignResult) => void;
}): Promise<CampaignResult> {
  const rng = createRng(opts.seed);
  const seeds = loadSeeds();
  const dir = mkdtempSync(join(tmpdir(), 'dowdrill-fuzz-'));
  const result: CampaignResult = {
    documents: 0,
    runs: 0,
    byVerdict: { ok: 0, crash: 0, hang: 0, 'accepted-invalid': 0, 'too-much-output': 0, leak: 0 },
    byExit: {},
    byCommand: {},
    maxOutputBytes: 0,
    maxStderrLines: 0,
    maxElapsedMs: 0,
    slowest: '',
    findings: [],
  };
  const scenarioCommands: Command[] = ['validate', 'plan', 'cost'];
  try {
    for (let n = 0; n < opts.documents; n++) {
      // One document in four is a usage file, so price gets its share of the four commands.
      const kind = n % 4 === 3 ? 'usage' : 'scenario';
      const pool = seeds.filter((s) => s.kind === kind);
      const seed = pool[Math.floor(rng() * pool.length)] as Seed;
      const mutant = mutate(rng, seed.text, kind);
      const file = join(dir, `doc-${n % 16}.${mutant.ext}`);
      writeFileSync(file, mutant.content);
      const command: Command = kind === 'usage' ? 'price' : (scenarioCommands[n % 3] as Command);
      const argv = argvFor(command, file, rng());
      const out = await runCommand(argv, { DOWDRILL_FUZZ_SET: 'set' });
      const { verdict, detail } = classify(out, mutant, opts.hangMs);
      const outputBytes = out.stdout.length + out.stderr.length;
      result.documents++;
      result.runs++;
      result.byVerdict[verdict]++;
      result.byExit[String(out.exitCode)] = (result.byExit[String(out.exitCode)] ?? 0) + 1;
      result.byCommand[command] = (result.byCommand[command] ?? 0) + 1;
      result.maxOutputBytes = Math.max(result.maxOutputBytes, outputBytes);
      result.maxStderrLines = Math.max(result.maxStderrLines, out.stderr.split('\n').length - 1);
      if (out.elapsedMs > result.maxElapsedMs) {
        result.maxElapsedMs = out.elapsedMs;
        result.slowest = `${argv.slice(0, -1).join(' ')} ${mutant.mutator} of ${seed.file}`;
      }
      if (verdict !== 'ok')
        result.findings.push({
          verdict,
          command: argv.join(' '),
          mutator: mutant.mutator,
          seed: seed.file,
          exitCode: out.exitCode,
          elapsedMs: Math.round(out.elapsedMs),
          outputBytes,
          detail,
        });
      opts.onProgress?.(n + 1, result);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
