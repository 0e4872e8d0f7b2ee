import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/support/api-client';
import { openEventStream } from '../test/support/sse';
import { createTestDatabase } from '../test/support/test-server';
import { seedDatabase } from './support/server';
import { startChild, type ChildServer } from './support/child';
import { all, connectCluster, newKey, tally, type Cluster } from './support/cluster';
import { dialect, report } from './support/figures';
import { openInspector } from './support/inspect';

// Issue 17 under load: claim-next's race and the live events, on the real server processes. On
// PostgreSQL two instances share the database (callers spread over both, events cross by
// LISTEN/NOTIFY); SQLite is one process's database, so there it is one instance.
const onPostgres = dialect() === 'postgres';
let database: { url: string; drop(): Promise<void> };
const instances: ChildServer[] = [];
let cluster: Cluster;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.url, 120);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-live-'));
  const env = (n: number) => ({ DATABASE_URL: database.url, NOTIFY_FILE: path.join(dir, `outbox-${n}.jsonl`) });
  instances.push(await startChild(env(0)));
  if (onPostgres) instances.push(await startChild(env(1)));
  cluster = await connectCluster(instances.map((s) => s.url), await openInspector(database.url));
});
afterAll(async () => {
  await Promise.all(instances.map((s) => s.stop()));
  await cluster?.inspector.close();
  await database?.drop();
});

async function openAppRequests(n: number): Promise<void> {
  const accounts = await cluster.inspector.query<{ accountNo: string }>(
    `SELECT c.account_no AS "accountNo" FROM customers c WHERE c.status = 'active'
       AND NOT EXISTS (SELECT 1 FROM closure_requests r WHERE r.customer_id = c.id AND r.status IN ('submitted', 'in_review', 'awaiting_customer', 'approved'))
     ORDER BY c.id LIMIT :n`, { n });
  expect(accounts.length).toBe(n);
  for (const [i, a] of accounts.entries()) {
    const res = await cluster.intakeOn(i).post('/api/intake/closure-requests', { accountNo: a.accountNo, reasonCode: 'other' }, { 'idempotency-key': newKey('cn') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
}

describe(`issue 17 on ${onPostgres ? 'two instances, one PostgreSQL database' : 'SQLite'}`, () => {
  it('when 20 agents press Next request at once, spread over the instances, then they get 20 different requests', async () => {
    await openAppRequests(20);
    const workers = (['agent', 'agent2', 'agent3', 'supervisor', 'supervisor2'] as const);
    const answers = await all(Array.from({ length: 20 }, (_, i) => () => cluster.as(workers[i % workers.length]!, i).post('/api/closure-requests/actions/claim-next')));
    const counts = tally(answers);
    expect(answers.every((a) => a.status === 200), JSON.stringify(counts)).toBe(true);
    const ids = answers.map((a) => a.body.id);
    expect(new Set(ids).size).toBe(20);
    // Each claimed once: one claim event per request, by the one who got it.
    const claims = await cluster.inspector.query<{ entityId: string; n: number | string }>(
      `SELECT entity_id AS "entityId", COUNT(*) AS n FROM audit_events WHERE action = 'closure.claim' AND entity_id IN (${ids.map((id) => `'${id}'`).join(', ')}) GROUP BY entity_id`);
    expect(claims.length).toBe(20);
    expect(claims.every((c) => Number(c.n) === 1)).toBe(true);
    report('claim-next race', { dialect: dialect(), instances: instances.length, callers: 20, outcomes: counts });
  });

  it('when a request changes on one instance, then a stream held by another hears of it within a second', async () => {
    await openAppRequests(1);
    const watcher = await ApiClient.as(cluster.urls[cluster.urls.length - 1]!, 'agent3@demo.test');
    const stream = await openEventStream(watcher, { tab: 'tab-watcher-01' });
    expect(stream.status).toBe(200);
    const acting = cluster.as('supervisor', 0);
    const claimed = await acting.post('/api/closure-requests/actions/claim-next');
    expect(claimed.status).toBe(200);
    const heard = await stream.next((e) => e.event === 'closure_request' && e.data.id === claimed.body.id && e.data.version === claimed.body.version, 1000);
    expect(heard.data).toMatchObject({ status: 'in_review', actorName: 'Wang Fang 王芳' });

    // Presence crosses too: the supervisor comes to the page on instance 0, the watcher (last instance) sees it.
    const came = await acting.post(`/api/closure-requests/${claimed.body.id}/presence`, { tab: 'tab-supervisor-9', viewing: true });
    expect(came.status).toBe(200);
    await stream.next((e) => e.event === 'presence' && e.data.closureRequestId === claimed.body.id && e.data.viewing, 1000);
    const seen = await watcher.get(`/api/closure-requests/${claimed.body.id}/presence`);
    expect(seen.body.viewers.map((v: any) => v.fullName)).toEqual(['Wang Fang 王芳']);
    stream.close();
  });
});
