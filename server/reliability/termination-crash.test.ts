import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/support/api-client';
import { createTestDatabase, ES2PLUS_KEY, PEER_INBOUND_KEY, TMF641_TOKEN, testEmulators, type Emulators } from '../test/support/test-server';
import { freeCustomer, today } from '../test/support/factories';
import { seedDatabase } from './support/server';
import { startChild, type ChildServer } from './support/child';
import { report } from './support/figures';
import { openInspector, type Inspector } from './support/inspect';
import { baseline, checkConsistency, expectConsistent, type Baseline } from './support/invariants';

// Issue 16: the server SIGKILLed while closures are being terminated at the peers. The emulators
// run as a process of their own (a real SM-DP+ and network outlive our crashes) and remember every
// call; after the restarts every closure must end `completed`, each command having reached its
// peer under one identifier only (a resend repeats it, never makes a second one), and none lost.
const CLOSURES = 20;
const KILLS = 4;

type Row = Record<string, unknown>;
let database: { url: string; drop(): Promise<void> };
let dir: string;
let peers: Emulators;
let server: ChildServer;
let port: number;
let inspector: Inspector;
let since: Baseline;
let agent: ApiClient;
const approved: { id: number; version: number }[] = [];
const figures = { kills: 0, completeCalls: 0, inFlightAtKill: 0, commandsOpenAtKills: 0, resends: 0 };

const env = () => ({
  DATABASE_URL: database.url, NOTIFY_FILE: path.join(dir, 'outbox.jsonl'), NOTIFY_POLL_MS: '300',
  ES2PLUS_URL: peers.smdp, ES2PLUS_API_KEY: ES2PLUS_KEY, TMF641_URL: peers.tmf641, TMF641_TOKEN, PEER_INBOUND_KEYS: PEER_INBOUND_KEY,
  // quick polls and a short lease, so a command claimed at a kill is sent again within the test
  PEER_POLL_MS: '100', PEER_BACKOFF_MS: '200', PEER_BACKOFF_MAX_MS: '1000', PEER_MAX_ATTEMPTS: '30',
  PEER_SEND_TIMEOUT_MS: '1500', PEER_LEASE_MS: '3000', PEER_ORDER_POLL_MS: '300',
});

