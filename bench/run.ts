// `npm run bench [name...]`: every benchmark, side by side in one run. Never part of `npm test`.
// Names: emulator, driver, coldstart (issue 18's cold-start table, ~3 min), projection, fuzz (10,000 fuzzed documents, a few minutes), soak (the
// 10-minute RSS drill), honest (the README's CI scenarios 20 times each, quiet and under a CPU hog:
// about 15 minutes). The last three run only when named, or with --all. shards: n local shard
// processes merged against one (bench/shards.ts).

const suites: Record<string, () => Promise<void>> = {
  emulator: async () => (await import('./emulator.js')).benchEmulator(),
  driver: async () => (await import('./driver.js')).benchDriver(),
  coldstart: async () => (await import('./coldstart.js')).benchColdstart(),
  projection: async () => (await import('./projection.js')).benchProjection(),
  soak: async () => (await import('./soak.js')).benchSoak(),
  honest: async () => (await import('./honest.js')).benchHonest(),
  fuzz: async () => (await import('./fuzz.js')).benchFuzz(),
  shards: async () => (await import('./shards.js')).benchShards(),
};

const DEFAULT = ['projection', 'emulator', 'driver', 'coldstart', 'shards'];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const names = args.includes('--all') ? Object.keys(suites) : args.length > 0 ? args : DEFAULT;
  for (const name of names) {
    const suite = suites[name];
    if (!suite) {
      process.stderr.write(`unknown bench "${name}"; known: ${Object.keys(suites).join(', ')}\n`);
      process.exitCode = 2;
      return;
    }
    process.stdout.write(`\n=== bench: ${name} ===\n`);
    await suite();
  }
}

await main();
