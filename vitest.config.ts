import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests put real load on a 2-core machine: run files one after another so
    // one drill's traffic never skews another's measurements.
    fileParallelism: false,
    pool: 'forks',
  },
});
