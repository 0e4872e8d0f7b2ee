import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/platform/config';
import { openContext, startServer, type RunningServer } from '../../src/server';
import { registerPeerListener } from '../../src/peers-startup';
import { dispatchOptionsFromEnv, dispatchPeerCommands, peerEndpoints } from '../../src/connectors';
import { finishClosing } from '../../src/closures';
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

export const ES2PLUS_KEY = 'test-es2plus-key';
export const TMF641_TOKEN = 'test-tmf641-token';
export const PEER_INBOUND_KEY = 'test-peer-inbound-key';

export interface Emulators { smdp: string; tmf641: string; process: ChildProcess }
let emulators: Promise<Emulators> | null = null;

/**
 * The two peers' emulators, a child process per test file (started on first use, on free ports,
 * ended with the file's process): the tests read what they received and inject their faults.
 */
export function testEmulators(opts: { delayMs?: number } = {}): Promise<Emulators> {
  emulators ??= new Promise((resolve, reject) => {
    const cli = fileURLToPath(new URL('../../../emulators/src/cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'both'], {
      env: { ...process.env, SMDP_PORT: '0', TMF641_PORT: '0', ES2PLUS_API_KEY: ES2PLUS_KEY, TMF641_TOKEN, TMF641_DELAY_MS: String(opts.delayMs ?? 50), EXIT_WITH_PARENT: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the emulators exited (${code})`)));
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      const urls = JSON.parse(line) as { smdp: string; tmf641: string };
      lines.close();
      child.stdout!.destroy();
      child.unref(); // the test process ends when its tests do; the emulators follow it (EXIT_WITH_PARENT)
      resolve({ ...urls, process: child });
    });
    process.once('exit', () => child.kill('SIGKILL'));
  });
  return emulators;
}

// The dispatchers' pace in tests: fast polls and backoff, a short send timeout.
for (const [k, v] of Object.entries({ PEER_POLL_MS: '40', PEER_BACKOFF_MS: '30', PEER_BACKOFF_MAX_MS: '200', PEER_MAX_ATTEMPTS: '5', PEER_SEND_TIMEOUT_MS: '800', PEER_ORDER_POLL_MS: '40', PEER_LEASE_MS: '2000' })) {
  process.env[k] ??= v;
}

export interface TestServer extends RunningServer {
  databaseUrl: string;
  peers: Emulators;
  config: Config;
  stop(): Promise<void>;
}

export async function startTestServer(opts: { customers?: number; databaseUrl?: string; config?: Partial<Config>; jobs?: boolean } = {}): Promise<TestServer> {
  const peers = await testEmulators();
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
    es2plusUrl: peers.smdp,
    es2plusApiKey: ES2PLUS_KEY,
    tmf641Url: peers.tmf641,
    tmf641Token: TMF641_TOKEN,
    peerInboundKeys: [PEER_INBOUND_KEY],
    ...opts.config,
  };
  const ctx = await openContext(config);
  if (opts.customers !== 0 && (await ctx.models.StaffUser.count()) === 0) {
    await seedDemoData(ctx, { customers: opts.customers ?? 40, anchor: ANCHOR });
  }
  const running = await startServer(ctx, { jobs: opts.jobs });
  await registerPeerListener(ctx, running.url);
  return {
    ...running,
    peers,
    databaseUrl,
    config,
    stop: async () => {
      await running.close();
      await database?.drop();
    },
  };
}

/**
 * With DISABLE_JOBS=1 nobody sends the termination commands: this runs the peers' dispatchers and
 * the finisher by hand until the request leaves `closing` (or the time is up).
 */
export async function settleTermination(server: TestServer, closureRequestId: number, timeoutMs = 10_000): Promise<void> {
  const endpoints = peerEndpoints(server.ctx.config)!;
  const options = dispatchOptionsFromEnv();
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    await dispatchPeerCommands(server.ctx, 'network', endpoints, options);
    await dispatchPeerCommands(server.ctx, 'smdp', endpoints, options);
    if (await finishClosing(server.ctx, closureRequestId)) return;
    const [row] = await server.ctx.db.transaction((tx) => server.ctx.db.query<{ status: string }>(tx, 'SELECT status FROM closure_requests WHERE id = $1', [closureRequestId]));
    if (row?.status !== 'closing') return;
    await new Promise((r) => setTimeout(r, 40));
  }
}
