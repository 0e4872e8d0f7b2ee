import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/support/api-client';
import { createTestDatabase, ES2PLUS_KEY, PEER_INBOUND_KEY, TMF641_TOKEN, testEmulators, type Emulators } from '../test/support/test-server';
import { freeCustomer, today } from '../test/support/factories';
import { seedDatabase } from './support/server';
import { startChild, OTHER_INTAKE_KEY, type ChildServer } from './support/child';
import { connectCluster, newKey, tally, type Cluster } from './support/cluster';
import { dialect, report } from './support/figures';
import { openInspector } from './support/inspect';
import { baseline, checkConsistency, expectConsistent, type Baseline } from './support/invariants';
import { sentIds, waitForOutbox } from './support/outbox';
import { actionRace, billRace, intakeRace, refundRace, splitRefundRace } from './support/scenarios';
import { SETTING_CACHE_MS } from '../src/platform/settings-store';

// Two server processes on one PostgreSQL database, as behind a load balancer: every race's calls
// are spread over both. PostgreSQL only (SQLite is one process's database).
const onPostgres = dialect() === 'postgres';
let database: { url: string; drop(): Promise<void> };
const instances: ChildServer[] = [];
let cluster: Cluster;
let since: Baseline;
let dir: string;
let peers: Emulators;
const raced: Record<string, number> = {};

beforeAll(async () => {
  if (!onPostgres) throw new Error('two instances need PostgreSQL: the config runs this file with TEST_DB=postgres only');
  database = await createTestDatabase();
  await seedDatabase(database.url, 150);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-multi-'));
  // one SM-DP+ and one network for both instances, as in production: what each received tells who sent what
  peers = await testEmulators({ delayMs: 300 });
  const env = (n: number) => ({
    DATABASE_URL: database.url, NOTIFY_FILE: path.join(dir, `outbox-${n}.jsonl`), NOTIFY_POLL_MS: '200',
    ES2PLUS_URL: peers.smdp, ES2PLUS_API_KEY: ES2PLUS_KEY, TMF641_URL: peers.tmf641, TMF641_TOKEN, PEER_INBOUND_KEYS: PEER_INBOUND_KEY,
    PEER_POLL_MS: '50', PEER_ORDER_POLL_MS: '100',
  });
  // Loaded before either starts: neither main.ts finds an empty database to fill.
  instances.push(await startChild(env(0)));
  instances.push(await startChild(env(1)));
  cluster = await connectCluster(instances.map((s) => s.url), await openInspector(database.url));
  since = await baseline(cluster.inspector);
});
afterAll(async () => {
  await Promise.all(instances.map((s) => s.stop()));
  await cluster?.inspector.close();
  await database?.drop();
});

