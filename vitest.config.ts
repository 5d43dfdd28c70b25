import { defineConfig } from 'vitest/config';

// Two groups. First the files that send no judged traffic (unit, property, goldens, and the CLI
// tests that only validate, price or refuse input), two at a time. Then the drills (integration
// tests and the CLI tests that run one), one file after another, so one drill's traffic never
// skews another's measurements.
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
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
