import { defineConfig } from 'vitest/config';

// The reliability suite (npm run test:reliability): races, crashes, several instances, hostile
// input. Files start real servers, some as child processes they kill; one file at a time, so
// the figures each prints are not skewed by another file competing for the 2 cores.
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['reliability/**/*.test.ts'],
    // Two instances need a shared PostgreSQL; the CSP checks are the same whatever the database.
    exclude: process.env.TEST_DB === 'postgres' ? ['reliability/csp.test.ts', 'reliability/api-docs-csp.test.ts'] : ['reliability/multi-instance.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: 'test' },
  },
});
