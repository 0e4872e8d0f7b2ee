import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../test/support/api-client';
import { createTestDatabase, INTAKE_KEY } from '../test/support/test-server';
import { today } from '../test/support/factories';
import { seedDatabase } from './support/server';
import { startChild, type ChildServer } from './support/child';
import { newKey } from './support/cluster';
import { report } from './support/figures';
import { openInspector, type Inspector } from './support/inspect';
import { baseline, checkConsistency, expectConsistent, type Baseline } from './support/invariants';
import { sentIds, waitForOutbox } from './support/outbox';

// The server as a child process, SIGKILLed in the middle of a burst of writes, restarted on the
// same database: every change it answered 2xx must be there with its evidence, nothing half-written.
const CYCLES = 3;
const WORKERS = 8;

type Row = Record<string, unknown>;
interface Journal {
  opened: { id: number; reference: string; customerId: number }[];
  notes: { id: number; requestId: number; text: string }[];
  claims: { requestId: number; version: number }[];
  refunds: { id: number; amount: number; closureRequestId: number }[];
  payments: { billId: number; amount: number }[];
  /** calls that got no answer (in flight at the kill): their outcome is unknown, only consistency is checked */
  unknown: number;
  acknowledged: number;
}

let database: { url: string; drop(): Promise<void> };
let dir: string;
let server: ChildServer;
let inspector: Inspector;
let since: Baseline;
let port: number;
const env = () => ({ DATABASE_URL: database.url, NOTIFY_FILE: path.join(dir, 'outbox.jsonl'), NOTIFY_POLL_MS: '700' });
const journal: Journal = { opened: [], notes: [], claims: [], refunds: [], payments: [], unknown: 0, acknowledged: 0 };
const figures = { cycles: 0, pendingMessagesAtKill: 0, lost: 0, burstCalls: 0 };

let agent: ApiClient;
let supervisor: ApiClient;
let intake: ApiClient;
let freeAccounts: { id: number; accountNo: string }[] = [];
const refundRequests: number[] = [];
let bills: { id: number; billNo: string }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.url, 150);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-crash-'));
  server = await startChild(env());
  port = server.port;
  inspector = await openInspector(database.url);
  since = await baseline(inspector);
  agent = await ApiClient.as(server.url, 'agent@demo.test');
  supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
  intake = new ApiClient(server.url, { authorization: `Bearer ${INTAKE_KEY}` });

  // requests approved with decision `refund`, to take small refunds during the bursts
  const rich = await inspector.query<Row>(`SELECT c.id FROM customers c WHERE c.status = 'active' AND c.outstanding_amount = 0 AND c.cash_balance >= 5000
    AND NOT EXISTS (SELECT 1 FROM closure_requests r WHERE r.customer_id = c.id AND r.status IN ('submitted','in_review','awaiting_customer','approved')) ORDER BY c.id LIMIT 3`);
  for (const { id } of rich) {
    const logged = await agent.post('/api/closure-requests', { customerId: id, channel: 'phone', reasonCode: 'other', verificationMethod: 'security_questions', identityVerified: true });
    await agent.post(`/api/closure-requests/${logged.body.id}/actions/claim`, { version: 1 });
    const approved = await agent.post(`/api/closure-requests/${logged.body.id}/actions/approve`, { version: 2, balanceDecision: 'refund', effectiveDate: today() });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    refundRequests.push(logged.body.id);
  }
  bills = await inspector.query(`SELECT id, bill_no AS "billNo" FROM bills WHERE status IN ('open', 'overdue') AND amount_due - amount_paid >= 1000 ORDER BY id LIMIT 4`);
  freeAccounts = await inspector.query(`SELECT c.id, c.account_no AS "accountNo" FROM customers c WHERE c.status = 'active'
    AND c.id NOT IN (SELECT customer_id FROM bills WHERE id IN (${bills.map((b) => Number(b.id)).join(',') || 0}))
    AND NOT EXISTS (SELECT 1 FROM closure_requests r WHERE r.customer_id = c.id AND r.status IN ('submitted','in_review','awaiting_customer','approved')) ORDER BY c.id`);
});

afterAll(async () => {
  await server?.kill();
  await inspector?.close();
  await database?.drop();
});

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];