describe('two instances on one PostgreSQL database', () => {
  it('when a session is made on one instance, then the other knows it (sessions live in the database)', async () => {
    const a = await ApiClient.as(instances[0]!.url, 'agent@demo.test');
    const b = new ApiClient(instances[1]!.url);
    b.cookie = a.cookie;
    expect((await b.get('/api/auth/me')).body.user.email).toBe('agent@demo.test');
  });

  it('when the races run split across both instances, then each has exactly the allowed outcomes', async () => {
    raced.actions = await actionRace(cluster, 6);
    raced.refunds = await refundRace(cluster);
    raced.splitRefunds = await splitRefundRace(cluster);
    raced.intake = await intakeRace(cluster);
    raced.bills = await billRace(cluster);
  });

  it('when both dispatchers drain the outbox, then every message is sent once, by one of them', async () => {
    // both dispatchers are alive: wait until every message is sent, not only claimed
    const waited = await waitForOutbox(cluster.inspector, 30_000, { leasedToo: true });
    expect(waited.due).toBe(0);
    expect(waited.leased).toBe(0);
    const rows = await cluster.inspector.query<{ id: number; status: string }>(
      'SELECT n.id, n.status FROM notifications n WHERE n.closure_request_id > :r', { r: since.requestId });
    const { ids } = sentIds(instances.map((_, n) => path.join(dir, `outbox-${n}.jsonl`)));
    const perFile = instances.map((_, n) => sentIds([path.join(dir, `outbox-${n}.jsonl`)]).ids.length);
    const sent = rows.filter((r) => r.status === 'sent').map((r) => Number(r.id));
    expect(sent.length).toBe(rows.length);
    for (const id of sent) expect(ids.filter((x) => x === id), `message ${id}`).toHaveLength(1);
    raced.outboxMessages = sent.length;
    report('outbox (two instances)', { messages: sent.length, sentByInstance: perFile, duplicates: ids.length - new Set(ids).size });
  });

  it('when both instances dispatch the termination commands, then each command reached its peer once, and every closure completed once', async () => {
    // more closures, completed on either instance, beside those the races completed
    for (let k = 0; k < 12; k++) {
      const who = cluster.as('agent', k);
      const customer = await freeCustomer(who, { outstandingAmount_lte: 0 });
      const logged = await who.post('/api/closure-requests', { customerId: customer.id, channel: 'phone', reasonCode: 'other', verificationMethod: 'security_questions', identityVerified: true });
      await who.post(`/api/closure-requests/${logged.body.id}/actions/claim`, { version: 1 });
      await who.post(`/api/closure-requests/${logged.body.id}/actions/approve`, { version: 2, balanceDecision: customer.cashBalance > 0 ? 'forfeit' : 'none', effectiveDate: today() });
      expect((await cluster.as('agent', k + 1).post(`/api/closure-requests/${logged.body.id}/actions/complete`, { version: 3 })).status).toBe(200);
    }
    const q = cluster.inspector.query.bind(cluster.inspector);
    const until = Date.now() + 60_000;
    while (Number((await q<{ n: number }>(`SELECT COUNT(*) AS n FROM closure_requests WHERE status = 'closing'`))[0]!.n) > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 300));
    }
    const commands = await q<{ peer: string; callId: string; status: string }>(`SELECT c.peer, c.call_id AS "callId", c.status FROM peer_commands c
      JOIN closure_requests r ON r.id = c.closure_request_id WHERE r.id > :r`, { r: since.requestId });
    expect(commands.length).toBeGreaterThan(12);
    expect(commands.filter((c) => c.status !== 'confirmed')).toEqual([]);
    const received = async (which: 'smdp' | 'tmf641') => (await (await fetch(`${peers[which]}/_emulator/received`)).json()) as { method: string; path: string; body: any }[];
    const orders = (await received('tmf641')).filter((r) => r.method === 'POST' && r.path.endsWith('/serviceOrder')).map((r) => String(r.body.externalId));
    const cancels = (await received('smdp')).filter((r) => r.path.endsWith('/cancelOrder')).map((r) => String(r.body.header.functionCallIdentifier));
    const sentTwice = [...orders, ...cancels].filter((id, k, all) => all.indexOf(id) !== k);
    expect(sentTwice, 'commands sent twice').toEqual([]);
    for (const c of commands) expect((c.peer === 'network' ? orders : cancels).filter((id) => id === c.callId), `command ${c.callId}`).toHaveLength(1);
    raced.peerCommands = commands.length;
    report('peer commands (two instances)', { commands: commands.length, serviceOrders: orders.length, cancelOrders: cancels.length, sentTwice: sentTwice.length });
  });

  it('when one API key calls both instances past the limit, then they count together and refuse with 429', async () => {
    const admin = cluster.as('admin', 0);
    const limit = 10;
    expect((await admin.request('PUT', '/api/settings/intakeRateLimitPerMinute', { value: limit })).status).toBe(200);
    await new Promise((r) => setTimeout(r, SETTING_CACHE_MS + 200)); // the other instance's copy of the setting expires
    const msIntoMinute = Date.now() % 60_000;
    if (msIntoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - msIntoMinute + 100)); // one calendar minute
    const clients = instances.map((s) => new ApiClient(s.url, { authorization: `Bearer ${OTHER_INTAKE_KEY}` }));
    const calls = Array.from({ length: 2 * limit + 4 }, (_, k) =>
      clients[k % 2]!.post('/api/intake/profile-events', { iccid: '8986000000000000000', event: 'deleted', at: new Date().toISOString() }, { 'idempotency-key': newKey('rl') }));
    const results = await Promise.all(calls);
    const counts = tally(results);
    expect(counts['429 rate_limited'], JSON.stringify(counts)).toBe(limit + 4);
    expect(results.find((r) => r.status === 429)!.headers.get('retry-after')).toMatch(/^\d+$/);
    raced.rateLimited = results.length;
    await admin.request('PUT', '/api/settings/intakeRateLimitPerMinute', { value: 600 });
  });

  it('after all of it, then the audit chain verifies, checkLedger is clean and nothing is half-written', async () => {
    const c = await checkConsistency(cluster.inspector, since);
    const total = (raced.actions ?? 0) + (raced.refunds ?? 0) + (raced.intake ?? 0) + (raced.bills ?? 0) + (raced.rateLimited ?? 0);
    report('races (two instances)', { instances: instances.length, requestsRaced: total, byRace: raced, ...c.counts, chainChecked: c.chain.checked, drifts: c.ledgerDrifts.length });
    expectConsistent(c);
  });
});
