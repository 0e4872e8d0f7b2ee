import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/platform/config';
import { openContext, startServer } from '../../src/server';
import { seedDemoData } from '../../demo-data/seed';
import { ANCHOR, createTestDatabase, DEMO_PASSWORD, INTAKE_KEY, type TestServer } from '../../test/support/test-server';
import { OTHER_INTAKE_KEY } from './child';

/** startTestServer with configuration overrides (trust proxy, a second intake key, jobs off). */
export async function startConfiguredServer(overrides: Partial<Config> = {}, opts: { customers?: number; jobs?: boolean } = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    databaseUrl: database.url,
    demoPassword: DEMO_PASSWORD,
    intakeApiKeys: [INTAKE_KEY, OTHER_INTAKE_KEY],
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    clientDist: path.join(os.tmpdir(), 'no-client-here'),
    attachmentsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-files-')),
    auditSigningKeyFile: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-key-')), 'audit-signing-key.pem'),
    auditSigningKeyGenerate: true,
    ...overrides,
  };
  const ctx = await openContext(config);
  if ((await ctx.models.StaffUser.count()) === 0) await seedDemoData(ctx, { customers: opts.customers ?? 40, anchor: ANCHOR });
  const running = await startServer(ctx, { jobs: opts.jobs });
  return {
    ...running,
    databaseUrl: database.url,
    config,
    stop: async () => {
      await running.close();
      await database.drop();
    },
  };
}

/** Migrates and loads the demo data into a database before a child server starts on it (quicker than letting main.ts load 200 customers). */
export async function seedDatabase(databaseUrl: string, customers: number): Promise<void> {
  const ctx = await openContext({ ...loadConfig({}), databaseUrl, demoPassword: DEMO_PASSWORD, logLevel: 'silent' });
  try {
    await seedDemoData(ctx, { customers });
  } finally {
    await ctx.db.close();
  }
}
