import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/platform/context';
import { createDatabase } from '../src/platform/db/database';
import { migrate } from '../src/platform/db/migrate';
import { defineModels } from '../src/platform/db/models';
import { createLogger } from '../src/platform/logging';
import { loadConfig } from '../src/platform/config';
import { openContext, startServer, type RunningServer } from '../src/server';
import { seedDemoData } from '../demo-data/seed';
import { ApiClient } from './support/api-client';
import { freeCustomer, logPhoneRequest, must, today } from './support/factories';
import { ANCHOR, createTestDatabase, DEMO_PASSWORD } from './support/test-server';

/**
 * No N+1: a list request costs the same few queries whatever its page size (the session, the
 * page, and the total when the page does not show where the list ends), counted with the
 * database's onQuery hook on a real server.
 */
let server: RunningServer;
let drop: () => Promise<void>;
let queries: string[] = [];

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  const config = {
    ...loadConfig({}),
    port: 0,
    databaseUrl: database.url,
    demoPassword: DEMO_PASSWORD,
    logLevel: 'silent',
    clientDist: path.join(os.tmpdir(), 'no-client-here'),
    attachmentsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-files-')),
  };
  const seeding = await openContext(config);
  await seedDemoData(seeding, { customers: 120, anchor: ANCHOR });
  await seeding.db.close();

  const db = createDatabase(database.url, { onQuery: (sql) => queries.push(sql) });
  await migrate(db);
  const ctx: AppContext = { config, db, models: defineModels(db.sequelize), logger: createLogger('silent') };
  server = await startServer(ctx, { jobs: false });
});
afterAll(async () => {
  await server?.close();
  await drop?.();
});

/** Queries one GET runs; the fewest of three tries, so a settings cache refreshing on the way is not counted. */
async function queriesFor(client: ApiClient, path: string): Promise<number> {
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) {
    queries = [];
    const res = await client.get(path);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    counts.push(queries.length);
  }
  return Math.min(...counts);
}

const list = (resource: string, q: { filter?: object; range: [number, number]; sort?: [string, string] }) => {
  const params = new URLSearchParams({ range: JSON.stringify(q.range) });
  if (q.filter) params.set('filter', JSON.stringify(q.filter));
  if (q.sort) params.set('sort', JSON.stringify(q.sort));
  return `/api/${resource}?${params}`;
};

const CASES: { resource: string; filter?: object; as?: 'auditor' }[] = [
  { resource: 'closure-requests' },
  { resource: 'closure-requests', filter: { status: 'completed' } },
  { resource: 'closure-requests', filter: { overdue: true } },
  { resource: 'closure-requests', filter: { channel: 'app', submittedAt_gte: '2000-01-01T00:00:00.000Z' } },
  { resource: 'closure-requests', filter: { q: 'a' } },
  { resource: 'customers' },
  { resource: 'customers', filter: { cashBalance_gte: 1 } },
  { resource: 'bills' },
  { resource: 'balance-entries' },
  { resource: 'esim-profiles' },
  { resource: 'refunds' },
  { resource: 'notifications' },
  { resource: 'audit-events', as: 'auditor' },
];

describe('queries per list request', () => {
  it.each(CASES)('when $resource is listed with $filter, then 100 rows cost no more queries than one', async ({ resource, filter, as }) => {
    const client = await ApiClient.as(server.url, as === 'auditor' ? 'auditor@demo.test' : 'agent@demo.test');
    const one = await queriesFor(client, list(resource, { filter, range: [0, 0] }));
    const hundred = await queriesFor(client, list(resource, { filter, range: [0, 99] }));
    expect(one).toBeGreaterThanOrEqual(2); // the hook sees them: the session and the page at least
    expect(one).toBeLessThanOrEqual(3); // session, page, total
    expect(hundred).toBeLessThanOrEqual(one);
  });

  it('when a closure request is opened, then it is one query beside the session, its customer and assignee included', async () => {
    const client = await ApiClient.as(server.url, 'agent@demo.test');
    expect(await queriesFor(client, '/api/closure-requests/1')).toBeLessThanOrEqual(2);
  });

  it('when a page far down the list is asked for, then it is still the same few queries', async () => {
    const client = await ApiClient.as(server.url, 'agent@demo.test');
    expect(await queriesFor(client, list('closure-requests', { range: [1100, 1124] }))).toBeLessThanOrEqual(3);
  });
});

describe('queries per workflow action', () => {
  /**
   * Sequelize's model reads log as "Executing (…)"; on SQLite each first asks `PRAGMA table_info`,
   * one more round trip to the single writer inside the action's transaction (docs/PERFORMANCE.md).
   */
  it('when an agent claims, approves and completes a request, then none of it reads through a Sequelize model', async () => {
    const agent = await ApiClient.as(server.url, 'agent@demo.test');
    let request = await logPhoneRequest(agent, (await freeCustomer(agent, { cashBalance_lte: 0, outstandingAmount_lte: 0 })).id);
    const modelReads: string[] = [];
    for (const [action, body] of [['claim', {}], ['approve', { balanceDecision: 'none', effectiveDate: today() }], ['complete', {}]] as const) {
      queries = [];
      request = await must(agent, request, action, body);
      expect(queries.length, action).toBeGreaterThan(3); // the hook sees the action's statements
      modelReads.push(...queries.filter((q) => /^Executing \([^)]*\): SELECT/.test(q)).map((q) => `${action}: ${q.slice(0, 160)}`));
    }
    expect(request.status).toBe('closing');
    expect(modelReads).toEqual([]);
  });
});
