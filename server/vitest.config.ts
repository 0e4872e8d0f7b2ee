import { defineConfig } from 'vitest/config';

// API tests: each file starts its own real server on its own database, so files run in
// separate processes, a couple at a time on this 2-core machine.
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['test/**/*.test.ts'],
    // every answer of every API test is checked against the OpenAPI document (test/support/contract.ts)
    setupFiles: ['test/support/contract-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test', NOTIFY_FILE: `${process.env.TMPDIR ?? '/tmp'}/closure-desk-outbox-test.log` },
  },
});
