import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/platform/config';
import { openContext, startServer, type RunningServer } from '../../src/server';
import { seedDemoData } from '../../demo-data/seed';

export const DEMO_PASSWORD = 'test-password';
export const INTAKE_KEY = 'test-intake-key';
/** The seed's reference day, pinned so every run of a test sees the same data. */
export const ANCHOR = new Date('2026-11-20T00:00:00Z');

/**
 * A fresh database for one test file: a temporary SQLite file, or, with TEST_DB=postgres and TEST_POSTGRES_URL naming a
 * PostgreSQL server (CI does), a new database on it that is dropped afterwards.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.TEST_DB === 'postgres' ? process.env.TEST_POSTGRES_URL : undefined;
  const name = `cd_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (admin) {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-test-'));
  return { url: `sqlite:${path.join(dir, `${name}.db`)}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface TestServer extends RunningServer {
  databaseUrl: string;
  config: Config;
  stop(): Promise<void>;
}

export async function startTestServer(opts: { customers?: number; databaseUrl?: string; config?: Partial<Config>; jobs?: boolean } = {}): Promise<TestServer> {
  const database = opts.databaseUrl ? null : await createTestDatabase();
  const databaseUrl = opts.databaseUrl ?? database!.url;
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    databaseUrl,
    demoPassword: DEMO_PASSWORD,
    intakeApiKeys: [INTAKE_KEY],
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    clientDist: path.join(os.tmpdir(), 'no-client-here'),
    attachmentsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-files-')),
    auditSigningKeyFile: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-key-')), 'audit-signing-key.pem'),
    auditSigningKeyGenerate: true,
    ...opts.config,
  };
  const ctx = await openContext(config);
  if (opts.customers !== 0 && (await ctx.models.StaffUser.count()) === 0) {
    await seedDemoData(ctx, { customers: opts.customers ?? 40, anchor: ANCHOR });
  }
  const running = await startServer(ctx, { jobs: opts.jobs });
  return {
    ...running,
    databaseUrl,
    config,
    stop: async () => {
      await running.close();
      await database?.drop();
    },
  };
}