/** One write of the burst, chosen at random; a 2xx goes in the journal. */
async function oneWrite(): Promise<ApiResponse | null> {
  const dice = Math.random();
  if (dice < 0.35 && freeAccounts.length) {
    const account = freeAccounts.shift()!;
    const res = await intake.post('/api/intake/closure-requests', { accountNo: account.accountNo, reasonCode: 'moving_abroad', reasonText: '搬家 🚚' }, { 'idempotency-key': newKey('crash-open') });
    if (res.status === 201) journal.opened.push({ id: res.body.id, reference: res.body.reference, customerId: account.id });
    return res;
  }
  const opened = journal.opened.length ? pick(journal.opened)! : null;
  if (dice < 0.6 && opened) {
    const text = `note ${newKey('n')} — نص عربي ✓`;
    const res = await supervisor.post(`/api/closure-requests/${opened.id}/notes`, { text });
    if (res.status === 201) journal.notes.push({ id: res.body.id, requestId: opened.id, text });
    return res;
  }
  if (dice < 0.75 && opened) {
    const res = await agent.post(`/api/closure-requests/${opened.id}/actions/claim`, { version: 1 });
    if (res.status === 200) journal.claims.push({ requestId: opened.id, version: res.body.version });
    return res;
  }
  if (dice < 0.9 && refundRequests.length) {
    const closureRequestId = pick(refundRequests)!;
    const amount = 1 + Math.floor(Math.random() * 20);
    const key = newKey('crash-refund');
    const res = await supervisor.post('/api/refunds', { closureRequestId, amount, method: 'bank_transfer', payoutReference: `PO-${key}` }, { 'idempotency-key': key });
    if (res.status === 201) journal.refunds.push({ id: res.body.id, amount, closureRequestId });
    return res;
  }
  const bill = pick(bills);
  if (!bill) return null;
  const res = await intake.post('/api/intake/bill-payments', { billNo: bill.billNo, amount: 1, paidAt: new Date().toISOString(), reference: newKey('P') }, { 'idempotency-key': newKey('crash-pay') });
  if (res.status === 200) journal.payments.push({ billId: Number(bill.id), amount: 1 });
  return res;
}

/** Workers write until the server dies under them. */
async function burstUntilKilled(killAfterMs: number): Promise<void> {
  let dead = false;
  const worker = async () => {
    while (!dead) {
      try {
        const res = await oneWrite();
        figures.burstCalls++;
        if (res && res.status >= 200 && res.status < 300) journal.acknowledged++;
        if (res && res.status >= 500) throw new Error(`5xx during the burst: ${res.status} ${JSON.stringify(res.body)}`);
      } catch (err) {
        if ((err as Error).message.startsWith('5xx')) throw err;
        journal.unknown++; // no answer: the kill
        dead = true;
      }
    }
  };
  const killer = (async () => {
    await new Promise((r) => setTimeout(r, killAfterMs));
    await server.kill();
    dead = true;
  })();
  await Promise.all([...Array.from({ length: WORKERS }, worker), killer]);
}

