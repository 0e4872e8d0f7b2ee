import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/platform/config';
import { openContext, startServer } from '../../src/server';
import { seedDemoData } from '../../demo-data/seed';
import { ANCHOR, createTestDatabase, DEMO_PASSWORD, ES2PLUS_KEY, INTAKE_KEY, PEER_INBOUND_KEY, TMF641_TOKEN, testEmulators, type TestServer } from '../../test/support/test-server';
import { registerPeerListener } from '../../src/peers-startup';
import { OTHER_INTAKE_KEY } from './child';

/** startTestServer with configuration overrides (trust proxy, a second intake key, jobs off). */
export async function startConfiguredServer(overrides: Partial<Config> = {}, opts: { customers?: number; jobs?: boolean } = {}): Promise<TestServer> {
  const peers = await testEmulators();
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
    es2plusUrl: peers.smdp, es2plusApiKey: ES2PLUS_KEY, tmf641Url: peers.tmf641, tmf641Token: TMF641_TOKEN, peerInboundKeys: [PEER_INBOUND_KEY],
    ...overrides,
  };
  const ctx = await openContext(config);
  if ((await ctx.models.StaffUser.count()) === 0) await seedDemoData(ctx, { customers: opts.customers ?? 40, anchor: ANCHOR });
  const running = await startServer(ctx, { jobs: opts.jobs });
  await registerPeerListener(ctx, running.url);
  return {
    ...running,
    peers,
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
