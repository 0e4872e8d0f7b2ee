import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../src/billing/ledger-check';
import { ApiClient } from './support/api-client';
import { act, freeCustomer, logPhoneRequest, must, refund, today, waitForStatus } from './support/factories';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
let agent: ApiClient;
let agent2: ApiClient;
let supervisor: ApiClient;
let supervisor2: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ customers: 80 });
  const as = (n: string) => ApiClient.as(server.url, `${n}@demo.test`);
  [agent, agent2, supervisor, supervisor2] = [await as('agent'), await as('agent2'), await as('supervisor'), await as('supervisor2')];
});
afterAll(() => server?.stop());

/** A request approved with decision `refund`, assigned to the agent, for a customer with cash in the range. */
async function approvedForRefund(filter: Record<string, unknown>) {
  const customer = await freeCustomer(agent, { outstandingAmount_lte: 0, ...filter });
  let request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
  request = await must(agent, request, 'approve', { balanceDecision: 'refund', effectiveDate: today() });
  return { customer, request };
}

describe('refunds', () => {
  it('when 50 refunds hit one request at once, then what is recorded plus pending never passes the cash, every refusal is exceeds_refundable, and the ledger has no drift', async () => {
    const { customer, request } = await approvedForRefund({ cashBalance_gte: 1_000 });
    const cash = customer.cashBalance;
    const amount = Math.max(1, Math.floor(cash / 7)); // some fit, most cannot
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => refund(i % 2 ? agent : supervisor, request.id, amount, `race-${i}`)));
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(ok.length).toBe(Math.floor(cash / amount));
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('exceeds_refundable');
    }
    const refunds = (await agent.list('refunds', { filter: { closureRequestId: request.id }, range: [0, 99] })).body;
    const total = refunds.filter((r: any) => r.status !== 'rejected').reduce((s: number, r: any) => s + r.amount, 0);
    expect(total).toBeLessThanOrEqual(cash);
    const after = (await agent.get(`/api/customers/${customer.id}`)).body;
    const recorded = refunds.filter((r: any) => r.status === 'recorded').reduce((s: number, r: any) => s + r.amount, 0);
    expect(after.cashBalance).toBe(cash - recorded);
    console.log(`refund race: 50 concurrent, ${ok.length} accepted, ${refused.length} refused, ${total} of ${cash} refunded or pending`);
    const { drifts } = await checkLedger(server.ctx);
    expect(drifts).toEqual([]);
  });

  it('when a refund is above the threshold, then it waits; its maker cannot approve it; another supervisor can', async () => {
    const { customer, request } = await approvedForRefund({ cashBalance_gte: 50_001 });
    const made = await refund(supervisor, request.id, customer.cashBalance);
    expect(made.status).toBe(201);
    expect(made.body.status).toBe('pending_approval');
    expect((await agent.get(`/api/customers/${customer.id}`)).body.cashBalance).toBe(customer.cashBalance);
    const blocked = await act(agent, (await agent.get(`/api/closure-requests/${request.id}`)).body, 'complete');
    expect(blocked.body.details).toContain('refunds_settled');
    const more = await refund(agent, request.id, 1);
    expect(more.body.code).toBe('exceeds_refundable');

    const own = await supervisor.post(`/api/refunds/${made.body.id}/actions/approve`, { note: 'ok' });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('same_person');
    expect((await agent.post(`/api/refunds/${made.body.id}/actions/approve`, {})).status).toBe(403);
    const approved = await supervisor2.post(`/api/refunds/${made.body.id}/actions/approve`, { note: 'Checked the payout' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'recorded', approvedById: supervisor2.user!.id, createdById: supervisor.user!.id });
    expect((await agent.get(`/api/customers/${customer.id}`)).body.cashBalance).toBe(0);
    const twice = await supervisor2.post(`/api/refunds/${made.body.id}/actions/approve`, {});
    expect(twice.body.code).toBe('invalid_transition');
    const done = await must(agent, (await agent.get(`/api/closure-requests/${request.id}`)).body, 'complete');
    expect(done.status).toBe('closing');
    expect((await waitForStatus(agent, request.id)).status).toBe('completed');
  });

  it('when a refund above the threshold is split into small ones, one after another, then the part past the threshold waits for a supervisor', async () => {
    const { customer, request } = await approvedForRefund({ cashBalance_gte: 70_000 });
    const statuses: string[] = [];
    for (let k = 0; k < 7; k++) {
      const made = await refund(agent, request.id, 10_000, `split-${request.id}-${k}`);
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      statuses.push(made.body.status);
    }
    // threshold 500.00: five refunds of 100.00 fit, the sixth and seventh wait
    expect(statuses).toEqual(['recorded', 'recorded', 'recorded', 'recorded', 'recorded', 'pending_approval', 'pending_approval']);
    expect((await agent.get(`/api/customers/${customer.id}`)).body.cashBalance).toBe(customer.cashBalance - 50_000);
    // a pending refund counts too: after one is approved, a new small one still waits
    const pending = (await agent.list('refunds', { filter: { closureRequestId: request.id, status: 'pending_approval' } })).body;
    expect((await supervisor.post(`/api/refunds/${pending[0].id}/actions/approve`, {})).status).toBe(200);
    expect((await refund(agent, request.id, 1, `split-${request.id}-last`)).body.status).toBe('pending_approval');
  });

  it('when 30 refunds of 100.00 by one agent hit one request at once, then at most the threshold is recorded without a supervisor', async () => {
    const { customer, request } = await approvedForRefund({ cashBalance_gte: 60_000 });
    const n = Math.min(30, Math.floor(customer.cashBalance / 10_000));
    const results = await Promise.all(Array.from({ length: n }, (_, k) => refund(agent, request.id, 10_000, `burst-${request.id}-${k}`)));
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(201);
    const refunds = (await agent.list('refunds', { filter: { closureRequestId: request.id }, range: [0, 99] })).body;
    const recorded = refunds.filter((r: any) => r.status === 'recorded');
    expect(recorded.reduce((s: number, r: any) => s + r.amount, 0)).toBe(50_000);
    expect(refunds.filter((r: any) => r.status === 'pending_approval')).toHaveLength(n - 5);
    expect((await agent.get(`/api/customers/${customer.id}`)).body.cashBalance).toBe(customer.cashBalance - 50_000);
    const { drifts } = await checkLedger(server.ctx);
    expect(drifts).toEqual([]);
  });

  it('when a pending refund is rejected, then nothing is debited and the cash can be refunded again', async () => {
    const { customer, request } = await approvedForRefund({ cashBalance_gte: 50_001 });
    const made = await refund(agent, request.id, customer.cashBalance);
    expect((await supervisor.post(`/api/refunds/${made.body.id}/actions/reject`, {})).status).toBe(400);
    const rejected = await supervisor.post(`/api/refunds/${made.body.id}/actions/reject`, { note: 'Wrong bank account' });
    expect(rejected.body).toMatchObject({ status: 'rejected', approvedById: supervisor.user!.id, decisionNote: 'Wrong bank account' });
    expect((await agent.get(`/api/customers/${customer.id}`)).body.cashBalance).toBe(customer.cashBalance);
    expect((await refund(agent, request.id, customer.cashBalance)).status).toBe(201);
  });

  it('when the same Idempotency-Key is sent again, then the same refund answers; with another body, 409', async () => {
    const { request } = await approvedForRefund({ cashBalance_gte: 200, cashBalance_lte: 50_000 });
    const first = await refund(agent, request.id, 100, 'same-key');
    const again = await refund(agent, request.id, 100, 'same-key');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await refund(agent, request.id, 101, 'same-key');
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('idempotency_conflict');
    const all = (await agent.list('refunds', { filter: { closureRequestId: request.id } })).body;
    expect(all).toHaveLength(1);
    const noKey = await agent.post('/api/refunds', { closureRequestId: request.id, amount: 1, method: 'other', payoutReference: 'x' });
    expect(noKey.status).toBe(400);
  });

  it('when amounts are bad, then 400 and nothing is recorded', async () => {
    const { customer, request } = await approvedForRefund({ cashBalance_gte: 200, cashBalance_lte: 50_000 });
    for (const amount of [-1, 0, 1.5, '100', null, 1e20]) {
      const res = await refund(agent, request.id, amount);
      expect(res.status, String(amount)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    const tooMuch = await refund(agent, request.id, customer.cashBalance + 1);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body).toMatchObject({ code: 'exceeds_refundable', details: [{ refundable: customer.cashBalance }] });
    expect((await agent.list('refunds', { filter: { closureRequestId: request.id } })).body).toHaveLength(0);
    const notMine = await refund(agent2, request.id, 1);
    expect(notMine.status).toBe(403);
  });

  it('when the request is not approved with decision refund, then refunds are refused', async () => {
    const customer = await freeCustomer(agent, { cashBalance_gte: 100, outstandingAmount_lte: 0 });
    let request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    expect((await refund(agent, request.id, 1)).body.code).toBe('invalid_transition');
    request = await must(agent, request, 'approve', { balanceDecision: 'forfeit', effectiveDate: today() });
    expect((await refund(agent, request.id, 1)).body.code).toBe('invalid_transition');
  });
});