/** Every change answered 2xx is in the database, with its audit event. */
async function lostChanges(): Promise<string[]> {
  const lost: string[] = [];
  const q = inspector.query.bind(inspector);
  for (const r of journal.opened) {
    const [row] = await q<Row>(`SELECT reference, (SELECT COUNT(*) FROM audit_events e WHERE e.entity_type = 'closure_request'
      AND e.entity_id = :eid AND e.action = 'closure.submitted') AS events FROM closure_requests WHERE id = :id`, { id: r.id, eid: String(r.id) });
    if (!row || row.reference !== r.reference || Number(row.events) !== 1) lost.push(`request ${r.id}`);
  }
  for (const n of journal.notes) {
    const [row] = await q<Row>('SELECT text, closure_request_id AS rid FROM closure_notes WHERE id = :id', { id: n.id });
    if (!row || row.text !== n.text || Number(row.rid) !== n.requestId) lost.push(`note ${n.id}`);
  }
  for (const c of journal.claims) {
    const [row] = await q<Row>(`SELECT version, (SELECT COUNT(*) FROM audit_events e WHERE e.entity_type = 'closure_request'
      AND e.entity_id = :eid AND e.action = 'closure.claim') AS events FROM closure_requests WHERE id = :id`, { id: c.requestId, eid: String(c.requestId) });
    if (!row || Number(row.version) < c.version || Number(row.events) !== 1) lost.push(`claim of ${c.requestId}`);
  }
  for (const f of journal.refunds) {
    const [row] = await q<Row>(`SELECT amount, status, (SELECT COUNT(*) FROM audit_events e WHERE e.entity_type = 'refund' AND e.entity_id = :eid) AS events
      FROM refunds WHERE id = :id`, { id: f.id, eid: String(f.id) });
    if (!row || Number(row.amount) !== f.amount || row.status !== 'recorded' || Number(row.events) !== 1) lost.push(`refund ${f.id}`);
  }
  const paidEvents = await q<Row>(`SELECT entity_id AS bill, COUNT(*) AS n FROM audit_events WHERE action = 'bill.payment' AND entity_type = 'bill' GROUP BY entity_id`);
  const eventsByBill = new Map(paidEvents.map((r) => [Number(r.bill), Number(r.n)]));
  const ackByBill = new Map<number, number>();
  for (const p of journal.payments) ackByBill.set(p.billId, (ackByBill.get(p.billId) ?? 0) + 1);
  for (const [bill, acked] of ackByBill) if ((eventsByBill.get(bill) ?? 0) < acked) lost.push(`payments of bill ${bill}`);
  return lost;
}

describe('crash: SIGKILL in the middle of writes', () => {
  it(`when the server is killed ${CYCLES} times mid-burst and restarted on the same database, then every acknowledged change survives with its audit event and nothing is half-written`, async () => {
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      if (cycle > 1) server = await startChild(env(), { port });
      await burstUntilKilled(1000 + Math.floor(Math.random() * 1500));
      const [pending] = await inspector.query<Row>("SELECT COUNT(*) AS n FROM notifications WHERE status = 'pending'");
      figures.pendingMessagesAtKill += Number(pending!.n);
      figures.cycles++;

      server = await startChild(env(), { port });
      const lost = await lostChanges();
      figures.lost += lost.length;
      expect(lost, `cycle ${cycle}: acknowledged but missing`).toEqual([]);
      expectConsistent(await checkConsistency(inspector, since));
      if (cycle < CYCLES) await server.kill();
    }
  });

  it('when the server is back, then the outbox still sends: the messages pending at the kills go out, none is lost', async () => {
    const waited = await waitForOutbox(inspector, 30_000);
    expect(waited.due, 'messages still due after 30 s').toBe(0);
    const rows = await inspector.query<Row>(`SELECT id, status, next_attempt_at AS "nextAttemptAt" FROM notifications WHERE closure_request_id > :r OR id IN
      (SELECT n.id FROM notifications n JOIN closure_requests r ON r.id = n.closure_request_id WHERE r.id IN (${refundRequests.join(',')}))`, { r: since.requestId });
    const { ids, torn } = sentIds([path.join(dir, 'outbox.jsonl')]);
    const delivered = new Set(ids);
    const sent = rows.filter((r) => r.status === 'sent');
    // a message claimed by the dispatcher when it was killed waits for its lease (2 min) to run out, then goes again
    const leased = rows.filter((r) => r.status === 'pending');
    for (const r of sent) expect(delivered.has(Number(r.id)), `message ${r.id} marked sent but not in the file`).toBe(true);
    for (const r of leased) expect(new Date(String(r.nextAttemptAt)).getTime()).toBeLessThan(Date.now() + 121_000);
    expect(rows.filter((r) => r.status === 'failed')).toEqual([]);
    const c = await checkConsistency(inspector, since);
    expectConsistent(c);
    report('crash (SIGKILL mid-burst)', {
      crashesSurvived: figures.cycles, burstCalls: figures.burstCalls, acknowledged: journal.acknowledged, inFlightAtKill: journal.unknown,
      opened: journal.opened.length, notes: journal.notes.length, claims: journal.claims.length, refunds: journal.refunds.length,
      payments: journal.payments.length, rowsLost: figures.lost, pendingMessagesAtKills: figures.pendingMessagesAtKill,
      messagesSent: sent.length, waitingForLease: leased.length, sentTwice: ids.length - delivered.size, tornOutboxLines: torn,
      chainChecked: c.chain.checked, drifts: c.ledgerDrifts.length,
    });
  });
});
