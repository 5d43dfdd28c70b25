// `npm run bench -- fuzz`: the long fuzz run (10,000 mutants of the examples through validate,
// plan, cost and price, 10 s per-document bound) and the worst-case inputs at the schema's bounds,
// each timed through validate, plan and cost (must finish in under a second; printed, not asserted).
// FUZZ_DOCS and FUZZ_SEED override the count and the seed.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCampaign } from '../test/property/fuzz/campaign.js';
import { runCommand } from '../test/property/fuzz/run-command.js';
import { WORST_CASES } from '../test/property/fuzz/worst-cases.js';

const HANG_MS = 10_000;

export async function benchFuzz(): Promise<void> {
  await benchWorstCases();
  const documents = Number(process.env.FUZZ_DOCS ?? 10_000);
  const seed = Number(process.env.FUZZ_SEED ?? 2026);
  const started = performance.now();
  const r = await runCampaign({
    seed,
    documents,
    hangMs: HANG_MS,
    // Running counts, so a run cut short still tells what it found.
    onProgress: (n, so) => {
      if (n % 500 === 0)
        process.stderr.write(
          `  fuzz: ${n}/${documents} crash ${so.byVerdict.crash} hang ${so.byVerdict.hang} accepted-invalid ${so.byVerdict['accepted-invalid']} leak ${so.byVerdict.leak} too-much-output ${so.byVerdict['too-much-output']} max ${so.maxElapsedMs.toFixed(0)} ms ${so.maxOutputBytes} B\n`,
        );
    },
  });
  const s = ((performance.now() - started) / 1000).toFixed(0);
  process.stdout.write(
    [
      `fuzz: ${r.documents} documents (seed ${seed}) in ${s} s, per command ${JSON.stringify(r.byCommand)}`,
      `  exit codes        ${JSON.stringify(r.byExit)}`,
      `  crashes           ${r.byVerdict.crash}`,
      `  hangs (>${HANG_MS / 1000} s)     ${r.byVerdict.hang}`,
      `  accepted-invalid  ${r.byVerdict['accepted-invalid']}`,
      `  function leaks    ${r.byVerdict.leak}`,
      `  too much output   ${r.byVerdict['too-much-output']}`,
      `  max output        ${r.maxOutputBytes} bytes, ${r.maxStderrLines} stderr lines`,
      `  max time          ${r.maxElapsedMs.toFixed(0)} ms (${r.slowest})`,
      ...r.findings
        .slice(0, 30)
        .map((f) => `  ${f.verdict}: ${f.command} [${f.mutator} of ${f.seed}] ${f.detail}`),
      '',
    ].join('\n'),
  );
  if (r.findings.length > 0) process.exitCode = 1;
}

async function benchWorstCases(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dowdrill-worst-'));
  try {
    process.stdout.write('worst cases at the schema bounds (ms; each must be under 1000):\n');
    for (const w of WORST_CASES) {
      const file = join(dir, `${w.kind}.json`);
      writeFileSync(file, w.text({}));
      const runs =
        w.kind === 'usage'
          ? [['price', file]]
          : [
              ['validate', file],
              ['plan', file],
              ['plan', '--json', file],
              ['cost', file, ...(w.costArgs ?? [])],
            ];
      const cells: string[] = [];
      for (const argv of runs) {
        const out = await runCommand(argv);
        const label =
          argv.slice(0, argv.indexOf(file)).join(' ') + (w.costArgs && argv[0] === 'cost' ? ' --sweep' : '');
        cells.push(
          `${label} ${out.elapsedMs.toFixed(0)}${out.exitCode === 0 ? '' : ` (exit ${out.exitCode})`}`,
        );
      }
      process.stdout.write(`  ${w.name.padEnd(72)} ${cells.join(', ')}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
