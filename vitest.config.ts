import { defineConfig } from 'vitest/config';

// Two groups, two files at a time each (CI has two cores and 15 minutes). First the files that
// send no judged traffic (unit, property, goldens, and the CLI tests that only validate, price or
// refuse input); then the drills (integration tests and the CLI tests that run one). A drill
// beside another is a drill on a busy machine: its accounting is checked every time, its timing
// only when the kernel says nothing else took its CPU (test/helpers/quiet.ts), so
// `npm test` holds whatever else runs. `npx vitest run --project drills --no-file-parallelism`
// runs them one at a time, where every timing check is judged.
const DRILLS = [
  'test/integration/**/*.test.ts',
  'test/cli/cost.test.ts',
  'test/cli/exit-codes.test.ts',
  'test/cli/interrupt.test.ts',
  'test/cli/reports-keep-going.test.ts',
  'test/cli/spend-cap.test.ts',
];
const shared = { testTimeout: 30_000, hookTimeout: 30_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'checks',
          include: ['test/**/*.test.ts'],
          exclude: DRILLS,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'drills',
          include: DRILLS,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