async function emulator(which: 'smdp' | 'tmf641', what: 'received' | 'faults', body?: unknown): Promise<any> {
  const res = await fetch(`${peers[which]}/_emulator/${what}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
  return res.json();
}

beforeAll(async () => {
  // orders take 1.5 s at the network: every kill finds terminations sent and not yet confirmed
  peers = await testEmulators({ delayMs: 1500 });
  database = await createTestDatabase();
  await seedDatabase(database.url, 150);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-termination-crash-'));
  server = await startChild(env());
  port = server.port;
  inspector = await openInspector(database.url);
  since = await baseline(inspector);
  agent = await ApiClient.as(server.url, 'agent@demo.test');
  // profiles never downloaded get an ES2+ CancelOrder too: take customers with such a profile first
  const withUndownloaded = await inspector.query<Row>(`SELECT DISTINCT p.customer_id AS id FROM esim_profiles p WHERE p.device_state = 'none' ORDER BY p.customer_id`);
  const preferred = withUndownloaded.map((r) => Number(r.id));
  while (approved.length < CLOSURES) {
    const next = preferred.shift();
    const customer = await freeCustomer(agent, { outstandingAmount_lte: 0, ...(next ? { id: next } : {}) }).catch(() => null);
    if (!customer) {
      if (next) continue;
      throw new Error('not enough customers to close');
    }
    const logged = await agent.post('/api/closure-requests', { customerId: customer.id, channel: 'phone', reasonCode: 'other', verificationMethod: 'security_questions', identityVerified: true });
    if (logged.status !== 201) continue;
    await agent.post(`/api/closure-requests/${logged.body.id}/actions/claim`, { version: 1 });
    const ok = await agent.post(`/api/closure-requests/${logged.body.id}/actions/approve`, { version: 2, balanceDecision: customer.cashBalance > 0 ? 'forfeit' : 'none', effectiveDate: today() });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    approved.push({ id: ok.body.id, version: ok.body.version });
  }
});

afterAll(async () => {
  await server?.kill();
  await inspector?.close();
  await database?.drop();
});

const statuses = async () => {
  const rows = await inspector.query<Row>(`SELECT id, status, version FROM closure_requests WHERE id IN (${approved.map((a) => a.id).join(',')})`);
  return new Map(rows.map((r) => [Number(r.id), { status: String(r.status), version: Number(r.version) }]));
};

/** Completes the approved closures not yet completed, a few at a time, until the server dies under them. */
async function completeUntilKilled(killAfterMs: number): Promise<void> {
  let dead = false;
  const now = await statuses();
  const todo = approved.filter((a) => now.get(a.id)!.status === 'approved');
  const worker = async () => {
    while (!dead && todo.length) {
      const a = todo.shift()!;
      figures.completeCalls++;
      try {
        const res = await agent.post(`/api/closure-requests/${a.id}/actions/complete`, { version: now.get(a.id)!.version });
        if (res.status >= 500) throw new Error(`5xx on complete: ${res.status} ${JSON.stringify(res.body)}`);
        await new Promise((r) => setTimeout(r, 150));
      } catch (err) {
        if ((err as Error).message.startsWith('5xx')) throw err;
        figures.inFlightAtKill++;
        dead = true;
      }
    }
  };
  const killer = (async () => {
    await new Promise((r) => setTimeout(r, killAfterMs));
    await server.kill();
    dead = true;
  })();
  await Promise.all([worker(), worker(), killer]);
}

describe('crash: SIGKILL while closures are terminated at the peers', () => {
  it(`when the server is killed ${KILLS} times while ${CLOSURES} closures reach the SM-DP+ and the network, then after restarts every closure ends completed, each command reached its peer under one identifier and none was lost`, async () => {
    // a first failures and a lost callback or two: resends and polls are part of what is killed
    await emulator('tmf641', 'faults', { failNext: 2, status: 503, dropCallbacks: 3 });
    await emulator('smdp', 'faults', { timeoutNext: 1 });
    for (let kill = 1; kill <= KILLS; kill++) {
      if (kill > 1) {
        server = await startChild(env(), { port });
        agent = await ApiClient.as(server.url, 'agent@demo.test');
      }
      await completeUntilKilled(600 + Math.floor(Math.random() * 1400));
      figures.kills++;
      const [open] = await inspector.query<Row>("SELECT COUNT(*) AS n FROM peer_commands WHERE status IN ('pending', 'sent')");
      figures.commandsOpenAtKills += Number(open!.n);
      expectConsistent(await checkConsistency(inspector, since));
    }
    server = await startChild(env(), { port });
    agent = await ApiClient.as(server.url, 'agent@demo.test');
    // what no kill let through is completed now
    for (;;) {
      const now = await statuses();
      const left = approved.filter((a) => now.get(a.id)!.status === 'approved');
      if (!left.length) break;
      for (const a of left) expect((await agent.post(`/api/closure-requests/${a.id}/actions/complete`, { version: now.get(a.id)!.version })).status).toBe(200);
    }
    const until = Date.now() + 90_000;
    let now = await statuses();
    while ([...now.values()].some((s) => s.status !== 'completed') && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 500));
      now = await statuses();
    }
    expect([...now.entries()].filter(([, s]) => s.status !== 'completed'), 'closures not completed').toEqual([]);

    const commands = await inspector.query<Row>(`SELECT id, peer, kind, iccid, call_id AS "callId", status, peer_reference AS "peerReference"
      FROM peer_commands WHERE closure_request_id IN (${approved.map((a) => a.id).join(',')})`);
    expect(commands.filter((c) => c.status !== 'confirmed')).toEqual([]);
    const orders = ((await emulator('tmf641', 'received')) as { method: string; path: string; body: any; fault: string | null }[])
      .filter((r) => r.method === 'POST' && r.path.endsWith('/serviceOrder'));
    const cancels = ((await emulator('smdp', 'received')) as { path: string; body: any; fault: string | null }[]).filter((r) => r.path.endsWith('/cancelOrder'));
    // per ICCID, the identifiers each peer saw: exactly one, the command's own
    const seen = (calls: { body: any }[], iccidOf: (b: any) => string, idOf: (b: any) => string) => {
      const by = new Map<string, Set<string>>();
      for (const c of calls) {
        const iccid = iccidOf(c.body);
        if (!by.has(iccid)) by.set(iccid, new Set());
        by.get(iccid)!.add(idOf(c.body));
      }
      return by;
    };
    const network = seen(orders, (b) => b.serviceOrderItem[0].service.id, (b) => b.externalId);
    const smdp = seen(cancels, (b) => b.iccid, (b) => b.header.functionCallIdentifier);
    const lost: string[] = [];
    const twice: string[] = [];
    for (const c of commands) {
      const ids = (c.peer === 'network' ? network : smdp).get(String(c.iccid));
      if (!ids?.has(String(c.callId))) lost.push(`${c.peer} ${c.iccid}`);
      else if (ids.size !== 1) twice.push(`${c.peer} ${c.iccid}: ${[...ids].join(', ')}`);
    }
    expect(lost, 'commands that never reached their peer').toEqual([]);
    expect(twice, 'commands that reached a peer under two identifiers').toEqual([]);
    // and the network made one order per subscription: every confirmed reference is the order of that externalId
    const references = new Set(commands.filter((c) => c.peer === 'network').map((c) => String(c.peerReference)));
    expect(references.size).toBe(commands.filter((c) => c.peer === 'network').length);
    figures.resends = orders.length + cancels.length - commands.length;

    const c = await checkConsistency(inspector, since);
    expectConsistent(c);
    report('termination crash (SIGKILL while the peers are told)', {
      closures: CLOSURES, kills: figures.kills, completeCalls: figures.completeCalls, inFlightAtKill: figures.inFlightAtKill,
      commands: commands.length, cancelOrders: commands.filter((x) => x.peer === 'smdp').length, commandsOpenAtKills: figures.commandsOpenAtKills,
      callsReceived: orders.length + cancels.length, resendsSameIdentifier: figures.resends, lost: lost.length, twoIdentifiers: twice.length,
      chainChecked: c.chain.checked,
    });
  });
});
